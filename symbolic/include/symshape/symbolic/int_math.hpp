// Checked int64 arithmetic with Python semantics. Every function throws
// OverflowError instead of wrapping and DivisionByZeroError on a zero divisor.
#pragma once

#include <cstdint>

namespace symshape {

int64_t checked_add(int64_t a, int64_t b);
int64_t checked_sub(int64_t a, int64_t b);
int64_t checked_mul(int64_t a, int64_t b);
int64_t checked_neg(int64_t a);
// Python `a // b`: rounds toward negative infinity.
int64_t floor_div(int64_t a, int64_t b);
// Python `a % b`: the result has the sign of b (or is 0).
int64_t python_mod(int64_t a, int64_t b);
// Ceiling division, -((-a) // b).
int64_t ceil_div(int64_t a, int64_t b);
// base ** exp for exp >= 0 (UnsupportedError for exp < 0).
int64_t checked_pow(int64_t base, int64_t exp);
// Non-negative gcd; gcd(0, 0) == 0. Throws OverflowError for gcd == 2^63.
int64_t gcd(int64_t a, int64_t b);

}  // namespace symshape
