// Checked int64 arithmetic with Python semantics that reports problems as a
// status instead of throwing (int_math.hpp throws). Guard evaluation runs on
// every cache lookup; an exception there would cost far more than the check,
// and an error must become "this guard failed", not unwind the caller.
//
// Every function returns EvalError::None and writes `out`, or returns the
// error and leaves `out` unspecified. Nothing ever wraps.
#pragma once

#include <cstdint>
#include <limits>

#include "symshape/guards/guard_result.hpp"

namespace symshape::guard_math {

inline EvalError add(int64_t a, int64_t b, int64_t& out) {
  return __builtin_add_overflow(a, b, &out) ? EvalError::Overflow : EvalError::None;
}

inline EvalError mul(int64_t a, int64_t b, int64_t& out) {
  return __builtin_mul_overflow(a, b, &out) ? EvalError::Overflow : EvalError::None;
}

// Python `a // b`: rounds toward negative infinity. INT64_MIN // -1 is 2^63,
// which does not fit.
inline EvalError floordiv(int64_t a, int64_t b, int64_t& out) {
  if (b == 0) return EvalError::DivisionByZero;
  if (b == -1) {
    if (a == std::numeric_limits<int64_t>::min()) return EvalError::Overflow;
    out = -a;
    return EvalError::None;
  }
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  out = q;
  return EvalError::None;
}

// Python `a % b`: the result has the sign of b (or is 0). Never overflows:
// |result| < |b|.
inline EvalError mod(int64_t a, int64_t b, int64_t& out) {
  if (b == 0) return EvalError::DivisionByZero;
  if (b == -1) {  // C++ INT64_MIN % -1 is undefined; Python gives 0 for any a
    out = 0;
    return EvalError::None;
  }
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  out = r;
  return EvalError::None;
}

// base ** exp for exp >= 0 by squaring. Only squares while bits of the
// exponent remain, so an intermediate never overflows when the result fits
// (for |base| >= 2 each squared power divides the result).
inline EvalError pow(int64_t base, int64_t exp, int64_t& out) {
  if (exp < 0) return EvalError::Overflow;  // never built: pow() rejects it
  if (base == 0) {
    out = exp == 0 ? 1 : 0;
    return EvalError::None;
  }
  if (base == 1) {
    out = 1;
    return EvalError::None;
  }
  if (base == -1) {
    out = (exp % 2 == 0) ? 1 : -1;
    return EvalError::None;
  }
  int64_t result = 1;
  int64_t square = base;
  while (true) {
    if (exp & 1) {
      if (__builtin_mul_overflow(result, square, &result)) return EvalError::Overflow;
    }
    exp >>= 1;
    if (exp == 0) break;
    if (__builtin_mul_overflow(square, square, &square)) return EvalError::Overflow;
  }
  out = result;
  return EvalError::None;
}

}  // namespace symshape::guard_math
