// Re-checks a minimization with Z3 alone, independently of the minimizer's
// reasoning: verify_equivalent on the kept and raw sets, and every stated
// reason re-proved (Z3Checker, holds forms, the same domain and assumptions):
//   duplicate of K  -> holds(K) <=> holds(dropped)
//   trivial         -> holds(dropped) at every point of the domain
//   implied by K... -> holds(K...) => holds(dropped)
// A refuted reason or a NOT EQUIVALENT answer is a test failure naming the
// point; Unknown answers are counted for the caller to bound.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "box_equivalence.hpp"
#include "symshape/engine/z3_checker.hpp"
#include "symshape/guards/guard_set.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/guards/verify_minimized.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape::testing {

struct IndependentCheck {
  VerifyStatus equivalence = VerifyStatus::Unverified;
  size_t reasons_proved = 0;
  size_t reasons_unknown = 0;
};

inline std::string point_text(const Assignment& point) {
  std::string out;
  for (const auto& [sym, value] : point) out += to_sympy(sym) + "=" + std::to_string(value) + " ";
  return out;
}

// Dropped guards whose reason is Duplicate (each takes two Z3 questions).
inline size_t duplicates(const MinimizeResult& result) {
  size_t n = 0;
  for (const DroppedGuard& d : result.dropped) n += d.reason == DropReason::Duplicate;
  return n;
}

// `r` is NOT EQUIVALENT with a witness that really tells the sets apart: a
// point of the domain where the assumptions hold and exactly the side it
// names passes (exact evaluation; a guard that raises fails), and the guard
// it names fails there.
inline void expect_real_witness(const std::vector<Expr>& raw, const std::vector<Expr>& kept, const VerifyResult& r,
                                const VerifyOptions& options = {}) {
  ASSERT_EQ(r.status, VerifyStatus::NotEquivalent) << r.reason;
  ASSERT_TRUE(r.witness.has_value());
  const Inequivalence& w = *r.witness;
  for (const auto& [sym, value] : w.point) {
    if (options.domain.is_size(sym)) {
      EXPECT_GE(value, 0) << "the point leaves the domain";
    }
  }
  EXPECT_TRUE(all_pass(options.assumptions, w.point));
  const bool raw_passes = all_pass(raw, w.point), kept_passes = all_pass(kept, w.point);
  EXPECT_NE(raw_passes, kept_passes) << "the point does not distinguish the sets: " << point_text(w.point);
  EXPECT_EQ(raw_passes, w.raw_passes);
  const Expr failing = w.raw_passes ? kept.at(w.failing) : raw.at(w.failing);
  EXPECT_FALSE(all_pass({failing}, w.point)) << "the named guard passes there";
}

inline VerifyResult verify_minimized(const GuardSet& raw, const MinimizeResult& result,
                                     const MinimizeOptions& options) {
  VerifyOptions v;
  v.domain = options.domain;
  v.assumptions = options.assumptions;
  std::vector<Expr> kept;
  for (size_t i : result.kept) kept.push_back(raw[i].expr);
  return verify_equivalent(raw.exprs(), kept, v);
}

inline IndependentCheck check_independently(const GuardSet& raw, const MinimizeResult& result,
                                            const MinimizeOptions& options) {
  IndependentCheck check;
  const VerifyResult v = verify_minimized(raw, result, options);
  check.equivalence = v.status;
  if (v.status == VerifyStatus::NotEquivalent) {
    const Inequivalence& w = *v.witness;
    ADD_FAILURE() << "NOT EQUIVALENT at " << point_text(w.point) << (w.raw_passes ? "(kept guard " : "(raw guard ")
                  << w.failing << " fails)";
  }
  ProverOptions z3_options;
  z3_options.domain = options.domain;
  Z3Checker z3(z3_options);
  auto expect_implied = [&](std::vector<Expr> premises, Expr goal, const std::string& what) {
    premises.insert(premises.end(), options.assumptions.begin(), options.assumptions.end());
    const Z3CheckAnswer a = z3.implies(premises, goal);
    if (a.verdict == Verdict::Yes) {
      ++check.reasons_proved;
    } else if (a.verdict == Verdict::Unknown) {
      ++check.reasons_unknown;
    } else {
      ADD_FAILURE() << what << " is false: refuted at "
                    << (a.counterexample ? point_text(*a.counterexample) : "(no int64 point)");
    }
  };
  for (const DroppedGuard& d : result.dropped) {
    const Expr g = raw[d.index].expr;
    const std::string line = "line " + std::to_string(d.index + 1) + " (" + to_sympy(g) + ")";
    std::vector<Expr> by;
    for (size_t b : d.by) by.push_back(raw[b].expr);
    switch (d.reason) {
      case DropReason::Duplicate:
        EXPECT_EQ(by.size(), 1u) << line;
        if (by.size() != 1) break;
        expect_implied(by, g, line + ": duplicate of line " + std::to_string(d.by[0] + 1));
        expect_implied({g}, by[0], line + ": duplicate of line " + std::to_string(d.by[0] + 1) + " (converse)");
        break;
      case DropReason::Trivial: expect_implied({}, g, line + ": trivial"); break;
      case DropReason::Implied: expect_implied(by, g, line + ": implied by its `by` lines"); break;
    }
  }
  return check;
}

}  // namespace symshape::testing
