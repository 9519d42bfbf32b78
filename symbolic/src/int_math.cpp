// The throwing form of int_math.hpp: each function runs the inline status
// form and turns its error into an exception that names the operands.
#include "symshape/symbolic/int_math.hpp"

#include <limits>
#include <string>

#include "symshape/symbolic/errors.hpp"

namespace symshape {

namespace {

// Turns a status-form error into the exception that names the operation.
int64_t or_throw(IntError err, int64_t result, const char* op, int64_t a, int64_t b) {
  if (err == IntError::DivisionByZero) {
    throw DivisionByZeroError("division by zero: " + std::to_string(a) + " " + op + " 0");
  }
  if (err == IntError::Overflow) {
    throw OverflowError("integer overflow: " + std::to_string(a) + " " + op + " " + std::to_string(b) +
                        " does not fit in int64");
  }
  return result;
}

// Runs the status form `op` and throws its error.
template <IntError (*op)(int64_t, int64_t, int64_t&) noexcept>
int64_t checked(int64_t a, int64_t b, const char* symbol) {
  int64_t r = 0;
  const IntError err = op(a, b, r);  // before r is read
  return or_throw(err, r, symbol, a, b);
}

}  // namespace

int64_t checked_add(int64_t a, int64_t b) { return checked<try_add>(a, b, "+"); }
int64_t checked_sub(int64_t a, int64_t b) { return checked<try_sub>(a, b, "-"); }
int64_t checked_mul(int64_t a, int64_t b) { return checked<try_mul>(a, b, "*"); }

int64_t checked_neg(int64_t a) {
  if (a == std::numeric_limits<int64_t>::min()) {
    throw OverflowError("integer overflow: -(" + std::to_string(a) + ") does not fit in int64");
  }
  return -a;
}

int64_t floor_div(int64_t a, int64_t b) { return checked<try_floor_div>(a, b, "//"); }
int64_t python_mod(int64_t a, int64_t b) { return checked<try_mod>(a, b, "%"); }

int64_t ceil_div(int64_t a, int64_t b) {
  if (b == 0) throw DivisionByZeroError("division by zero: " + std::to_string(a) + " ceildiv 0");
  if (b == -1) return checked_neg(a);
  int64_t q = a / b;
  // Truncation rounds toward zero; step up when the exact quotient is positive
  // and not whole. Written this way so `-a` (which may overflow) is never formed.
  if ((a % b != 0) && ((a < 0) == (b < 0))) ++q;
  return q;
}

int64_t checked_pow(int64_t base, int64_t exp) {
  if (exp < 0) {
    throw UnsupportedError("negative exponent " + std::to_string(exp) + " (only natural exponents are supported)");
  }
  return checked<try_pow>(base, exp, "**");
}

int64_t gcd(int64_t a, int64_t b) {
  // Work on magnitudes as unsigned so |INT64_MIN| = 2^63 is representable.
  uint64_t x = a < 0 ? 0 - static_cast<uint64_t>(a) : static_cast<uint64_t>(a);
  uint64_t y = b < 0 ? 0 - static_cast<uint64_t>(b) : static_cast<uint64_t>(b);
  while (y != 0) {
    uint64_t t = x % y;
    x = y;
    y = t;
  }
  if (x > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    throw OverflowError("integer overflow: gcd(" + std::to_string(a) + ", " + std::to_string(b) +
                        ") = 2^63 does not fit in int64");
  }
  return static_cast<int64_t>(x);
}

}  // namespace symshape
