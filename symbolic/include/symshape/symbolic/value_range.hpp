// ValueRange: a sound integer interval [lo, hi] where either side may be
// infinite. Every operation returns an interval that contains every value the
// operation can produce for arguments in the input intervals (it may be wider,
// never narrower). Boolean ranges are sub-intervals of [0, 1].
//
// Endpoints are int64 and never wrap: an endpoint that would leave int64 is
// widened soundly (a lower bound below INT64_MIN becomes -oo, an upper bound
// above INT64_MAX becomes oo). Such values could never be produced by
// evaluation anyway (it throws OverflowError), so nothing is lost.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "symshape/symbolic/expr.hpp"
#include "symshape/symbolic/symbol_domain.hpp"

namespace symshape {

class ValueRange {
 public:
  // Unbounded both ways.
  ValueRange() = default;
  static ValueRange all() { return {}; }
  static ValueRange point(int64_t v) { return between(v, v); }
  static ValueRange between(int64_t lo, int64_t hi);  // lo <= hi required (else empty)
  static ValueRange at_least(int64_t lo);
  static ValueRange at_most(int64_t hi);
  static ValueRange nonnegative() { return at_least(0); }
  static ValueRange boolean() { return between(0, 1); }
  // The interval with no values (an unsatisfiable domain).
  static ValueRange empty();
  // nullopt is an infinite side; lo > hi gives the empty range.
  static ValueRange from_bounds(std::optional<int64_t> lo, std::optional<int64_t> hi);

  // For an empty range has_lo()/has_hi() are false: check is_empty() first.
  bool has_lo() const { return lo_.has_value(); }
  bool has_hi() const { return hi_.has_value(); }
  int64_t lo() const { return *lo_; }  // only if has_lo()
  int64_t hi() const { return *hi_; }  // only if has_hi()
  std::optional<int64_t> lo_opt() const { return lo_; }
  std::optional<int64_t> hi_opt() const { return hi_; }
  bool is_point() const { return lo_ && hi_ && *lo_ == *hi_; }
  bool contains(int64_t v) const {
    return !empty_ && (!lo_ || *lo_ <= v) && (!hi_ || v <= *hi_);
  }
  bool is_empty() const { return empty_; }
  // Every value is >= v / <= v (false for an empty range, which proves nothing
  // useful to callers that rewrite expressions).
  bool all_at_least(int64_t v) const { return !empty_ && lo_ && *lo_ >= v; }
  bool all_at_most(int64_t v) const { return !empty_ && hi_ && *hi_ <= v; }
  // For a boolean range: true for [1, 1], false for [0, 0], nullopt otherwise
  // (undecided, or empty).
  std::optional<bool> truth() const;

  // Every value of this range lies in `o`, and there is one (false when
  // either range is empty, which proves nothing to callers).
  bool within(const ValueRange& o) const {
    return !empty_ && !o.empty_ && (!o.lo_ || (lo_ && *lo_ >= *o.lo_)) && (!o.hi_ || (hi_ && *hi_ <= *o.hi_));
  }
  ValueRange intersect(const ValueRange& o) const;  // may be empty
  ValueRange hull(const ValueRange& o) const;

  // "[lo, hi]" with -oo / oo; "empty" for the empty range.
  std::string to_string() const;
  friend bool operator==(const ValueRange&, const ValueRange&) = default;

 private:
  std::optional<int64_t> lo_, hi_;
  bool empty_ = false;  // when set, lo_ and hi_ are both nullopt
};

// Interval arithmetic with Python integer semantics. An empty argument gives an
// empty result.
ValueRange range_neg(const ValueRange& a);
ValueRange range_add(const ValueRange& a, const ValueRange& b);
ValueRange range_sub(const ValueRange& a, const ValueRange& b);
ValueRange range_mul(const ValueRange& a, const ValueRange& b);
// a // b and a % b. Division by zero throws at evaluation, so it produces no
// value: when b contains 0 the result covers what the nonzero divisors in b can
// give, and b == [0, 0] gives the empty range.
ValueRange range_floordiv(const ValueRange& a, const ValueRange& b);
ValueRange range_mod(const ValueRange& a, const ValueRange& b);
// a ** exponent, exponent >= 0 (a negative exponent gives all()).
ValueRange range_pow(const ValueRange& a, int64_t exponent);
ValueRange range_min(const ValueRange& a, const ValueRange& b);
ValueRange range_max(const ValueRange& a, const ValueRange& b);
// Truth of a relation between values in a and b, as a boolean range.
ValueRange range_eq(const ValueRange& a, const ValueRange& b);
ValueRange range_ne(const ValueRange& a, const ValueRange& b);
ValueRange range_lt(const ValueRange& a, const ValueRange& b);
ValueRange range_le(const ValueRange& a, const ValueRange& b);
// Connectives on boolean ranges.
ValueRange range_and(const ValueRange& a, const ValueRange& b);
ValueRange range_or(const ValueRange& a, const ValueRange& b);
ValueRange range_not(const ValueRange& a);

// The range of each symbol: the listed ones as given, the others as their
// domain says (by kind: sizes [0, oo), unbacked symbols (-oo, oo); see
// symbol_domain.hpp).
struct RangeEnv {
  SymbolDomain domain;
  std::unordered_map<Expr, ValueRange, ExprHash> symbols;

  ValueRange of_symbol(Expr sym) const;
};

// Sound interval of `e` computed bottom-up (booleans: [1,1] proved true,
// [0,0] proved false, [0,1] undecided). Sums are bounded with common factors
// pulled out (s2*(4*s0*s1 - 8) rather than 4*s0*s1*s2 - 8*s2), so products of
// sizes keep their sign information.
ValueRange bound(Expr e, const RangeEnv& env);

// Sound interval of the integer value a - b, computed on the combined sum
// without building it (terms that cancel are dropped first), with the same
// factoring as `bound`. Relations are decided through this.
ValueRange bound_difference(Expr a, Expr b, const RangeEnv& env);

// true / false when the ranges decide the boolean `cond`, nullopt otherwise.
std::optional<bool> decide_by_ranges(Expr cond, const RangeEnv& env);

// Range-aware simplification: rules that are sound only because of ranges
// (Max(1, s0) -> s0 when s0 >= 1; FloorDiv(s0, s0) -> 1 when s0 >= 1; a // b -> 0
// when 0 <= a < b; Mod(a, b) -> a likewise; relations decided by the ranges
// fold to True/False; see range_simplify.cpp for the full list). The result is
// equivalent to `e` for every assignment within the ranges at which `e`
// evaluates without error; a rewrite may remove an error (a point where `e`
// divides by zero or overflows) but never introduces a division by zero. One
// known limit: the result is rebuilt through the canonical constructors, whose
// normal forms (a relation with every term on one side) can need a larger
// intermediate than `e` did, so within a factor of about two of int64's limits
// it may overflow at a point where `e` just fit.
Expr simplify(Expr e, const RangeEnv& env);

}  // namespace symshape
