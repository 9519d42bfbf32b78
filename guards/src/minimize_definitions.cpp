// Stage 5, second half: definitions. A kept guard `Eq(x, e)` (after the forest
// reduction) with x a symbol that e does not mention is a definition x := e,
// the "replacement" PyTorch's ShapeEnv makes: x is eliminated from every other
// guard. As with the forest, a guard whose reduced form becomes True, or
// equal to the reduced form of a guard kept before it, is implied by that
// guard and the definitions used:
//   Eq(s3, s1 + s2)   then   Eq(12*s0*s1*(s4 + s1), 12*s0*s1*s3)   with s4 = s2
// reduces to True without the Prover (for which it is a nonlinear query).
//
// Only polynomial right-hand sides (Integer, Symbol, Add, Mul, Pow) are used:
// substituting an expression with a division could make a guard undefined
// (x // 0) where it was defined before. Definitions are kept triangular (each
// right-hand side mentions no defined symbol), accepted in keep order, and a
// definition that would make a cycle is not taken.
#include <unordered_map>

#include "minimize_state.hpp"
#include "symshape/symbolic/errors.hpp"

namespace symshape::detail {
namespace {

bool is_polynomial(Expr e) {
  switch (e.kind()) {
    case ExprKind::Integer:
    case ExprKind::Symbol: return true;
    case ExprKind::Add:
    case ExprKind::Mul:
    case ExprKind::Pow:
      for (Expr a : e.args()) {
        if (!is_polynomial(a)) return false;
      }
      return true;
    default: return false;
  }
}

// `Eq(x, e)` or `Eq(e, x)` with x a symbol absent from the polynomial e.
std::optional<std::pair<Expr, Expr>> as_definition(Expr g) {
  if (!g.is(ExprKind::Eq)) return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    Expr x = g.arg(side), e = g.arg(1 - side);
    if (x.is_symbol() && !e.is_integer() && !e.is_symbol() && is_polynomial(e) && !contains_symbol(e, x)) {
      return std::pair{x, e};
    }
  }
  return std::nullopt;
}


struct Definitions {
  Substitution value;  // x -> e, triangular
  std::unordered_map<Expr, std::vector<size_t>, ExprHash> justification;  // guards behind x := e

  // The guards justifying the definitions of the symbols of `e`.
  std::vector<size_t> used_by(Expr e) const {
    std::vector<size_t> out;
    for (Expr s : free_symbols(e)) {
      auto it = justification.find(s);
      if (it != justification.end()) append_reasons(out, it->second);
    }
    return out;
  }
};

}  // namespace

void drop_implied_by_definitions(MinimizeState& state) {
  Definitions defs;
  for (auto it = state.drop_order.rbegin(); it != state.drop_order.rend(); ++it) {
    const size_t i = *it;
    if (!state.alive(i) || state.forest_edge[i]) continue;
    auto def = as_definition(state.reduced[i]);
    if (!def) continue;
    auto [x, e] = *def;
    if (defs.value.count(x)) continue;
    Expr resolved;
    try {
      resolved = substitute(e, defs.value);
    } catch (const Error&) {
      continue;
    }
    if (contains_symbol(resolved, x)) continue;  // a cycle through earlier definitions
    std::vector<size_t> why = state.reduction_path[i];
    why.push_back(i);
    append_reasons(why, defs.used_by(e));
    // Keep the definitions triangular: x leaves every earlier right-hand side.
    Substitution just_x{{x, resolved}};
    bool ok = true;
    Substitution updated = defs.value;
    for (auto& [y, value] : updated) {
      if (!contains_symbol(value, x)) continue;
      try {
        value = substitute(value, just_x);
      } catch (const Error&) {
        ok = false;
        break;
      }
      append_reasons(defs.justification[y], why);
    }
    if (!ok) continue;
    defs.value = std::move(updated);
    defs.value.emplace(x, resolved);
    defs.justification[x] = std::move(why);
    state.definition[i] = true;
  }
  if (defs.value.empty()) return;

  ReducedFormIndex first_with_reduced_form;
  for (auto it = state.drop_order.rbegin(); it != state.drop_order.rend(); ++it) {
    const size_t i = *it;
    if (!state.alive(i) || state.substitution_source(i)) continue;
    Expr r = state.reduced[i];
    std::vector<size_t> path = state.reduction_path[i];
    std::vector<size_t> used = defs.used_by(r);
    if (!used.empty()) {
      try {
        r = substitute(r, defs.value);
        append_reasons(path, used);
      } catch (const Error&) {
        r = state.reduced[i];
      }
    }
    record_reduced_form(state, i, r, std::move(path), first_with_reduced_form);
  }
}

}  // namespace symshape::detail
