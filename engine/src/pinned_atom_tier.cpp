#include "pinned_atom_tier.hpp"

#include <algorithm>

#include "symshape/engine/fallback_stats.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/polynomial.hpp"

namespace symshape {
namespace {

// At most this many atoms of the goal are tried as the pinned one.
constexpr size_t kMaxPinnedAtoms = 3;

// The premises containing x, each with x replaced by v; nullopt-core when
// they contradict each other under the facts.
std::optional<std::vector<size_t>> contradiction_with(std::span<const Expr> premises, Expr x, Expr v,
                                                      const FactSummary& facts, PremiseShapes& shapes) {
  FactSummary local = facts;
  std::vector<size_t> used;
  Substitution pin{{x, v}};
  const std::vector<Expr> x_symbols = free_symbols(x);
  for (size_t i = 0; i < premises.size(); ++i) {
    const std::vector<Expr>& symbols = shapes.of(premises[i]).symbols;
    if (!std::includes(symbols.begin(), symbols.end(), x_symbols.begin(), x_symbols.end(), ExprLess())) continue;
    if (!x.is_symbol() && !contains_symbol(premises[i], x)) continue;
    const Expr p = substitute(premises[i], pin);
    if (p.is_false()) return std::vector<size_t>{i};
    used.push_back(i);
    local.add(p);
    if (local.contradictory()) return used;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<size_t>> implied_by_pinning(std::span<const Expr> premises, Expr goal,
                                                      const FactSummary& facts, PremiseShapes* shapes) {
  if (!goal.is(ExprKind::Ne) || premises.empty()) return std::nullopt;
  PremiseShapes fresh;
  PremiseShapes& memo = shapes ? *shapes : fresh;
  try {
    auto d = relation_polynomial(goal);
    if (!d || !is_linear(*d)) return std::nullopt;
    size_t tried = 0;
    // Opaque atoms (FloorDiv, Mod) first: they are what products repeat.
    for (bool opaque : {true, false}) {
      for (const auto& [m, c] : d->terms) {
        if (m.size() != 1 || m[0].second != 1 || (c != 1 && c != -1)) continue;
        const Expr x = m[0].first;
        if (x.is_symbol() == opaque) continue;
        if (tried++ == kMaxPinnedAtoms) return std::nullopt;
        // d == c*x + rest == 0  =>  x == -rest / c == -c * rest (c = +-1).
        Polynomial rest = *d;
        rest.terms.erase(m);
        auto v_poly = sum(constant_polynomial(0), rest, -c);
        if (!v_poly) continue;
        const Expr v = to_expr(*v_poly);
        if (contains_symbol(v, x)) continue;
        if (auto core = contradiction_with(premises, x, v, facts, memo)) return core;
      }
    }
  } catch (const Error&) {
    count_fallback(Fallback::PinnedAtomTier);
  }
  return std::nullopt;
}

}  // namespace symshape
