// Simplification under the env's facts (replacements, divisibility, ranges) and
// the tiered decision procedure: cheap tiers first, the Prover last.
#include <cstdint>
#include <vector>

#include "shape_env_state.hpp"
#include "shifted_interval.hpp"
#include "symshape/engine/fallback_stats.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"

namespace symshape {

namespace {

// A symbol no caller can name (the parser never produces '#'): stands for an
// exact quotient while a sum is rewritten, and never leaves this file.
Expr quotient_placeholder() {
  static const Expr q = internal_symbol("exact_quotient");
  return q;
}

// Divides the product `factors` by `divisor` exactly, or returns null: an
// Integer divisor must divide the coefficient; any other divisor must be one of
// the factors (or the base of a Pow factor).
Expr divide_product_exactly(std::vector<Expr> factors, Expr divisor) {
  if (divisor.is_integer()) {
    int64_t m = divisor.value();
    if (m == 0) return Expr();
    if (!factors.empty() && factors.front().is_integer()) {
      int64_t c = factors.front().value();
      if (m == -1 && c == INT64_MIN) return Expr();  // c / m would not fit (and c % m is undefined)
      if (c % m != 0) return Expr();
      factors.front() = integer(c / m);
    } else if (m == 1) {
      // nothing to divide
    } else if (m == -1) {
      factors.push_back(integer(-1));
    } else {
      return Expr();
    }
    return mul(factors);
  }
  for (size_t i = 0; i < factors.size(); ++i) {
    if (factors[i] == divisor) {
      factors.erase(factors.begin() + static_cast<std::ptrdiff_t>(i));
      return factors.empty() ? integer(1) : mul(factors);
    }
    if (factors[i].is(ExprKind::Pow) && factors[i].arg(0) == divisor) {
      factors[i] = pow(divisor, factors[i].arg(1).value() - 1);
      return mul(factors);
    }
  }
  return Expr();
}

// Given a % b == 0 (so b * (a // b) == a), rewrites every term k*b*(a // b) of
// the sum `d` to k*a. Returns `d` unchanged when some occurrence of a // b is
// not such a term (inside a Max, squared, ...): then nothing is rewritten.
Expr eliminate_exact_quotient(Expr d, const DivisibilityFact& fact) {
  if (!fact.floordiv_node.is(ExprKind::FloorDiv)) return d;
  const Expr q = quotient_placeholder();
  Substitution to_placeholder{{fact.floordiv_node, q}};
  Expr with_q = substitute(d, to_placeholder);
  if (!contains_symbol(with_q, q)) return d;
  std::vector<Expr> terms;
  if (with_q.is(ExprKind::Add)) {
    terms.assign(with_q.args().begin(), with_q.args().end());
  } else {
    terms.push_back(with_q);
  }
  std::vector<Expr> out;
  out.reserve(terms.size());
  for (Expr t : terms) {
    if (!contains_symbol(t, q)) {
      out.push_back(t);
      continue;
    }
    std::vector<Expr> factors;
    if (t.is(ExprKind::Mul)) {
      factors.assign(t.args().begin(), t.args().end());
    } else {
      factors.push_back(t);
    }
    // q must be a plain factor, exactly once.
    size_t found = factors.size();
    for (size_t i = 0; i < factors.size(); ++i) {
      if (factors[i] == q) {
        if (found != factors.size()) return d;
        found = i;
      } else if (contains_symbol(factors[i], q)) {
        return d;
      }
    }
    if (found == factors.size()) return d;
    factors.erase(factors.begin() + static_cast<std::ptrdiff_t>(found));
    Expr cofactor = divide_product_exactly(std::move(factors), fact.divisor);
    if (!cofactor) return d;
    out.push_back(mul(cofactor, fact.dividend));
  }
  return add(out);
}

Expr rebuild_relation(ExprKind kind, Expr difference) {
  Expr zero = integer(0);
  switch (kind) {
    case ExprKind::Eq: return eq(difference, zero);
    case ExprKind::Ne: return ne(difference, zero);
    case ExprKind::Lt: return lt(difference, zero);
    case ExprKind::Le: return le(difference, zero);
    default: return Expr();
  }
}

}  // namespace

Expr ShapeEnv::State::apply_replacements(Expr e) const {
  if (facts.replacements.empty()) return e;
  return substitute(e, facts.replacements);
}

Expr ShapeEnv::State::apply_divisibility(Expr e) const {
  if (facts.divisibility.empty()) return e;
  if (e.is(ExprKind::And) || e.is(ExprKind::Or) || e.is(ExprKind::Not)) {
    std::vector<Expr> args;
    bool changed = false;
    for (Expr a : e.args()) {
      args.push_back(apply_divisibility(a));
      changed = changed || args.back() != a;
    }
    return changed ? rebuild(e, args) : e;
  }
  if (e.is_boolean() && !is_relation_kind(e.kind())) return e;  // True / False
  // Work on one sum: a relation's two sides are moved to one side first, so a
  // `b * (a // b)` on one side meets the `a` on the other.
  Expr d = is_relation_kind(e.kind()) ? sub(e.arg(0), e.arg(1)) : e;
  Substitution mods;
  for (const DivisibilityFact& f : facts.divisibility) mods.emplace(f.mod_node, integer(0));
  Expr rewritten = substitute(d, mods);
  for (const DivisibilityFact& f : facts.divisibility) rewritten = eliminate_exact_quotient(rewritten, f);
  if (rewritten == d) return e;
  return is_relation_kind(e.kind()) ? rebuild_relation(e.kind(), rewritten) : rewritten;
}

Expr ShapeEnv::State::simplify(Expr e) const {
  if (!options.memoize) return simplify_uncached(e);
  sync_memo();
  if (auto it = memo.simplified.find(e); it != memo.simplified.end()) {
    ++stats.memo_hits;
    return it->second;
  }
  const Expr r = simplify_uncached(e);
  memo.simplified.emplace(e, r);
  return r;
}

Expr ShapeEnv::State::simplify_uncached(Expr e) const {
  Expr r = apply_replacements(e);
  r = apply_divisibility(r);
  return symshape::simplify(r, facts.ranges);
}

std::optional<bool> ShapeEnv::State::decide_cheaply(Expr c) const {
  if (c.is_true()) return true;
  if (c.is_false()) return false;
  if (facts.known_true.contains(c)) return true;
  if (facts.known_true.contains(logical_not(c))) return false;
  ValueRange r = bound(c, facts.ranges);
  if (!r.is_empty() && r.is_point()) return r.lo() != 0;
  return decide_by_shifted_bounds(c);
}

Expr ShapeEnv::State::with_exact_quotients(Expr e) const {
  Substitution multiples;
  for (const DivisibilityFact& f : facts.divisibility) {
    if (f.dividend.is_symbol() && f.divisor.is_integer() && f.divisor.value() > 0 && f.floordiv_node.is(ExprKind::FloorDiv))
      multiples.emplace(f.dividend, mul(f.divisor, f.floordiv_node));
  }
  return multiples.empty() ? e : substitute(e, multiples);
}

std::optional<bool> ShapeEnv::State::decide_by_shifted_bounds(Expr c) const {
  if (!is_relation_kind(c.kind())) return std::nullopt;
  Expr rel;
  try {
    rel = with_exact_quotients(c);
  } catch (const Error&) {
    count_fallback(Fallback::ExactQuotients);
    return std::nullopt;
  }
  // The rewrite may fold the relation (Eq(Mod(s0, 4), 0) becomes True).
  if (rel.is_true() || rel.is_false()) return rel.is_true();
  if (rel.kind() != c.kind()) return std::nullopt;
  const std::optional<Polynomial> d = relation_polynomial(rel);
  if (!d) return std::nullopt;
  const ValueRange v = shifted_interval(*d, [this](Expr atom) {
    try {
      return bound(atom, facts.ranges);
    } catch (const Error&) {
      count_fallback(Fallback::ExactQuotientAtom);
      return ValueRange::all();
    }
  });
  if (v.is_empty()) return std::nullopt;
  switch (c.kind()) {
    case ExprKind::Le:
    case ExprKind::Lt:  // d <= 0 (relation_polynomial folds Lt's +1 in)
      if (v.all_at_most(0)) return true;
      if (v.all_at_least(1)) return false;
      return std::nullopt;
    case ExprKind::Eq:
    case ExprKind::Ne:
      if (v.is_point() && v.lo() == 0) return c.is(ExprKind::Eq);
      if (!v.contains(0)) return c.is(ExprKind::Ne);
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

std::optional<bool> ShapeEnv::State::decide_with_prover(Expr c) {
  if (!options.use_prover) return std::nullopt;
  // implies(c) answering No only means "not implied"; the negation needs its
  // own question.
  if (prover.implies(c).verdict == Verdict::Yes) return true;
  if (prover.implies(logical_not(c)).verdict == Verdict::Yes) return false;
  return std::nullopt;
}

std::optional<bool> ShapeEnv::State::decide(Expr c) {
  Decision d;
  if (options.memoize) {
    sync_memo();
    if (auto it = memo.decided.find(c); it != memo.decided.end()) {
      ++stats.memo_hits;
      d = it->second;
    } else {
      d = decide_uncached(c);
      // The Prover may have learned (a witness point) but the facts are the
      // same, so the answer holds for this generation.
      sync_memo();
      memo.decided.emplace(c, d);
    }
  } else {
    d = decide_uncached(c);
  }
  if (d.by == DecidedBy::Simplify) ++stats.decided_by_simplify;
  if (d.by == DecidedBy::Prover) ++stats.decided_by_prover;
  return d.value;
}

Decision ShapeEnv::State::decide_uncached(Expr c) {
  if (auto v = decide_cheaply(c)) return {v, DecidedBy::Simplify};
  if (auto v = decide_with_prover(c)) return {v, DecidedBy::Prover};
  return {};
}

Expr ShapeEnv::simplify(Expr e) const { return state_->simplify(e); }
Expr ShapeEnv::apply_replacements(Expr e) const { return state_->apply_replacements(e); }

}  // namespace symshape
