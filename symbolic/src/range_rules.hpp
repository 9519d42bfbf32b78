// Range-guarded FloorDiv/Mod rules of the range simplifier (range_simplify.cpp),
// each in range_rules_divmod.cpp. Private to the symbolic library.
#pragma once

#include <cstdint>
#include <optional>

#include "range_analyzer.hpp"

namespace symshape::range_detail {

// a == k*high + low with 0 <= low < k on the ranges, for a divisor d == k*m
// (k > 1 divides d). Then a // d == high // m and a % d == k*(high % m) + low:
// (64*s0 + s1)//64 is s0 and (8*s0 + s1)//16 is s0//2 when s1 is in [0, 7].
struct LowTermsSplit {
  Expr high, low;
  int64_t k, m;
};
std::optional<LowTermsSplit> split_low_terms(Expr a, int64_t d, RangeAnalyzer& ranges);

// a == g*a2 and b == g*b2 for the largest monomial g over the factors that all
// terms of a and b share and that the ranges keep away from 0. Then a // b ==
// a2 // b2 and a % b == g*(a2 % b2) (floor(g*x / (g*y)) == floor(x / y) for
// g != 0), and b == 0 exactly where b2 == 0, so no division by zero is lost.
struct CommonFactorSplit {
  Expr g, a, b;
};
std::optional<CommonFactorSplit> split_common_factor(Expr a, Expr b, RangeAnalyzer& ranges);

}  // namespace symshape::range_detail
