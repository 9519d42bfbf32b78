// Checked int64 arithmetic with Python semantics, in two forms over one
// implementation:
//  - the status form (IntError try_*(..., out), inline, noexcept) for hot
//    loops such as guard evaluation, where an exception would cost far more
//    than the check and an error must become "this guard failed";
//  - the throwing form (checked_add, floor_div, ...), which reports the status
//    form's error as OverflowError / DivisionByZeroError with the operands.
// Nothing ever wraps: the compiler builtins detect overflow exactly.
#pragma once

#include <cstdint>
#include <limits>

namespace symshape {

// Why a checked operation has no int64 answer.
enum class IntError : uint8_t { None, Overflow, DivisionByZero };

// Each try_* returns IntError::None and writes `out`, or returns the error and
// leaves `out` unspecified.
inline IntError try_add(int64_t a, int64_t b, int64_t& out) noexcept {
  return __builtin_add_overflow(a, b, &out) ? IntError::Overflow : IntError::None;
}

inline IntError try_sub(int64_t a, int64_t b, int64_t& out) noexcept {
  return __builtin_sub_overflow(a, b, &out) ? IntError::Overflow : IntError::None;
}

inline IntError try_mul(int64_t a, int64_t b, int64_t& out) noexcept {
  return __builtin_mul_overflow(a, b, &out) ? IntError::Overflow : IntError::None;
}

// Python `a // b`: rounds toward negative infinity. INT64_MIN // -1 is 2^63,
// which does not fit.
inline IntError try_floor_div(int64_t a, int64_t b, int64_t& out) noexcept {
  if (b == 0) return IntError::DivisionByZero;
  if (b == -1) {
    if (a == std::numeric_limits<int64_t>::min()) return IntError::Overflow;
    out = -a;
    return IntError::None;
  }
  int64_t q = a / b;
  // C++ truncates toward zero; step down when the exact quotient is negative
  // and not whole.
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  out = q;
  return IntError::None;
}

// Python `a // b` in 128 bits, for bound arithmetic on int64 operands and
// their products, which cannot overflow there. b != 0.
inline __int128 floor_div128(__int128 a, __int128 b) noexcept {
  __int128 q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// Python `a % b`: the result has the sign of b (or is 0). Never overflows:
// |result| < |b|.
inline IntError try_mod(int64_t a, int64_t b, int64_t& out) noexcept {
  if (b == 0) return IntError::DivisionByZero;
  if (b == -1) {  // C++ INT64_MIN % -1 is undefined; Python gives 0 for any a
    out = 0;
    return IntError::None;
  }
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  out = r;
  return IntError::None;
}

// base ** exp for exp >= 0 by squaring (a negative exponent reports Overflow:
// the expression builder never makes one, and checked_pow rejects it first).
// Only squares while bits of the exponent remain, so an intermediate never
// overflows when the result fits (for |base| >= 2 each squared power divides
// the result). Bases 0 and +-1 answer at once, so huge exponents never loop.
inline IntError try_pow(int64_t base, int64_t exp, int64_t& out) noexcept {
  if (exp < 0) return IntError::Overflow;
  if (base == 0 || base == 1) {
    out = (base == 1 || exp == 0) ? 1 : 0;
    return IntError::None;
  }
  if (base == -1) {
    out = (exp % 2 == 0) ? 1 : -1;
    return IntError::None;
  }
  int64_t result = 1;
  int64_t square = base;
  while (true) {
    if (exp & 1) {
      if (__builtin_mul_overflow(result, square, &result)) return IntError::Overflow;
    }
    exp >>= 1;
    if (exp == 0) break;
    if (__builtin_mul_overflow(square, square, &square)) return IntError::Overflow;
  }
  out = result;
  return IntError::None;
}

// The throwing form: OverflowError instead of wrapping, DivisionByZeroError
// on a zero divisor.
int64_t checked_add(int64_t a, int64_t b);
int64_t checked_sub(int64_t a, int64_t b);
int64_t checked_mul(int64_t a, int64_t b);
int64_t checked_neg(int64_t a);
// Python `a // b`.
int64_t floor_div(int64_t a, int64_t b);
// Python `a % b`.
int64_t python_mod(int64_t a, int64_t b);
// Ceiling division, -((-a) // b).
int64_t ceil_div(int64_t a, int64_t b);
// base ** exp for exp >= 0 (UnsupportedError for exp < 0).
int64_t checked_pow(int64_t base, int64_t exp);
// Non-negative gcd; gcd(0, 0) == 0. Throws OverflowError for gcd == 2^63.
int64_t gcd(int64_t a, int64_t b);

}  // namespace symshape
