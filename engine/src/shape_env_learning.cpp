// Learning from a recorded condition: equalities become replacements, bounds
// on one symbol narrow its range, `Eq(Mod(a, b), 0)` becomes a divisibility
// fact. Everything learned is implied by the recorded condition, so answers
// derived from it are as sound as the condition itself.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shape_env_state.hpp"
#include "shifted_interval.hpp"
#include "symshape/engine/fallback_stats.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/int_math.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/symbolic/symbol_bound.hpp"

namespace symshape {

namespace {

// d == coeff * x + rest, with x not in rest; nullopt when x occurs other than
// in terms x or c*x (inside a product with other symbols, a Pow, a FloorDiv...).
struct LinearInSymbol {
  int64_t coeff = 0;
  Expr rest;
};

std::optional<LinearInSymbol> linear_in(Expr d, Expr x) {
  std::span<const Expr> terms = d.is(ExprKind::Add) ? d.args() : std::span<const Expr>(&d, 1);
  LinearInSymbol out;
  std::vector<Expr> rest;
  for (Expr t : terms) {
    if (t == x) {
      out.coeff = checked_add(out.coeff, 1);
    } else if (t.is(ExprKind::Mul) && t.num_args() == 2 && t.arg(0).is_integer() && t.arg(1) == x) {
      out.coeff = checked_add(out.coeff, t.arg(0).value());
    } else if (contains_symbol(t, x)) {
      return std::nullopt;
    } else {
      rest.push_back(t);
    }
  }
  out.rest = rest.empty() ? integer(0) : add(rest);
  return out;
}

}  // namespace

void ShapeEnv::State::record_fact(Expr cond, GuardKind kind, GuardOrigin origin, const Provenance& provenance) {
  // Before and after learning (which may throw halfway): no answer memoized
  // under partly learned facts survives.
  facts_changed();
  struct ChangedOnExit {
    State& st;
    ~ChangedOnExit() { st.facts_changed(); }
  } changed_on_exit{*this};
  GuardRecord g;
  g.condition = cond;
  g.kind = kind;
  g.origin = origin;
  g.provenance = fill_stage(provenance);
  facts.guards.push_back(std::move(g));
  facts.known_true.insert(cond);
  prover.add_fact(cond);
  learn(cond);
}

void ShapeEnv::State::learn(Expr cond) {
  cond = apply_replacements(cond);  // earlier parts of an And may have added replacements
  if (cond.is(ExprKind::And)) {
    std::vector<Expr> parts(cond.args().begin(), cond.args().end());
    for (Expr p : parts) learn(p);
    return;
  }
  if (!is_relation_kind(cond.kind())) return;
  const ExprKind kind = cond.kind();
  const Expr d = sub(cond.arg(0), cond.arg(1));

  if (kind == ExprKind::Eq) {
    // Eq(Mod(a, b), 0), whichever side the Mod ended up on.
    Expr m = d;
    if (m.is(ExprKind::Mul) && m.num_args() == 2 && m.arg(0).is_integer() && m.arg(0).value() == -1) m = m.arg(1);
    if (m.is(ExprKind::Mod)) {
      add_divisibility(m.arg(0), m.arg(1));
      return;
    }
    // A replacement: eliminate a symbol with coefficient +-1. Prefer unbacked
    // symbols (a hinted expression is better than no hint), then the newest
    // symbol, as PyTorch does; a backed symbol is never replaced by an
    // expression over unbacked ones, whose hint would be lost.
    std::vector<Expr> candidates = free_symbols(d);
    auto order = [this](Expr a, Expr b) {
      const SymbolInfo* ia = find_symbol(a);
      const SymbolInfo* ib = find_symbol(b);
      bool ua = ia && !ia->backed, ub = ib && !ib->backed;
      if (ua != ub) return ua;
      size_t pa = ia ? facts.symbol_index.at(a) : 0, pb = ib ? facts.symbol_index.at(b) : 0;
      return pa > pb;
    };
    std::stable_sort(candidates.begin(), candidates.end(), order);
    for (Expr x : candidates) {
      const SymbolInfo* info = find_symbol(x);
      if (!info) continue;
      std::optional<LinearInSymbol> lin = linear_in(d, x);
      if (!lin || (lin->coeff != 1 && lin->coeff != -1)) continue;
      Expr rhs = lin->coeff == 1 ? neg(lin->rest) : lin->rest;
      if (info->backed && has_unbacked(rhs)) continue;
      set_replacement(x, rhs);
      return;
    }
    if (Expr m = divisibility_under_nonzero_factor(d)) {
      add_divisibility(m.arg(0), m.arg(1));
      prover.add_fact(eq(m, integer(0)));
      return;
    }
  }

  // Bounds on a single symbol: c*x + k (op) 0.
  std::vector<Expr> syms = free_symbols(d);
  if (syms.size() != 1 || !find_symbol(syms[0])) return;
  const Expr x = syms[0];
  std::optional<LinearInSymbol> lin = linear_in(d, x);
  if (!lin || lin->coeff == 0 || !lin->rest.is_integer()) return;
  const int64_t c = lin->coeff, k = lin->rest.value();
  try {
    learn_bound(x, kind, c, k);
  } catch (const OverflowError&) {
    // A bound at the edge of int64 (e.g. -k for k = INT64_MIN): learning is
    // only an optimization, the condition is already recorded and with the
    // Prover, so skipping it loses no soundness.
  }
}

// view's numel check records Eq(s0*s1*s2, 4*s0*s1*(s2//4)): with s0 and s1
// nonzero, that is s2 - 4*(s2//4) == 0, i.e. Mod(s2, 4) == 0. Without this the
// divisibility stays hidden in the product and every later question about
// s2 // 4 needs the Prover. Only divisibility is learned this way, not a
// replacement: the factor must be known nonzero, which PyTorch does not
// check, and a replacement would change every expression built afterwards.
Expr ShapeEnv::State::divisibility_under_nonzero_factor(Expr d) const {
  const std::optional<Polynomial> p = to_polynomial(d);
  if (!p || p->terms.size() < 2) return Expr();
  const Factored f = factor(*p);
  if (f.common.empty()) return Expr();
  try {
    for (const auto& [atom, k] : f.common) {
      if (bound(atom, facts.ranges).contains(0)) return Expr();
    }
    const Expr rest = polynomial_expr(f.cofactor);  // the sign is irrelevant for == 0
    for (Expr r : {rest, neg(rest)}) {
      if (r.is(ExprKind::Mod)) return r;
    }
  } catch (const Error&) {
    count_fallback(Fallback::NonzeroFactorDivisor);
  }
  return Expr();
}

void ShapeEnv::State::learn_bound(Expr x, ExprKind kind, int64_t c, int64_t k) {
  // c*x + k REL 0, that is c*x REL -k.
  if (kind == ExprKind::Eq || kind == ExprKind::Le || kind == ExprKind::Lt) {
    refine_range(x, solve_linear(kind, c, checked_neg(k)));
  } else if (kind == ExprKind::Ne && checked_neg(k) % c == 0) {
    // x != -k/c: only an endpoint of the range can move.
    int64_t v = checked_neg(k) / c;
    ValueRange r = find_symbol(x)->range;
    if (r.has_lo() && r.lo() == v) refine_range(x, ValueRange::at_least(checked_add(v, 1)));
    else if (r.has_hi() && r.hi() == v) refine_range(x, ValueRange::at_most(checked_sub(v, 1)));
  }
}

void ShapeEnv::State::set_replacement(Expr sym, Expr rhs) {
  // rhs mentions only surviving symbols and not sym, so after rewriting the
  // existing right-hand sides no right-hand side mentions an eliminated symbol:
  // one substitution pass reaches the fixpoint and no cycle can form.
  Substitution one{{sym, rhs}};
  for (auto& [eliminated, expr] : facts.replacements) {
    if (contains_symbol(expr, sym)) expr = substitute(expr, one);
  }
  facts.replacements.emplace(sym, rhs);
  facts.replacement_order.push_back(sym);

  // Known conditions and divisibility facts are kept in replaced form so that
  // lookups keep matching.
  std::unordered_set<Expr, ExprHash> known;
  for (Expr c : facts.known_true) known.insert(substitute(c, one));
  facts.known_true = std::move(known);
  std::vector<DivisibilityFact> old = std::move(facts.divisibility);
  facts.divisibility.clear();
  // apply_replacements, not `one`: re-adding a fact can narrow a range to a
  // point and so add a replacement of its own.
  for (const DivisibilityFact& f : old) add_divisibility(apply_replacements(f.dividend), apply_replacements(f.divisor));

  if (rhs.is_integer()) {
    // Keep the eliminated symbol's range exact: produce_guards() reports it.
    SymbolInfo& info = mutable_symbol(sym);
    ValueRange point = info.range.intersect(ValueRange::point(rhs.value()));
    if (point.is_empty()) {
      throw GuardViolation("contradictory facts: " + sym.name() + " in " + info.range.to_string() + " and equal to " +
                               std::to_string(rhs.value()),
                           sym);
    }
    info.range = point;
    facts.ranges.symbols[sym] = point;
  } else if (rhs.is_symbol() && find_symbol(rhs)) {
    // The survivor inherits the eliminated symbol's range.
    refine_range(rhs, find_symbol(sym)->range);
  }
}

void ShapeEnv::State::refine_range(Expr sym, const ValueRange& range) {
  if (auto it = facts.replacements.find(sym); it != facts.replacements.end()) {
    if (it->second.is_symbol()) refine_range(it->second, range);
    return;
  }
  SymbolInfo& info = mutable_symbol(sym);
  ValueRange narrowed = info.range.intersect(range);
  if (narrowed.is_empty()) {
    throw GuardViolation("contradictory facts: " + sym.name() + " in " + info.range.to_string() + " and in " +
                             range.to_string(),
                         sym);
  }
  if (narrowed == info.range) return;
  // Tell the Prover the derived bound too: it follows from recorded facts, but
  // a bound like `s0 >= 8` (from s0 % 8 == 0 and s0 >= 2) is something only
  // Z3 would rediscover, while the Prover's range tier reads it directly.
  if (narrowed.has_lo() && narrowed.lo_opt() != info.range.lo_opt()) prover.add_fact(ge(sym, integer(narrowed.lo())));
  if (narrowed.has_hi() && narrowed.hi_opt() != info.range.hi_opt()) prover.add_fact(le(sym, integer(narrowed.hi())));
  info.range = narrowed;
  facts.ranges.symbols[sym] = narrowed;
  // A range narrowed to one value is a replacement (PyTorch's
  // range_refined_to_singleton).
  if (narrowed.is_point()) set_replacement(sym, integer(narrowed.lo()));
}

void ShapeEnv::State::add_divisibility(Expr dividend, Expr divisor) {
  DivisibilityFact f{dividend, divisor, mod(dividend, divisor), floordiv(dividend, divisor)};
  if (!f.mod_node.is(ExprKind::Mod)) return;  // folded: nothing to remember
  for (const DivisibilityFact& g : facts.divisibility) {
    if (g.mod_node == f.mod_node) return;
  }
  facts.divisibility.push_back(f);
  // A symbol that is a multiple of m > 0 has range endpoints that are multiples of m.
  if (dividend.is_symbol() && divisor.is_integer() && divisor.value() > 0 && find_symbol(dividend)) {
    const int64_t m = divisor.value();
    ValueRange r = find_symbol(dividend)->range;
    std::optional<int64_t> lo, hi;
    if (r.has_lo()) lo = checked_mul(ceil_div(r.lo(), m), m);
    if (r.has_hi()) hi = checked_mul(floor_div(r.hi(), m), m);
    refine_range(dividend, ValueRange::from_bounds(lo, hi));
  }
}

std::vector<std::pair<Expr, Expr>> ShapeEnv::replacements() const {
  std::vector<std::pair<Expr, Expr>> out;
  for (Expr s : state_->facts.replacement_order) out.emplace_back(s, state_->facts.replacements.at(s));
  return out;
}

std::vector<std::pair<Expr, Expr>> ShapeEnv::divisibility_facts() const {
  std::vector<std::pair<Expr, Expr>> out;
  for (const DivisibilityFact& f : state_->facts.divisibility) out.emplace_back(f.dividend, f.divisor);
  return out;
}

bool ShapeEnv::known_divisible(Expr a, Expr b) const {
  Expr m = mod(state_->apply_replacements(a), state_->apply_replacements(b));
  if (m.is_integer()) return m.value() == 0;
  for (const DivisibilityFact& f : state_->facts.divisibility) {
    if (f.mod_node == m) return true;
  }
  return false;
}

}  // namespace symshape
