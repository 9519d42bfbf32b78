// The modular tier: parity and residue questions decided by enumerating
// residues instead of asking a solver.
//
// Divisibility facts (`Eq(Mod(s0, 2), 0)`, `Eq(2*(s0//2), s0)`, `Eq(3*s0, s1)`)
// say nothing an interval can hold, and Z3's nonlinear search is slow on
// them: `s0` even makes `s0**2` even, yet `Eq(Mod(s0, 2), 0)` and
// `Ne(Mod(s0**2, 2), 0)` together took Z3 seconds to (not) refute. Here each
// symbol of the question takes every residue modulo a small M (or, when the
// ranges tier bounds it to a few values, each of those values exactly), the
// facts that mention it are evaluated on those residues in an abstract
// arithmetic, and the question is decided when every residue tuple the facts
// admit gives the same answer.
//
// The abstract value of an integer subterm is "congruent to r modulo n" (n = 0:
// exactly r; n = 1: nothing known). Sums, products and powers carry the
// modulus (`(r1 + n1*k1)*(r2 + n2*k2)` is `r1*r2` modulo gcd(n1*n2, r1*n2,
// r2*n1)); `Mod(X, d)` is exact when d divides X's modulus, `X // d` is known
// modulo n/d when d divides n; Min/Max keep what all their arguments share.
// This holds for every integer, negative ones included, with Python's floor
// semantics, so no symbol domain is assumed: the residues are all of them.
//
// A condition evaluates to a subset of {true, false, raises} (connectives are
// strict, as eval.hpp's are: any raising argument makes the whole condition
// raise). A fact admits a tuple when it may be true there; the condition is
// implied when it may be false at no admitted tuple (points where it raises are
// not considered: the Prover proves its divisors nonzero separately). No
// admitted tuple at all means the facts contradict each other. Only "implied"
// answers come from here; a refutation needs a point (witness tier).
//
// Cost: at most kMaxVars symbols and kMaxTuples residue tuples per question,
// facts over other symbols are not looked at, and questions with no modular
// content (no Mod, FloorDiv, products or non-unit coefficients, nor an
// equality among facts) return at once.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "cheap_tiers.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape {

class ModularTier {
 public:
  static constexpr size_t kMaxVars = 4;
  static constexpr size_t kMaxTuples = 4096;
  static constexpr int64_t kMaxModulus = 64;
  // A symbol whose range has at most this many values is enumerated exactly.
  static constexpr int64_t kMaxExactValues = 16;

  // Keeps `fact` if it can say something about residues (equalities, and
  // anything with a Mod, FloorDiv, product or non-unit coefficient).
  void add_fact(Expr fact);

  // A point of the symbol domain where every `holds` condition (the caller's
  // facts and premises, all of them) evaluates to true and `fails` (unless null) evaluates to false:
  // a counterexample to an implication, or a model. The points tried are,
  // for each symbol, one representative of every residue class modulo the
  // tier's modulus (the least in its range; every value of a narrow range),
  // so a solution that needs `s1 % 18 == 12` is met. Only when the facts and
  // conditions have at most kMaxVars symbols; at most kMaxPoints points.
  std::optional<Assignment> find_point(std::span<const Expr> holds, Expr fails, const FactSummary& ranges) const;
  static constexpr size_t kMaxPoints = 4096;
  // Whether find_point can search at all for these conditions (few enough
  // symbols, some modular content). Cheap: callers ask it before they build
  // the FactSummary that find_point needs, which on a large component costs
  // far more than the search itself.
  static bool point_search_applies(std::span<const Expr> holds, Expr fails);

  // Whether the kept facts, and `premises`, imply `cond` at every point where
  // `cond` evaluates, within the ranges of `ranges`. When it answers yes and
  // `used` is given, it receives the indices of the premises it relied on.
  bool implies(Expr cond, const FactSummary& ranges, std::span<const Expr> premises = {},
               std::vector<size_t>* used = nullptr) const;

 private:
  // The kept facts with their free symbols (asked on every question).
  std::vector<std::pair<Expr, std::vector<Expr>>> facts_;
};

// Whether `e` has content the modular tier can use (see above).
bool has_modular_content(Expr e);
// The modulus the tier works modulo for questions about `exprs`: the lcm of
// their constant divisors and coefficients, refined for FloorDiv, at most
// ModularTier::kMaxModulus (2 when they have none).
int64_t residue_modulus(std::span<const Expr> exprs);

}  // namespace symshape
