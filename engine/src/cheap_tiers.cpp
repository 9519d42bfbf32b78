#include "cheap_tiers.hpp"

#include <algorithm>

#include "shifted_interval.hpp"
#include "symshape/engine/fallback_stats.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/int_math.hpp"
#include "symshape/symbolic/polynomial_factor.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/symbolic/symbol_bound.hpp"

namespace symshape {

FactSummary::FactSummary(const SymbolDomain& domain) { env_.domain = domain; }

void FactSummary::add(Expr fact) {
  if (contradictory_) return;
  const uint64_t before = narrowings_;
  learn(fact);
  if (narrowings_ != before) retry_pending_products();
}

void FactSummary::retry_pending_products() {
  // Each pass that narrows a range may settle another product's sign: at
  // most one pass per pending product.
  for (size_t pass = 0; pass < pending_products_.size() && !contradictory_; ++pass) {
    const uint64_t before = narrowings_;
    std::erase_if(pending_products_, [&](const ProductOfFactors& f) { return sign_from_product(f); });
    if (narrowings_ == before) break;
  }
}

ValueRange FactSummary::atom_interval(Expr atom) const {
  if (atom.is_symbol()) return env_.of_symbol(atom);
  if (atom.is(ExprKind::Mod) && atom.arg(1).is_integer() && atom.arg(1).value() > 0 &&
      known_multiple(atom.arg(0)) % atom.arg(1).value() == 0)
    return ValueRange::point(0);
  ValueRange learned = ValueRange::all();
  if (auto it = atom_ranges_.find(atom); it != atom_ranges_.end()) learned = it->second;
  try {
    return bound(atom, env_).intersect(learned);
  } catch (const Error&) {
    count_fallback(Fallback::AtomInterval);
    return learned;
  }
}

void FactSummary::restrict(Expr atom, const ValueRange& r) {
  // A symbol's range lives in the RangeEnv; an opaque atom's (a FloorDiv
  // node) apart from it, so that RangeEnv's bottom-up `bound` need not know
  // that such a node has a range of its own.
  const bool symbol = atom.is_symbol();
  ValueRange cur = (symbol ? env_.of_symbol(atom) : atom_interval(atom)).intersect(r);
  // Excluded points on the edges move the edges inward (s1 >= 2, s1 != 2, s1 != 3 => s1 >= 4).
  auto ex = excluded_.find(atom);
  for (bool moved = true; moved && ex != excluded_.end() && !cur.is_empty();) {
    moved = false;
    for (int64_t v : ex->second) {
      if (cur.has_lo() && cur.lo() == v && v != INT64_MAX) cur = cur.intersect(ValueRange::at_least(v + 1)), moved = true;
      if (cur.has_hi() && cur.hi() == v && v != INT64_MIN) cur = cur.intersect(ValueRange::at_most(v - 1)), moved = true;
    }
  }
  if (cur.is_empty()) {
    contradictory_ = true;
    return;
  }
  if (symbol) {
    if (env_.of_symbol(atom) != cur) ++narrowings_;
    env_.symbols[atom] = cur;
  } else {
    ++narrowings_;  // an opaque atom's range: counted whether or not it moved
    atom_ranges_.insert_or_assign(atom, cur);
  }
}

void FactSummary::exclude(Expr sym, int64_t value) {
  excluded_[sym].push_back(value);
  restrict(sym, ValueRange::all());
}


namespace {

// p == scale * form + constant, with form primitive, its first term positive,
// and two or more non-constant terms, all of degree 1.
struct LinearSplit {
  Polynomial form;
  int64_t scale = 1, constant = 0;
};
std::optional<LinearSplit> split_linear(const Polynomial& p) {
  if (!is_linear(p) || p.terms.size() - (p.constant() != 0 ? 1 : 0) < 2) return std::nullopt;
  LinearSplit out;
  out.constant = p.constant();
  int64_t g = 0;
  for (const auto& [m, c] : p.terms) {
    if (!m.empty()) g = gcd(g, c);
  }
  for (const auto& [m, c] : p.terms) {
    if (m.empty()) continue;
    if (out.form.terms.empty() && c < 0) g = -g;
    out.form.terms.emplace(m, c / g);
  }
  out.scale = g;
  return out;
}

}  // namespace

std::optional<Expr> FactSummary::linear_form_atom(const Polynomial& form, bool create) {
  Expr key;
  try {
    key = to_expr(form);
  } catch (const Error&) {
    count_fallback(Fallback::LinearFormAtom);
    return std::nullopt;
  }
  if (auto it = linear_atoms_.find(key); it != linear_atoms_.end()) return it->second;
  if (!create) return std::nullopt;
  Expr atom = internal_symbol("{" + to_sympy(key) + "}");
  linear_atoms_.emplace(key, atom);
  // Its first range: what the symbols' ranges give the form (every value it
  // takes lies there), narrowed later by the facts about it.
  ValueRange r = interval_of(form, [&](Expr a) { return atom_interval(a); });
  env_.symbols[atom] = r.is_empty() ? ValueRange::all() : r;
  return atom;
}

Polynomial FactSummary::abstract_linear(const Polynomial& p) {
  auto split = split_linear(p);
  if (!split) return p;
  auto atom = linear_form_atom(split->form, /*create=*/true);
  if (!atom) return p;
  Polynomial q = constant_polynomial(split->constant);
  q.terms.emplace(Monomial{{*atom, 1}}, split->scale);
  return q;
}

ValueRange FactSummary::factor_interval(const Polynomial& factor) const {
  auto atom = [&](Expr a) { return atom_interval(a); };
  ValueRange r = interval_of(factor, atom);
  // A factor left whole (`s1*s0**2 - 2*s0 + 6`) often has its sign only
  // after the shift to the atoms' lower ends.
  if (!is_linear(factor)) r = r.intersect(shifted_interval(factor, atom));
  if (auto split = split_linear(factor)) {
    Expr key;
    try {
      key = to_expr(split->form);
    } catch (const Error&) {
      count_fallback(Fallback::FactorInterval);
      return r;
    }
    if (auto it = linear_atoms_.find(key); it != linear_atoms_.end()) {
      r = r.intersect(range_add(range_mul(atom_interval(it->second), ValueRange::point(split->scale)),
                                ValueRange::point(split->constant)));
    }
  }
  return r;
}

ValueRange FactSummary::factored_interval(const Polynomial& p) const {
  // Only products are worth factoring: a linear p is its own single factor.
  if (p.terms.size() < 2 || is_linear(p)) return linear_atoms_.empty() ? ValueRange::all() : factor_interval(p);
  auto f = factor_products(p);
  if (!f) return ValueRange::all();
  ValueRange r = range_mul(interval_of(f->common, [&](Expr a) { return atom_interval(a); }), ValueRange::point(f->content));
  for (const Polynomial& factor : f->factors) r = range_mul(r, factor_interval(factor));
  return range_add(r, ValueRange::point(f->offset));
}

void FactSummary::learn_nonzero_factors(const Polynomial& d) {
  // Every linear factor of a nonzero product is nonzero: its form's atom
  // excludes the value that would make it zero.
  if (!is_linear(d) && d.terms.size() >= 2) {
    if (auto f = factor_products(d); f && f->offset == 0) {
      for (const Polynomial& factor : f->factors) {
        if (split_linear(factor)) learn_nonzero_factors(abstract_linear(factor));
      }
    }
  }
  Factored f = factor(d);
  for (const auto& [atom, k] : f.common) exclude(atom, 0);
  auto aff = affine_in_one_atom(f.cofactor);
  if (!aff) return;
  try {
    // a*x + b != 0 excludes x == -b/a when that is an integer.
    if (python_mod(aff->b, aff->a) == 0) exclude(aff->atom, checked_neg(floor_div(aff->b, aff->a)));
  } catch (const OverflowError&) {
  }
}

void FactSummary::learn_product_sign(const Polynomial& d) {
  // d <= 0 with d == offset + content * common * factors: the product
  // Q = content * common * factors is <= -offset. When that bound is
  // negative, Q < 0: no factor is zero, and when all factors but one have a
  // known sign, the sign of the last one follows (`A*(B + 1) >= 1` with
  // B + 1 >= 2 gives A >= 1), as a range of its atom (or linear form's atom).
  auto f = factor_products(d);
  if (!f || f->offset <= 0) return;
  if (!sign_from_product(*f) && pending_products_.size() < kMaxPendingProducts) pending_products_.push_back(*f);
}

bool FactSummary::sign_from_product(const ProductOfFactors& product) {
  const ProductOfFactors* f = &product;
  int sign = f->content > 0 ? 1 : -1;  // of the known factors, times Q's sign (-1)
  sign = -sign;
  std::optional<Polynomial> unknown;
  auto note = [&](const Polynomial& factor, int64_t exponent) {
    const ValueRange v = factor_interval(factor);
    if (exponent % 2 == 0) return true;  // nonzero (Q != 0), so positive
    if (v.all_at_least(1)) return true;
    if (v.all_at_most(-1)) {
      sign = -sign;
      return true;
    }
    if (unknown) return false;  // two factors of unknown sign: nothing follows
    unknown = factor;
    return true;
  };
  for (const auto& [atom, k] : f->common) {
    Polynomial single;
    single.terms.emplace(Monomial{{atom, 1}}, 1);
    if (!note(single, k)) return false;
  }
  for (const Polynomial& factor : f->factors) {
    if (!note(factor, 1)) return false;
  }
  if (!unknown) return true;
  std::optional<AffineInOne> aff = affine_in_one_atom(*unknown);
  if (!aff) {
    if (auto split = split_linear(*unknown)) {
      if (auto atom = linear_form_atom(split->form, /*create=*/true)) {
        aff = AffineInOne{*atom, split->scale, split->constant};
      }
    }
  }
  if (!aff) return true;
  // a*x + b >= 1 (sign > 0) or a*x + b <= -1, as a range of x.
  try {
    const int64_t a = aff->a, r = checked_sub(sign > 0 ? 1 : -1, aff->b);
    std::optional<int64_t> lo, hi;
    if ((sign > 0) == (a > 0)) {
      lo = ceil_div(r, a);  // a*x >= r with a > 0, or a*x <= r with a < 0
    } else {
      hi = floor_div(r, a);
    }
    restrict(aff->atom, ValueRange::from_bounds(lo, hi));
  } catch (const OverflowError&) {
  }
  return true;
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
    count_fallback(Fallback::ResidueLearning);
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
  if (!fact.is(ExprKind::Eq) && !fact.is(ExprKind::Ne) && !is_linear(*d)) learn_product_sign(*d);
  if (!fact.is(ExprKind::Ne) && !affine_in_one_atom(*d)) learn_linear_bounds(*d, fact.kind());
  d = abstract_linear(*d);
  if (fact.is(ExprKind::Ne)) {
    learn_nonzero_factors(*d);
    return;
  }
  auto aff = affine_in_one_atom(*d);
  if (aff && fact.is(ExprKind::Eq)) learn_residue(aff->atom, aff->a, aff->b);
  // Opaque atoms (`((s2 - s9 + 2)//4) >= -1`, conv output sizes) get ranges
  // as symbols do: real conv-net guards bound them, and products of them.
  if (!aff) return;
  int64_t a = aff->a, b = aff->b;
  // a*x + b (== or <=) 0, that is a*x REL -b (relation_polynomial made Lt a Le).
  try {
    const ExprKind rel = fact.is(ExprKind::Eq) ? ExprKind::Eq : ExprKind::Le;
    ValueRange solutions = solve_linear(rel, a, checked_neg(b));
    if (solutions.is_empty()) {
      contradictory_ = true;
    } else {
      restrict(aff->atom, solutions);
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

ValueRange interval_under(Expr e, const FactSummary& facts) {
  ValueRange r = ValueRange::all();
  try {
    r = bound(e, facts.ranges());
  } catch (const Error&) {
    count_fallback(Fallback::IntervalUnderFacts);
  }
  if (auto p = to_polynomial(e)) {
    r = r.intersect(interval_of_factored(*p, [&](Expr a) { return facts.atom_interval(a); }));
  }
  return r;
}

namespace {

// +1: the ranges prove `rel`; -1: they refute it; 0: undecided.
// +1 / -1 / 0 for "P REL 0" where P's values lie in v (Le/Lt: P <= 0).
int decide_on_interval(ExprKind kind, const ValueRange& v) {
  if (v.is_empty()) return 0;
  switch (kind) {
    case ExprKind::Le:
    case ExprKind::Lt:
      if (v.all_at_most(0)) return 1;
      if (v.all_at_least(1)) return -1;
      return 0;
    case ExprKind::Eq:
    case ExprKind::Ne: {
      const int zero = v.is_point() && v.lo() == 0 ? 1 : !v.contains(0) ? -1 : 0;
      return kind == ExprKind::Eq ? zero : -zero;
    }
    default: return 0;
  }
}

int decide_relation(Expr rel, const FactSummary& facts) {
  auto d = relation_polynomial(rel);
  if (!d) return 0;
  if (d->terms.empty()) return rel.is(ExprKind::Ne) ? -1 : 1;  // P == 0 (Le, Lt: P <= 0)
  auto atom = [&](Expr a) { return facts.atom_interval(a); };
  ValueRange v = interval_of_factored(*d, atom);
  if (int r = decide_on_interval(rel.kind(), v); r != 0 || v.is_empty()) return r;
  if (rel.is(ExprKind::Eq) || rel.is(ExprKind::Ne)) {
    // A product is nonzero when every factor is.
    Factored f = factor(*d);
    bool nonzero = f.cofactor.terms.empty() ? false : !interval_of(f.cofactor, atom).contains(0);
    for (const auto& [a, k] : f.common) nonzero = nonzero && !atom(a).contains(0);
    if (nonzero) return rel.is(ExprKind::Eq) ? -1 : 1;
  }
  // Factor tier: the product of linear factors, each with what the facts say about it.
  v = v.intersect(facts.factored_interval(*d));
  if (int r = decide_on_interval(rel.kind(), v); r != 0 || v.is_empty()) return r;
  // Shifted tier: each atom as its lower end plus a nonnegative offset, so
  // that terms sharing atoms show their signs (shifted_interval.hpp).
  return decide_on_interval(rel.kind(), v.intersect(shifted_interval(*d, atom)));
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
    count_fallback(Fallback::SimplifyDecision);
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
    Expr t = internal_symbol("multiple" + std::to_string(m) + "_of_" + s.name());
    sub.emplace(s, mul(integer(m), t));
    ValueRange r = facts.ranges().of_symbol(s);
    std::optional<int64_t> lo, hi;
    if (r.has_lo()) lo = ceil_div(r.lo(), m);
    if (r.has_hi()) hi = floor_div(r.hi(), m);
    const ValueRange multiples = ValueRange::from_bounds(lo, hi);
    if (multiples.is_empty()) return true;  // no multiple in range: the facts contradict
    env.symbols[t] = multiples;
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
    count_fallback(Fallback::MultiplesRewrite);
    return false;
  }
}

bool refuted_by_ranges(Expr cond, const FactSummary& facts) {
  return decide_with_bound(cond, facts) < 0;
}

}  // namespace symshape
