// The witness tier: disproves implications with a point instead of a solver.
//
// It keeps a few points known to satisfy every current fact (checked by exact
// evaluation, never assumed): points callers offer (the hints a tracer saw,
// which satisfy every guard recorded at them), models Z3 returned, and the
// corner of the ranges. A condition that is false at such a point (extended
// with values for symbols no fact mentions) is not implied, and the point is
// the counterexample. A tracer asks "is cond implied?" and "is not-cond
// implied?" of conditions that hold at its hints, so one hint point answers
// the "no" half of most questions without Z3. When no kept point is a
// counterexample, a few perturbations of them are tried (one symbol of the
// condition moved up, down or far; every symbol scaled or shifted together,
// which keeps equalities and divisibility among them), each checked against
// every fact, so "does s1 <= 4096 follow?" is disproved by s1 = 8193 without
// a solver.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "cheap_tiers.hpp"
#include "symshape/symbolic/eval.hpp"

namespace symshape {

class WitnessTier {
 public:
  static constexpr size_t kMaxPoints = 16;

  explicit WitnessTier(const SymbolDomain& domain) : domain_(domain) {}

  // Keeps `point` if every fact holds at it (evaluated exactly).
  void offer(const Assignment& point, std::span<const Expr> facts);
  // A new fact: drops the points where it fails.
  void add_fact(Expr fact);
  // A point where every fact holds and `cond` is false, if one is at hand.
  // `facts`/`ranges` let it try the corner of the ranges when it has no point.
  std::optional<Assignment> counterexample(Expr cond, std::span<const Expr> facts,
                                           const FactSummary& ranges);
  // A point where every fact and every premise holds and `goal` does not
  // (false, or raising there), searched around the kept points where the
  // premises hold: each goal symbol moved to a few values (with the symbols
  // that Eq premises tie to it), then a short local search that follows
  // definitions (symbolic/point_search.hpp). Each point is checked by exact
  // evaluation; not finding one says nothing. For implies_with_core.
  std::optional<Assignment> refutation(Expr goal, std::span<const Expr> premises, std::span<const Expr> facts,
                                       const FactSummary& ranges) const;
  // A point where every fact and every `conds` holds, if one is at hand.
  std::optional<Assignment> model(std::span<const Expr> conds, std::span<const Expr> facts,
                                  const FactSummary& ranges);

 private:
  std::optional<Assignment> extend_to(const Assignment& point, std::span<const Expr> conds,
                                      bool want_true);
  void ensure_corner(std::span<const Expr> facts, const FactSummary& ranges);
  void remember(const Assignment& point);
  std::optional<Assignment> perturbed_counterexample(Expr cond, std::span<const Expr> facts,
                                                     const FactSummary& ranges);

  SymbolDomain domain_;
  std::vector<Assignment> points_;
  bool corner_tried_ = false;
};

}  // namespace symshape
