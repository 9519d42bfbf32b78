// ValueRange: a sound integer interval [lo, hi] where either side may be
// infinite. Every operation returns an interval that contains every value the
// operation can produce for arguments in the input intervals (it may be wider,
// never narrower). Boolean ranges are sub-intervals of [0, 1].
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "symshape/symbolic/expr.hpp"

namespace symshape {

class ValueRange {
 public:
  // Unbounded both ways.
  ValueRange() = default;
  static ValueRange all() { return {}; }
  static ValueRange point(int64_t v) { return between(v, v); }
  static ValueRange between(int64_t lo, int64_t hi);  // lo <= hi required
  static ValueRange at_least(int64_t lo);
  static ValueRange at_most(int64_t hi);
  static ValueRange nonnegative() { return at_least(0); }
  static ValueRange boolean() { return between(0, 1); }

  bool has_lo() const { return lo_.has_value(); }
  bool has_hi() const { return hi_.has_value(); }
  int64_t lo() const { return *lo_; }  // only if has_lo()
  int64_t hi() const { return *hi_; }  // only if has_hi()
  std::optional<int64_t> lo_opt() const { return lo_; }
  std::optional<int64_t> hi_opt() const { return hi_; }
  bool is_point() const { return lo_ && hi_ && *lo_ == *hi_; }
  bool contains(int64_t v) const { return (!lo_ || *lo_ <= v) && (!hi_ || v <= *hi_); }
  bool is_empty() const { return empty_; }

  ValueRange intersect(const ValueRange& o) const;  // may be empty
  ValueRange hull(const ValueRange& o) const;

  // "[lo, hi]" with -oo / oo.
  std::string to_string() const;
  friend bool operator==(const ValueRange&, const ValueRange&) = default;

 private:
  std::optional<int64_t> lo_, hi_;
  bool empty_ = false;
};

// The range of each symbol, with a default for symbols not listed (sizes:
// [0, oo); with --any-sign: (-oo, oo)).
struct RangeEnv {
  ValueRange default_range = ValueRange::nonnegative();
  std::unordered_map<Expr, ValueRange, ExprHash> symbols;

  ValueRange of_symbol(Expr sym) const;
};

// Sound interval of `e` computed bottom-up (booleans: [1,1] proved true,
// [0,0] proved false, [0,1] undecided).
ValueRange bound(Expr e, const RangeEnv& env);

// Range-aware simplification: rules that are sound only because of ranges
// (Max(1, s0) -> s0 when s0 >= 1; FloorDiv(s0, s0) -> 1 when s0 >= 1; a // b -> 0
// when 0 <= a < b; Mod(a, b) -> a likewise; relations decided by the ranges
// fold to True/False). The result is equivalent to `e` for every assignment
// within the ranges.
Expr simplify(Expr e, const RangeEnv& env);

}  // namespace symshape
