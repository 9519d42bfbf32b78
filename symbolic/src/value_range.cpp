// Interval arithmetic on ValueRange.
//
// Endpoints are computed exactly in 128-bit arithmetic on "extended" integers
// (finite or +-infinity) and only then narrowed back to int64, widening an
// endpoint that does not fit (see value_range.hpp). One operation combines at
// most two int64 endpoints, so a product (< 2^126) or a sum never overflows the
// 128-bit intermediate.
#include "symshape/symbolic/value_range.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <limits>

#include "symshape/symbolic/int_math.hpp"

namespace symshape {

namespace {

using i128 = __int128;

constexpr i128 kInt64Min = std::numeric_limits<int64_t>::min();
constexpr i128 kInt64Max = std::numeric_limits<int64_t>::max();

// An extended integer: finite, or -oo / +oo.
struct Ext {
  int inf = 0;  // -1: -oo, +1: +oo, 0: finite `v`
  i128 v = 0;

  static Ext fin(i128 x) { return {0, x}; }
  static Ext neg_inf() { return {-1, 0}; }
  static Ext pos_inf() { return {+1, 0}; }
  bool finite() const { return inf == 0; }
  int sign() const { return inf != 0 ? inf : (v > 0) - (v < 0); }
};

bool operator<(const Ext& a, const Ext& b) {
  if (a.inf != b.inf) return a.inf < b.inf;
  return a.inf == 0 && a.v < b.v;
}
bool operator<=(const Ext& a, const Ext& b) { return !(b < a); }
Ext ext_min(const Ext& a, const Ext& b) { return b < a ? b : a; }
Ext ext_max(const Ext& a, const Ext& b) { return a < b ? b : a; }

Ext ext_neg(const Ext& a) { return a.finite() ? Ext::fin(-a.v) : Ext{-a.inf, 0}; }

// Never called with opposite infinities: interval code only adds lower bounds
// to lower bounds and upper bounds to upper bounds.
Ext ext_add(const Ext& a, const Ext& b) {
  assert(!(a.inf != 0 && b.inf != 0 && a.inf != b.inf));
  if (!a.finite()) return a;
  if (!b.finite()) return b;
  return Ext::fin(a.v + b.v);
}

// 0 * oo is 0: an infinite endpoint is a limit of finite values, and 0 times
// any of them is 0.
Ext ext_mul(const Ext& a, const Ext& b) {
  int s = a.sign() * b.sign();
  if (s == 0) return Ext::fin(0);
  if (!a.finite() || !b.finite()) return Ext{s, 0};
  return Ext::fin(a.v * b.v);
}

// Lower endpoints below int64 are -oo; above int64 they are clamped to
// INT64_MAX (still <= every value). Upper endpoints symmetrically.
std::optional<int64_t> narrow_lo(const Ext& e) {
  if (e.inf < 0 || (e.finite() && e.v < kInt64Min)) return std::nullopt;
  if (e.inf > 0 || e.v > kInt64Max) return static_cast<int64_t>(kInt64Max);
  return static_cast<int64_t>(e.v);
}
std::optional<int64_t> narrow_hi(const Ext& e) {
  if (e.inf > 0 || (e.finite() && e.v > kInt64Max)) return std::nullopt;
  if (e.inf < 0 || e.v < kInt64Min) return static_cast<int64_t>(kInt64Min);
  return static_cast<int64_t>(e.v);
}

// A nonempty interval with extended endpoints.
struct ExtRange {
  Ext lo, hi;
};

ExtRange widen(const ValueRange& r) {
  return {r.has_lo() ? Ext::fin(r.lo()) : Ext::neg_inf(),
          r.has_hi() ? Ext::fin(r.hi()) : Ext::pos_inf()};
}

ValueRange narrow(const ExtRange& r) {
  if (r.hi < r.lo) return ValueRange::empty();
  return ValueRange::from_bounds(narrow_lo(r.lo), narrow_hi(r.hi));
}

ExtRange ext_neg(const ExtRange& r) { return {ext_neg(r.hi), ext_neg(r.lo)}; }

ExtRange ext_hull(const ExtRange& a, const ExtRange& b) {
  return {ext_min(a.lo, b.lo), ext_max(a.hi, b.hi)};
}

// a // b for a divisor interval of positive values only (b.lo >= 1). floor(a/b)
// grows with a, so the extremes lie at a's endpoints; for a fixed a it shrinks
// as b grows when a >= 0 and grows when a < 0.
ExtRange floordiv_positive(const ExtRange& a, const ExtRange& b) {
  Ext lo;
  if (a.lo.inf < 0) {
    lo = Ext::neg_inf();
  } else if (a.lo.v >= 0) {
    lo = b.hi.finite() ? Ext::fin(floor_div128(a.lo.v, b.hi.v)) : Ext::fin(0);
  } else {
    lo = Ext::fin(floor_div128(a.lo.v, b.lo.v));
  }
  Ext hi;
  if (a.hi.inf > 0) {
    hi = Ext::pos_inf();
  } else if (a.hi.v >= 0) {
    hi = Ext::fin(floor_div128(a.hi.v, b.lo.v));
  } else {
    // A negative a over a huge b tends to -1 (floor of a small negative).
    hi = b.hi.finite() ? Ext::fin(floor_div128(a.hi.v, b.hi.v)) : Ext::fin(-1);
  }
  return {lo, hi};
}

// a % b for b.lo >= 1: the result lies in [0, b - 1], and is refined where a's
// interval says more.
ExtRange mod_positive(const ExtRange& a, const ExtRange& b) {
  ExtRange r{Ext::fin(0), b.hi.finite() ? Ext::fin(b.hi.v - 1) : Ext::pos_inf()};
  if (a.lo.finite() && a.lo.v >= 0) {
    // 0 <= a: a % b <= a; and a % b == a when every b exceeds every a.
    if (a.hi < b.lo) return a;
    r.hi = ext_min(r.hi, a.hi);
  } else if (a.hi.finite() && a.hi.v < 0 && a.lo.finite() && a.lo.v >= -b.lo.v) {
    // -b <= a < 0: a % b == a + b.
    r.lo = ext_max(r.lo, ext_add(a.lo, b.lo));
    r.hi = ext_min(r.hi, ext_add(a.hi, b.hi));
  }
  if (b.lo.finite() && b.hi.finite() && b.lo.v == b.hi.v && a.lo.finite() && a.hi.finite()) {
    // A constant divisor and a within one period: a % b == a - k*b.
    i128 k = floor_div128(a.lo.v, b.lo.v);
    if (k == floor_div128(a.hi.v, b.lo.v)) {
      return {Ext::fin(a.lo.v - k * b.lo.v), Ext::fin(a.hi.v - k * b.lo.v)};
    }
  }
  return r;
}

// Splits a divisor into its positive and its negative values (0 never divides).
struct DivisorParts {
  std::optional<ExtRange> positive, negative;
};

DivisorParts split_divisor(const ExtRange& b) {
  DivisorParts parts;
  if (Ext::fin(0) < b.hi) parts.positive = ExtRange{ext_max(b.lo, Ext::fin(1)), b.hi};
  if (b.lo < Ext::fin(0)) parts.negative = ExtRange{b.lo, ext_min(b.hi, Ext::fin(-1))};
  return parts;
}

// Combines the results for the positive and the negative divisors. `on_negative`
// maps a negative divisor to the positive case (Python: a // b == (-a) // (-b),
// a % b == -((-a) % (-b))).
template <typename PositiveOp, typename NegativeOp>
ValueRange divide(const ValueRange& a, const ValueRange& b, PositiveOp on_positive,
                  NegativeOp on_negative) {
  if (a.is_empty() || b.is_empty()) return ValueRange::empty();
  ExtRange ea = widen(a);
  DivisorParts parts = split_divisor(widen(b));
  std::optional<ExtRange> result;
  if (parts.positive) result = on_positive(ea, *parts.positive);
  if (parts.negative) {
    ExtRange r = on_negative(ea, *parts.negative);
    result = result ? ext_hull(*result, r) : r;
  }
  return result ? narrow(*result) : ValueRange::empty();
}

// base ** exp for a finite base, saturating to an infinity once |result| leaves
// int64 (the sign is kept).
Ext ext_pow(const Ext& base, int64_t exp) {
  if (exp == 0) return Ext::fin(1);
  if (!base.finite()) return Ext{(base.inf < 0 && exp % 2 == 1) ? -1 : 1, 0};
  if (base.v == 0 || base.v == 1) return base;
  if (base.v == -1) return Ext::fin(exp % 2 == 0 ? 1 : -1);
  i128 result = 1;
  for (int64_t i = 0; i < exp; ++i) {
    result *= base.v;  // |result| <= 2^63 and |base| <= 2^63 before this: fits
    if (result > kInt64Max || result < kInt64Min) {
      return Ext{(base.v < 0 && exp % 2 == 1) ? -1 : 1, 0};
    }
  }
  return Ext::fin(result);
}

ValueRange truth_range(bool can_be_false, bool can_be_true) {
  return ValueRange::between(can_be_true && !can_be_false ? 1 : 0, can_be_false && !can_be_true ? 0 : 1);
}

}  // namespace

ValueRange ValueRange::between(int64_t lo, int64_t hi) {
  if (lo > hi) return empty();
  ValueRange r;
  r.lo_ = lo;
  r.hi_ = hi;
  return r;
}

ValueRange ValueRange::at_least(int64_t lo) {
  ValueRange r;
  r.lo_ = lo;
  return r;
}

ValueRange ValueRange::at_most(int64_t hi) {
  ValueRange r;
  r.hi_ = hi;
  return r;
}

ValueRange ValueRange::empty() {
  ValueRange r;
  r.empty_ = true;
  return r;
}

ValueRange ValueRange::from_bounds(std::optional<int64_t> lo, std::optional<int64_t> hi) {
  if (lo && hi) return between(*lo, *hi);
  if (lo) return at_least(*lo);
  if (hi) return at_most(*hi);
  return all();
}

std::optional<bool> ValueRange::truth() const {
  if (empty_ || !is_point()) return std::nullopt;
  if (*lo_ == 1) return true;
  if (*lo_ == 0) return false;
  return std::nullopt;
}

ValueRange ValueRange::intersect(const ValueRange& o) const {
  if (empty_ || o.empty_) return empty();
  std::optional<int64_t> lo = lo_, hi = hi_;
  if (o.lo_ && (!lo || *o.lo_ > *lo)) lo = o.lo_;
  if (o.hi_ && (!hi || *o.hi_ < *hi)) hi = o.hi_;
  return from_bounds(lo, hi);
}

ValueRange ValueRange::hull(const ValueRange& o) const {
  if (empty_) return o;
  if (o.empty_) return *this;
  std::optional<int64_t> lo, hi;
  if (lo_ && o.lo_) lo = std::min(*lo_, *o.lo_);
  if (hi_ && o.hi_) hi = std::max(*hi_, *o.hi_);
  return from_bounds(lo, hi);
}

std::string ValueRange::to_string() const {
  if (empty_) return "empty";
  // Appended piecewise: `"[" + std::string(...)` trips GCC 12's false
  // -Wrestrict warning in optimized builds.
  std::string out = "[";
  out += lo_ ? std::to_string(*lo_) : "-oo";
  out += ", ";
  out += hi_ ? std::to_string(*hi_) : "oo";
  out += "]";
  return out;
}

ValueRange range_neg(const ValueRange& a) {
  if (a.is_empty()) return a;
  return narrow(ext_neg(widen(a)));
}

ValueRange range_add(const ValueRange& a, const ValueRange& b) {
  if (a.is_empty() || b.is_empty()) return ValueRange::empty();
  ExtRange ea = widen(a), eb = widen(b);
  return narrow({ext_add(ea.lo, eb.lo), ext_add(ea.hi, eb.hi)});
}

ValueRange range_sub(const ValueRange& a, const ValueRange& b) {
  if (a.is_empty() || b.is_empty()) return ValueRange::empty();
  // Directly rather than a + (-b): -INT64_MIN would widen b's side first.
  ExtRange ea = widen(a), eb = widen(b);
  return narrow({ext_add(ea.lo, ext_neg(eb.hi)), ext_add(ea.hi, ext_neg(eb.lo))});
}

ValueRange range_mul(const ValueRange& a, const ValueRange& b) {
  if (a.is_empty() || b.is_empty()) return ValueRange::empty();
  // The extremes of a product over a box lie at its corners, for every sign.
  ExtRange ea = widen(a), eb = widen(b);
  std::array<Ext, 4> corners = {ext_mul(ea.lo, eb.lo), ext_mul(ea.lo, eb.hi),
                                ext_mul(ea.hi, eb.lo), ext_mul(ea.hi, eb.hi)};
  ExtRange r{corners[0], corners[0]};
  for (const Ext& c : corners) r = ext_hull(r, {c, c});
  return narrow(r);
}

ValueRange range_floordiv(const ValueRange& a, const ValueRange& b) {
  return divide(a, b, floordiv_positive, [](const ExtRange& x, const ExtRange& y) {
    return floordiv_positive(ext_neg(x), ext_neg(y));
  });
}

ValueRange range_mod(const ValueRange& a, const ValueRange& b) {
  return divide(a, b, mod_positive, [](const ExtRange& x, const ExtRange& y) {
    return ext_neg(mod_positive(ext_neg(x), ext_neg(y)));
  });
}

ValueRange range_pow(const ValueRange& a, int64_t exponent) {
  if (a.is_empty()) return a;
  if (exponent < 0) return ValueRange::all();
  if (exponent == 0) return ValueRange::point(1);
  ExtRange ea = widen(a);
  Ext plo = ext_pow(ea.lo, exponent), phi = ext_pow(ea.hi, exponent);
  if (exponent % 2 == 1) return narrow({plo, phi});  // odd powers are monotone
  if (Ext::fin(0) <= ea.lo) return narrow({plo, phi});
  if (ea.hi <= Ext::fin(0)) return narrow({phi, plo});
  return narrow({Ext::fin(0), ext_max(plo, phi)});  // the interval straddles 0
}

ValueRange range_min(const ValueRange& a, const ValueRange& b) {
  if (a.is_empty() || b.is_empty()) return ValueRange::empty();
  ExtRange ea = widen(a), eb = widen(b);
  return narrow({ext_min(ea.lo, eb.lo), ext_min(ea.hi, eb.hi)});
}

ValueRange range_max(const ValueRange& a, const ValueRange& b) {
  if (a.is_empty() || b.is_empty()) return ValueRange::empty();
  ExtRange ea = widen(a), eb = widen(b);
  return narrow({ext_max(ea.lo, eb.lo), ext_max(ea.hi, eb.hi)});
}

ValueRange range_eq(const ValueRange& a, const ValueRange& b) {
  if (a.is_empty() || b.is_empty()) return ValueRange::empty();
  ExtRange ea = widen(a), eb = widen(b);
  bool disjoint = ea.hi < eb.lo || eb.hi < ea.lo;
  bool same_point = a.is_point() && a == b;
  return truth_range(!same_point, !disjoint);
}

ValueRange range_ne(const ValueRange& a, const ValueRange& b) { return range_not(range_eq(a, b)); }

ValueRange range_lt(const ValueRange& a, const ValueRange& b) {
  if (a.is_empty() || b.is_empty()) return ValueRange::empty();
  ExtRange ea = widen(a), eb = widen(b);
  // Infinite endpoints compare as limits, so an unbounded side never proves.
  bool always = ea.hi.finite() && eb.lo.finite() && ea.hi.v < eb.lo.v;
  bool never = ea.lo.finite() && eb.hi.finite() && ea.lo.v >= eb.hi.v;
  return truth_range(!always, !never);
}

ValueRange range_le(const ValueRange& a, const ValueRange& b) {
  if (a.is_empty() || b.is_empty()) return ValueRange::empty();
  ExtRange ea = widen(a), eb = widen(b);
  bool always = ea.hi.finite() && eb.lo.finite() && ea.hi.v <= eb.lo.v;
  bool never = ea.lo.finite() && eb.hi.finite() && ea.lo.v > eb.hi.v;
  return truth_range(!always, !never);
}

// On truth values in [0, 1], And is the minimum, Or the maximum, Not 1 - x.
ValueRange range_and(const ValueRange& a, const ValueRange& b) {
  return range_min(a.intersect(ValueRange::boolean()), b.intersect(ValueRange::boolean()));
}

ValueRange range_or(const ValueRange& a, const ValueRange& b) {
  return range_max(a.intersect(ValueRange::boolean()), b.intersect(ValueRange::boolean()));
}

ValueRange range_not(const ValueRange& a) {
  return range_sub(ValueRange::point(1), a.intersect(ValueRange::boolean()));
}

ValueRange RangeEnv::of_symbol(Expr sym) const {
  auto it = symbols.find(sym);
  return it == symbols.end() ? domain.range_of(sym) : it->second;
}

}  // namespace symshape
