// Interval: integer interval arithmetic for the prover's cheap tiers, with
// infinite ends and no wrapping. Results that leave int64 are widened soundly:
// an upper end that overflows upward becomes +oo, a lower end that overflows
// downward becomes -oo, and an end that overflows "inward" (a lower bound above
// INT64_MAX) is clamped to the int64 limit, which is still a valid, weaker bound.
#pragma once

#include <cstdint>
#include <optional>

#include "symshape/symbolic/value_range.hpp"

namespace symshape {

struct Interval {
  std::optional<int64_t> lo, hi;  // nullopt = infinite

  static Interval all() { return {}; }
  static Interval point(int64_t v) { return {v, v}; }
  static Interval from(const ValueRange& r);
  ValueRange to_range() const;  // requires !is_empty()

  bool is_empty() const { return lo && hi && *lo > *hi; }
  bool contains(int64_t v) const { return (!lo || *lo <= v) && (!hi || v <= *hi); }
  bool is_point() const { return lo && hi && *lo == *hi; }
  bool excludes_zero() const { return !contains(0); }

  Interval intersect(const Interval& o) const;
};

Interval operator+(const Interval& a, const Interval& b);
Interval operator-(const Interval& a);
Interval operator*(const Interval& a, const Interval& b);
Interval scale(const Interval& a, int64_t k);
Interval power(const Interval& a, int64_t exponent);

}  // namespace symshape
