#include "cheap_tiers.hpp"

#include <algorithm>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {

FactSummary::FactSummary(const SymbolDomain& domain) { env_.domain = domain; }

void FactSummary::add(Expr fact) {
  if (contradictory_) return;
  learn(fact);
}

Interval FactSummary::atom_interval(Expr atom) const {
  if (atom.is_symbol()) return Interval::from(env_.of_symbol(atom));
  if (atom.is(ExprKind::Mod) && atom.arg(1).is_integer() && atom.arg(1).value() > 0 &&
      known_multiple(atom.arg(0)) % atom.arg(1).value() == 0)
    return Interval::point(0);
  try {
    return Interval::from(bound(atom, env_));
  } catch (const Error&) {
    return Interval::all();
  }
}

void FactSummary::restrict(Expr sym, Interval r) {
  Interval cur = Interval::from(env_.of_symbol(sym)).intersect(r);
  // Excluded points on the edges move the edges inward (s1 >= 2, s1 != 2, s1 != 3 => s1 >= 4).
  auto ex = excluded_.find(sym);
  for (bool moved = true; moved && ex != excluded_.end() && !cur.is_empty();) {
    moved = false;
    for (int64_t v : ex->second) {
      if (cur.lo && *cur.lo == v && v != INT64_MAX) cur.lo = v + 1, moved = true;
      if (cur.hi && *cur.hi == v && v != INT64_MIN) cur.hi = v - 1, moved = true;
    }
  }
  if (cur.is_empty()) {
    contradictory_ = true;
    return;
  }
  env_.symbols[sym] = cur.to_range();
}

void FactSummary::exclude(Expr sym, int64_t value) {
  excluded_[sym].push_back(value);
  restrict(sym, Interval::all());
}


void FactSummary::learn_nonzero_factors(const Polynomial& d) {
  Factored f = factor(d);
  for (const auto& [atom, k] : f.common)
    if (atom.is_symbol()) exclude(atom, 0);
  auto aff = affine_in_one_atom(f.cofactor);
  if (!aff || !aff->atom.is_symbol()) return;
  try {
    // a*x + b != 0 excludes x == -b/a when that is an integer.
    if (python_mod(aff->b, aff->a) == 0) exclude(aff->atom, checked_neg(floor_div(aff->b, aff->a)));
  } catch (const OverflowError&) {
  }
}

int64_t FactSummary::known_multiple(Expr e) const {
  if (multiple_of_.empty()) return 1;
  if (auto it = multiple_of_.find(e); it != multiple_of_.end()) return it->second;
  // A polynomial is a multiple of the gcd over its terms of coefficient times
  // the known multiples of the atoms: s1 a multiple of 8 makes s0*s1 one too.
  auto p = to_polynomial(e);
  if (!p || p->terms.empty()) return 1;
  int64_t g = 0;
  try {
    for (const auto& [m, c] : p->terms) {
      int64_t t = c;
      for (const auto& [a, k] : m) {
        auto it = multiple_of_.find(a);
        if (it != multiple_of_.end()) t = checked_mul(t, checked_pow(it->second, k));
      }
      g = gcd(g, t);
    }
  } catch (const OverflowError&) {
    return 1;
  }
  return g == 0 ? 1 : g;
}

void FactSummary::learn_residue(Expr atom, int64_t a, int64_t b) {
  // a*Mod(X, m) + b == 0 with a constant m > 0: Mod(X, m) == r := -b/a. With
  // X == E + c (c constant), E is a multiple of m when r - c is:
  // Eq(Mod(s1 + 63, 64), 63) makes s1 a multiple of 64.
  if (!atom.is(ExprKind::Mod) || !atom.arg(1).is_integer() || atom.arg(1).value() <= 0) return;
  int64_t m = atom.arg(1).value();
  try {
    if (python_mod(b, a) != 0) return;
    int64_t r = checked_neg(floor_div(b, a));
    Expr x = atom.arg(0);
    int64_t c = 0;
    if (x.is(ExprKind::Add) && x.arg(0).is_integer()) {
      c = x.arg(0).value();
      x = sub(x, x.arg(0));
    }
    if (python_mod(checked_sub(r, c), m) == 0) learn_multiple(x, m);
  } catch (const Error&) {
  }
}

void FactSummary::learn_multiple(Expr e, int64_t m) {
  auto [it, inserted] = multiple_of_.emplace(e, m);
  if (inserted) return;
  try {
    it->second = checked_mul(it->second / gcd(it->second, m), m);  // lcm
  } catch (const OverflowError&) {
    // Keep the modulus we had: knowing less is sound.
  }
}

void FactSummary::learn(Expr fact) {
  known_.insert(fact);
  if (fact.is_false()) {
    contradictory_ = true;
    return;
  }
  if (fact.is(ExprKind::And)) {
    for (Expr c : fact.args()) learn(c);
    return;
  }
  if (!is_relation_kind(fact.kind())) return;
  auto d = relation_polynomial(fact);
  if (!d) return;
  if (d->is_constant()) {
    // Canonical constructors fold these; stay correct if one slips through.
    int64_t c = d->constant();
    bool holds = fact.is(ExprKind::Eq) ? c == 0 : fact.is(ExprKind::Ne) ? c != 0 : c <= 0;
    if (!holds) contradictory_ = true;
    return;
  }
  if (fact.is(ExprKind::Ne)) {
    learn_nonzero_factors(*d);
    return;
  }
  auto aff = affine_in_one_atom(*d);
  if (aff && fact.is(ExprKind::Eq)) learn_residue(aff->atom, aff->a, aff->b);
  if (!aff || !aff->atom.is_symbol()) return;
  int64_t a = aff->a, b = aff->b;
  // a*x + b (== or <=) 0
  try {
    if (fact.is(ExprKind::Eq)) {
      if (python_mod(b, a) != 0) {
        contradictory_ = true;
      } else {
        int64_t v = checked_neg(floor_div(b, a));
        restrict(aff->atom, Interval::point(v));
      }
    } else if (a > 0) {  // x <= floor(-b / a)
      restrict(aff->atom, Interval{std::nullopt, floor_div(checked_neg(b), a)});
    } else {  // -a*x >= b  =>  x >= ceil(b / -a)
      restrict(aff->atom, Interval{ceil_div(b, checked_neg(a)), std::nullopt});
    }
  } catch (const OverflowError&) {
    // A bound beyond int64 teaches nothing we can store; dropping it is sound.
  }
}

bool implied_canonically(Expr cond, const FactSummary& facts) {
  if (cond.is_true() || facts.contradictory() || facts.is_fact(cond)) return true;
  if (cond.is(ExprKind::And))
    return std::all_of(cond.args().begin(), cond.args().end(),
                       [&](Expr c) { return implied_canonically(c, facts); });
  if (cond.is(ExprKind::Or))
    return std::any_of(cond.args().begin(), cond.args().end(),
                       [&](Expr c) { return implied_canonically(c, facts); });
  return false;
}

Interval interval_under(Expr e, const FactSummary& facts) {
  Interval r = Interval::all();
  try {
    r = Interval::from(bound(e, facts.ranges()));
  } catch (const Error&) {
  }
  if (auto p = to_polynomial(e)) {
    r = r.intersect(interval_of_factored(*p, [&](Expr a) { return facts.atom_interval(a); }));
  }
  return r;
}

namespace {

// +1: the ranges prove `rel`; -1: they refute it; 0: undecided.
int decide_relation(Expr rel, const FactSummary& facts) {
  auto d = relation_polynomial(rel);
  if (!d) return 0;
  auto atom = [&](Expr a) { return facts.atom_interval(a); };
  Interval v = interval_of_factored(*d, atom);
  if (v.is_empty()) return 0;
  switch (rel.kind()) {
    case ExprKind::Le:
    case ExprKind::Lt:
      if (v.hi && *v.hi <= 0) return 1;
      if (v.lo && *v.lo > 0) return -1;
      return 0;
    case ExprKind::Eq:
    case ExprKind::Ne: {
      int zero = v.is_point() && *v.lo == 0 ? 1 : v.excludes_zero() ? -1 : 0;
      if (zero == 0 && !d->terms.empty()) {
        // A product is nonzero when every factor is.
        Factored f = factor(*d);
        bool nonzero = f.cofactor.terms.empty() ? false : interval_of(f.cofactor, atom).excludes_zero();
        for (const auto& [a, k] : f.common) nonzero = nonzero && atom(a).excludes_zero();
        if (nonzero) zero = -1;
      }
      if (d->terms.empty()) zero = 1;
      return rel.is(ExprKind::Eq) ? zero : -zero;
    }
    default: return 0;
  }
}

int decide(Expr cond, const FactSummary& facts, int depth) {
  if (cond.is_true()) return 1;
  if (cond.is_false()) return -1;
  if (depth > 32) return 0;
  if (is_relation_kind(cond.kind())) return decide_relation(cond, facts);
  switch (cond.kind()) {
    case ExprKind::Not: return -decide(cond.arg(0), facts, depth + 1);
    case ExprKind::And: {
      int r = 1;
      for (Expr c : cond.args()) {
        int x = decide(c, facts, depth + 1);
        if (x < 0) return -1;
        if (x == 0) r = 0;
      }
      return r;
    }
    case ExprKind::Or: {
      int r = -1;
      for (Expr c : cond.args()) {
        int x = decide(c, facts, depth + 1);
        if (x > 0) return 1;
        if (x == 0) r = 0;
      }
      return r;
    }
    default: return 0;
  }
}

int decide_with_bound(Expr cond, const FactSummary& facts) {
  int r = decide(cond, facts, 0);
  if (r != 0) return r;
  // The range engineer's bottom-up bound may know rules the polynomial view
  // lacks (Mod and FloorDiv of sums, Min/Max of relations).
  try {
    ValueRange b = bound(cond, facts.ranges());
    if (b.is_point()) return b.lo() == 1 ? 1 : b.lo() == 0 ? -1 : 0;
    Expr s = simplify(cond, facts.ranges());
    if (s.is_true()) return 1;
    if (s.is_false()) return -1;
    if (s != cond) return decide(s, facts, 0);  // e.g. Max(1, s0) -> s0 made it linear
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace

// Symbols known to be multiples (s1 % 16 == 0) are written as 16*t for a
// fresh t, which is exactly the set of values they can take; the canonical
// constructors then see exact divisions: s0*(s1//4) == (s0*s1)//4 becomes
// 4*s0*t == 4*s0*t, i.e. True.
bool implied_via_multiples(Expr cond, const FactSummary& facts) {
  Substitution sub;
  RangeEnv env = facts.ranges();
  for (Expr s : free_symbols(cond)) {
    int64_t m = facts.known_multiple(s);
    if (m <= 1) continue;
    Expr t = symbol("__multiple" + std::to_string(m) + "_of_" + s.name());
    sub.emplace(s, mul(integer(m), t));
    ValueRange r = facts.ranges().of_symbol(s);
    std::optional<int64_t> lo, hi;
    if (r.has_lo()) lo = ceil_div(r.lo(), m);
    if (r.has_hi()) hi = floor_div(r.hi(), m);
    env.symbols[t] = Interval{lo, hi}.is_empty() ? ValueRange::point(0) : Interval{lo, hi}.to_range();
    if (Interval{lo, hi}.is_empty()) return true;  // no multiple in range: the facts contradict
  }
  if (sub.empty()) return false;
  Expr c = substitute(cond, sub);
  if (c.is_true()) return true;
  ValueRange b = bound(c, env);
  if (b.is_point() && b.lo() == 1) return true;
  return simplify(c, env).is_true();
}

bool implied_by_ranges(Expr cond, const FactSummary& facts) {
  if (decide_with_bound(cond, facts) > 0) return true;
  try {
    return implied_via_multiples(cond, facts);
  } catch (const Error&) {
    return false;
  }
}

bool refuted_by_ranges(Expr cond, const FactSummary& facts) {
  return decide_with_bound(cond, facts) < 0;
}

}  // namespace symshape
