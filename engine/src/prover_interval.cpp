#include "prover_interval.hpp"

#include <algorithm>
#include <limits>

namespace symshape {

namespace {

using i128 = __int128;
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

// An extended integer: finite (as i128, products of two int64 fit) or +-oo.
struct XInt {
  int inf = 0;  // -1: -oo, +1: +oo, 0: finite
  i128 v = 0;
};

XInt lo_of(const Interval& a) { return a.lo ? XInt{0, *a.lo} : XInt{-1, 0}; }
XInt hi_of(const Interval& a) { return a.hi ? XInt{0, *a.hi} : XInt{1, 0}; }

int sign(const XInt& x) { return x.inf ? x.inf : (x.v > 0) - (x.v < 0); }

// 0 * oo is 0 here: for interval products the corner 0 * oo stands for the
// products of 0 with finite values, all 0.
XInt mul(const XInt& a, const XInt& b) {
  if (a.inf || b.inf) {
    int s = sign(a) * sign(b);
    return s == 0 ? XInt{0, 0} : XInt{s, 0};
  }
  return XInt{0, a.v * b.v};  // |a|, |b| <= 2^63: fits in i128
}

bool less(const XInt& a, const XInt& b) {
  if (a.inf != b.inf) return a.inf < b.inf;
  return a.inf == 0 && a.v < b.v;
}

std::optional<int64_t> as_lo(const XInt& x) {
  if (x.inf < 0) return std::nullopt;
  if (x.inf > 0 || x.v > kMax) return kMax;  // the true bound is above: kMax is weaker, still valid
  if (x.v < kMin) return std::nullopt;
  return static_cast<int64_t>(x.v);
}

std::optional<int64_t> as_hi(const XInt& x) {
  if (x.inf > 0) return std::nullopt;
  if (x.inf < 0 || x.v < kMin) return kMin;
  if (x.v > kMax) return std::nullopt;
  return static_cast<int64_t>(x.v);
}

}  // namespace

Interval Interval::from(const ValueRange& r) {
  if (r.is_empty()) return Interval{1, 0};
  return Interval{r.lo_opt(), r.hi_opt()};
}

ValueRange Interval::to_range() const {
  if (lo && hi) return ValueRange::between(*lo, *hi);
  if (lo) return ValueRange::at_least(*lo);
  if (hi) return ValueRange::at_most(*hi);
  return ValueRange::all();
}

Interval Interval::intersect(const Interval& o) const {
  Interval r = *this;
  if (o.lo && (!r.lo || *o.lo > *r.lo)) r.lo = o.lo;
  if (o.hi && (!r.hi || *o.hi < *r.hi)) r.hi = o.hi;
  return r;
}

Interval operator+(const Interval& a, const Interval& b) {
  Interval r;
  if (a.lo && b.lo) r.lo = as_lo(XInt{0, i128(*a.lo) + *b.lo});
  if (a.hi && b.hi) r.hi = as_hi(XInt{0, i128(*a.hi) + *b.hi});
  return r;
}

Interval operator-(const Interval& a) {
  Interval r;
  if (a.hi) r.lo = as_lo(XInt{0, -i128(*a.hi)});
  if (a.lo) r.hi = as_hi(XInt{0, -i128(*a.lo)});
  return r;
}

Interval operator*(const Interval& a, const Interval& b) {
  XInt c[4] = {mul(lo_of(a), lo_of(b)), mul(lo_of(a), hi_of(b)), mul(hi_of(a), lo_of(b)),
               mul(hi_of(a), hi_of(b))};
  XInt mn = c[0], mx = c[0];
  for (const XInt& x : c) {
    if (less(x, mn)) mn = x;
    if (less(mx, x)) mx = x;
  }
  return Interval{as_lo(mn), as_hi(mx)};
}

Interval scale(const Interval& a, int64_t k) { return a * Interval::point(k); }

Interval power(const Interval& a, int64_t exponent) {
  if (exponent == 0) return Interval::point(1);
  Interval base = a;
  if (exponent % 2 == 0) {
    // x^even == |x|^even: fold the base onto [0, oo) first, so [-2, 3]^2 is [0, 9].
    Interval abs;
    if (a.contains(0)) {
      abs.lo = 0;
    } else if (a.lo && *a.lo > 0) {
      abs.lo = a.lo;
    } else {
      abs.lo = as_lo(XInt{0, -i128(*a.hi)});
    }
    if (a.lo && a.hi) abs.hi = as_hi(XInt{0, std::max(-i128(*a.lo), i128(*a.hi))});
    base = abs;
  }
  if (exponent > 64) {
    // Only the sign structure is kept for huge exponents.
    if (base.lo && *base.lo >= 1) return Interval{1, std::nullopt};
    if (base.lo && *base.lo >= 0) return Interval{0, std::nullopt};
    return Interval::all();
  }
  Interval r = base;
  for (int64_t i = 1; i < exponent; ++i) r = r * base;
  // Repeated interval products are sound; they are exact for a nonnegative base
  // (the even case) and may be wider for an odd power of a base spanning 0.
  return r;
}

}  // namespace symshape
