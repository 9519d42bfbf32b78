// Checked int64 arithmetic: Python semantics for // and %, and errors instead
// of wrapping. Edge cases near INT64_MIN/MAX are checked against 128-bit math.
#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

TEST(IntMath, FloorDivRoundsTowardNegativeInfinity) {
  struct Case { int64_t a, b, q, r; };
  // Values as Python prints them for a // b and a % b.
  const Case cases[] = {
      {7, 2, 3, 1},   {-7, 2, -4, 1}, {7, -2, -4, -1}, {-7, -2, 3, -1}, {6, 3, 2, 0},
      {-6, 3, -2, 0}, {0, 5, 0, 0},   {0, -5, 0, 0},   {1, 7, 0, 1},    {-1, 7, -1, 6},
      {kMax, 1, kMax, 0}, {kMin, 1, kMin, 0}, {kMin, 2, kMin / 2, 0}, {kMin, kMax, -2, kMax - 1},
      {kMax, kMin, -1, -1}, {kMin, kMin, 1, 0}, {kMin + 1, -1, kMax, 0},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(floor_div(c.a, c.b), c.q) << c.a << " // " << c.b;
    EXPECT_EQ(python_mod(c.a, c.b), c.r) << c.a << " % " << c.b;
  }
}

TEST(IntMath, ModByMinusOneIsZeroEvenForMin) {
  EXPECT_EQ(python_mod(kMin, -1), 0);
  EXPECT_EQ(python_mod(5, -1), 0);
}

TEST(IntMath, DivisionByZeroThrows) {
  EXPECT_THROW(floor_div(1, 0), DivisionByZeroError);
  EXPECT_THROW(python_mod(1, 0), DivisionByZeroError);
  EXPECT_THROW(ceil_div(1, 0), DivisionByZeroError);
  EXPECT_THROW(floor_div(0, 0), DivisionByZeroError);
}

TEST(IntMath, OverflowThrowsInsteadOfWrapping) {
  EXPECT_THROW(checked_add(kMax, 1), OverflowError);
  EXPECT_THROW(checked_add(kMin, -1), OverflowError);
  EXPECT_THROW(checked_sub(kMin, 1), OverflowError);
  EXPECT_THROW(checked_sub(0, kMin), OverflowError);
  EXPECT_THROW(checked_mul(kMax, 2), OverflowError);
  EXPECT_THROW(checked_mul(kMin, -1), OverflowError);
  EXPECT_THROW(checked_neg(kMin), OverflowError);
  EXPECT_THROW(floor_div(kMin, -1), OverflowError);
  EXPECT_THROW(ceil_div(kMin, -1), OverflowError);
  EXPECT_THROW(checked_pow(2, 63), OverflowError);
  EXPECT_THROW(checked_pow(3, 40), OverflowError);
  EXPECT_THROW(gcd(kMin, 0), OverflowError);
  EXPECT_THROW(gcd(kMin, kMin), OverflowError);
  EXPECT_EQ(checked_add(kMax, kMin), -1);
  EXPECT_EQ(checked_mul(kMin, 1), kMin);
  EXPECT_EQ(checked_neg(kMax), -kMax);
}

TEST(IntMath, CeilDiv) {
  EXPECT_EQ(ceil_div(7, 2), 4);
  EXPECT_EQ(ceil_div(-7, 2), -3);
  EXPECT_EQ(ceil_div(7, -2), -3);
  EXPECT_EQ(ceil_div(-7, -2), 4);
  EXPECT_EQ(ceil_div(6, 3), 2);
  EXPECT_EQ(ceil_div(kMin, 2), kMin / 2);
  EXPECT_EQ(ceil_div(kMax, 2), kMax / 2 + 1);
  EXPECT_EQ(ceil_div(kMin, kMax), -1);
}

TEST(IntMath, Pow) {
  EXPECT_EQ(checked_pow(0, 0), 1);  // Python: 0 ** 0 == 1
  EXPECT_EQ(checked_pow(0, 5), 0);
  EXPECT_EQ(checked_pow(-1, kMax), -1);
  EXPECT_EQ(checked_pow(-1, kMax - 1), 1);
  EXPECT_EQ(checked_pow(1, kMax), 1);
  EXPECT_EQ(checked_pow(2, 62), int64_t{1} << 62);
  EXPECT_EQ(checked_pow(-2, 63), kMin);
  EXPECT_EQ(checked_pow(-3, 3), -27);
  EXPECT_EQ(checked_pow(10, 18), 1000000000000000000);
  EXPECT_THROW(checked_pow(2, -1), UnsupportedError);
}

TEST(IntMath, Gcd) {
  EXPECT_EQ(gcd(0, 0), 0);
  EXPECT_EQ(gcd(12, 18), 6);
  EXPECT_EQ(gcd(-12, 18), 6);
  EXPECT_EQ(gcd(-12, -18), 6);
  EXPECT_EQ(gcd(0, -7), 7);
  EXPECT_EQ(gcd(kMin, 6), 2);
  EXPECT_EQ(gcd(kMin, kMax), 1);
}

// A random operand: anywhere, small, or within 4 of INT64_MAX or INT64_MIN,
// where overflow and rounding go wrong if anywhere.
int64_t int_math_operand(std::mt19937_64& rng) {
  switch (rng() % 4) {
    case 0: return static_cast<int64_t>(rng());
    case 1: return static_cast<int64_t>(rng() % 41) - 20;
    case 2: return kMax - static_cast<int64_t>(rng() % 5);
    default: return kMin + static_cast<int64_t>(rng() % 5);
  }
}

// Random operands (biased toward the int64 edges) against __int128 math.
TEST(IntMath, RandomOperandsMatch128BitArithmetic) {
  std::mt19937_64 rng(12345);
  auto pick = [&] { return int_math_operand(rng); };
  auto fits = [](__int128 v) { return v >= kMin && v <= kMax; };
  for (int i = 0; i < 5000; ++i) {
    int64_t a = pick(), b = pick();
    __int128 A = a, B = b;
    if (fits(A + B)) EXPECT_EQ(checked_add(a, b), static_cast<int64_t>(A + B)); else EXPECT_THROW(checked_add(a, b), OverflowError);
    if (fits(A - B)) EXPECT_EQ(checked_sub(a, b), static_cast<int64_t>(A - B)); else EXPECT_THROW(checked_sub(a, b), OverflowError);
    if (fits(A * B)) EXPECT_EQ(checked_mul(a, b), static_cast<int64_t>(A * B)); else EXPECT_THROW(checked_mul(a, b), OverflowError);
    if (b == 0) continue;
    __int128 q = A / B, r = A % B;
    if (r != 0 && ((r < 0) != (B < 0))) { q -= 1; r += B; }
    EXPECT_EQ(floor_div128(A, B), q) << a << " // " << b;
    if (fits(q)) EXPECT_EQ(floor_div(a, b), static_cast<int64_t>(q)) << a << " // " << b;
    else EXPECT_THROW(floor_div(a, b), OverflowError);
    EXPECT_EQ(python_mod(a, b), static_cast<int64_t>(r)) << a << " % " << b;
    __int128 c = -((-A) / B - (((-A) % B != 0 && (((-A) % B < 0) != (B < 0))) ? 1 : 0));
    if (fits(c)) EXPECT_EQ(ceil_div(a, b), static_cast<int64_t>(c)) << "ceil " << a << " / " << b;
    else EXPECT_THROW(ceil_div(a, b), OverflowError);
  }
}

// floor_div128 on products of int64 values (bound arithmetic's operands,
// outside int64): q*b + r == a with r between 0 and b, b excluded.
TEST(IntMath, FloorDiv128OnWideOperandsLeavesARemainderWithTheDivisorsSign) {
  std::mt19937_64 rng(777);
  auto pick = [&] { return int_math_operand(rng); };
  for (int i = 0; i < 5000; ++i) {
    const __int128 a = static_cast<__int128>(pick()) * pick();
    const int64_t b = pick();
    if (b == 0) continue;
    const __int128 q = floor_div128(a, b), r = a - q * b;
    if (b > 0) EXPECT_TRUE(r >= 0 && r < b) << static_cast<long double>(a) << " // " << b;
    else EXPECT_TRUE(r <= 0 && r > b) << static_cast<long double>(a) << " // " << b;
  }
}

// The status form (guard evaluation's fast path) reports what the throwing
// form throws, as a value, and never throws itself.
TEST(IntMath, StatusFormReportsErrorsAsValues) {
  int64_t out = 0;
  static_assert(noexcept(try_floor_div(1, 1, out)) && noexcept(try_pow(2, 2, out)));
  EXPECT_EQ(try_floor_div(1, 0, out), IntError::DivisionByZero);
  EXPECT_EQ(try_mod(1, 0, out), IntError::DivisionByZero);
  EXPECT_EQ(try_floor_div(kMin, -1, out), IntError::Overflow);
  EXPECT_EQ(try_mod(kMin, -1, out), IntError::None);
  EXPECT_EQ(out, 0);
  EXPECT_EQ(try_add(kMax, 1, out), IntError::Overflow);
  EXPECT_EQ(try_sub(kMin, 1, out), IntError::Overflow);
  EXPECT_EQ(try_mul(kMin, -1, out), IntError::Overflow);
  EXPECT_EQ(try_pow(2, 63, out), IntError::Overflow);
  EXPECT_EQ(try_pow(-2, 63, out), IntError::None);
  EXPECT_EQ(out, kMin);
  EXPECT_EQ(try_pow(-1, kMax, out), IntError::None);
  EXPECT_EQ(out, -1);
  EXPECT_EQ(try_pow(0, 0, out), IntError::None);
  EXPECT_EQ(out, 1);
  EXPECT_EQ(try_floor_div(-7, 2, out), IntError::None);
  EXPECT_EQ(out, -4);
  EXPECT_THROW(floor_div(kMin, -1), OverflowError);
  EXPECT_THROW(checked_pow(2, 63), OverflowError);
}

}  // namespace
}  // namespace symshape
