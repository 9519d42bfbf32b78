// Checked int64 arithmetic with Python semantics. The compiler builtins detect
// overflow exactly, so no intermediate ever wraps.
#include "symshape/symbolic/int_math.hpp"

#include <limits>
#include <string>

#include "symshape/symbolic/errors.hpp"

namespace symshape {

namespace {

[[noreturn]] void overflow(const char* op, int64_t a, int64_t b) {
  throw OverflowError("integer overflow: " + std::to_string(a) + " " + op + " " + std::to_string(b) +
                      " does not fit in int64");
}

void require_nonzero_divisor(int64_t a, int64_t b, const char* op) {
  if (b == 0) throw DivisionByZeroError("division by zero: " + std::to_string(a) + " " + op + " 0");
}

}  // namespace

int64_t checked_add(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) overflow("+", a, b);
  return r;
}

int64_t checked_sub(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) overflow("-", a, b);
  return r;
}

int64_t checked_mul(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) overflow("*", a, b);
  return r;
}

int64_t checked_neg(int64_t a) {
  if (a == std::numeric_limits<int64_t>::min()) {
    throw OverflowError("integer overflow: -(" + std::to_string(a) + ") does not fit in int64");
  }
  return -a;
}

int64_t floor_div(int64_t a, int64_t b) {
  require_nonzero_divisor(a, b, "//");
  // The only C++ division that overflows is INT64_MIN / -1 (2^63).
  if (b == -1) return checked_neg(a);
  int64_t q = a / b;
  // C++ truncates toward zero; step down when the exact quotient is negative
  // and not whole.
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int64_t python_mod(int64_t a, int64_t b) {
  require_nonzero_divisor(a, b, "%");
  if (b == -1) return 0;  // avoids INT64_MIN % -1, which traps
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

int64_t ceil_div(int64_t a, int64_t b) {
  require_nonzero_divisor(a, b, "ceildiv");
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
  // Cheap exact answers for the bases whose powers never grow, so huge
  // exponents do not loop needlessly.
  if (base == 0) return exp == 0 ? 1 : 0;
  if (base == 1) return 1;
  if (base == -1) return (exp % 2 == 0) ? 1 : -1;
  int64_t result = 1;
  int64_t b = base;
  int64_t e = exp;
  while (true) {
    if (e & 1) {
      if (__builtin_mul_overflow(result, b, &result)) overflow("**", base, exp);
    }
    e >>= 1;
    if (e == 0) break;
    // |base| >= 2 and a higher bit remains, so the final result is at least
    // b*b in magnitude: if squaring overflows, so does the result.
    if (__builtin_mul_overflow(b, b, &b)) overflow("**", base, exp);
  }
  return result;
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
