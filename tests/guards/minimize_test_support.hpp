// Checks shared by the minimization tests: the minimal set is equivalent to the
// raw set (by the Prover and at random points, brute-force evaluated), and
// every reason is true and names kept guards only.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "random_expr.hpp"
#include "symshape/engine/prover.hpp"
#include "symshape/guards/guard_set.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape::testing {

inline GuardSet guards_of(const std::vector<std::string>& lines) { return GuardSet::parse_lines(lines); }

inline std::vector<Expr> exprs_at(const GuardSet& guards, const std::vector<size_t>& indices) {
  std::vector<Expr> out;
  for (size_t i : indices) out.push_back(guards[i].expr);
  return out;
}

inline ProverOptions prover_options(const MinimizeOptions& options) {
  ProverOptions p = options.prover;
  p.domain = options.domain;
  return p;
}

// Does `premises` (with the assumptions, already facts of `prover`) imply
// `goal`? One Prover per check suite: a Z3 context costs ~25 ms to create.
inline Verdict proves(Prover& prover, const std::vector<Expr>& premises, Expr goal) {
  prover.push();
  for (Expr p : premises) prover.add_fact(p);
  Verdict v = prover.implies(goal).verdict;
  prover.pop();
  return v;
}

inline std::unique_ptr<Prover> checking_prover(const MinimizeOptions& options) {
  auto prover = std::make_unique<Prover>(prover_options(options));
  for (Expr a : options.assumptions) prover->add_fact(a);
  return prover;
}

// all(conds) at `point`, or nullopt where some guard is undefined (x // 0).
inline std::optional<bool> all_hold(const std::vector<Expr>& conds, const Assignment& point) {
  bool all = true;
  for (Expr c : conds) {
    auto v = brute_force_eval(c, point);
    if (!v) return std::nullopt;
    all = all && *v != 0;
  }
  return all;
}

inline std::vector<Expr> symbols_of(const GuardSet& guards, const MinimizeOptions& options) {
  std::vector<Expr> out;
  std::unordered_set<Expr, ExprHash> seen;
  auto take = [&](Expr e) {
    for (Expr s : free_symbols(e)) {
      if (seen.insert(s).second) out.push_back(s);
    }
  };
  for (const Guard& g : guards) take(g.expr);
  for (Expr a : options.assumptions) take(a);
  return out;
}

// At `points` random points (symbols uniform in [lo, hi], cut to each
// symbol's domain: sizes >= 0, unbacked symbols such as u0 negative too), wherever the assumptions hold: all(raw) == all(kept). Returns the
// number of points where raw held (so callers can check the test had teeth).
inline int expect_same_truth_at_random_points(const GuardSet& raw, const MinimizeResult& result,
                                              const MinimizeOptions& options, uint64_t seed,
                                              int points = 3000, int64_t lo = -6, int64_t hi = 40) {
  std::mt19937_64 rng(seed);
  const std::vector<Expr> symbols = symbols_of(raw, options);
  const std::vector<Expr> all_raw = raw.exprs();
  const std::vector<Expr> kept = exprs_at(raw, result.kept);
  auto lo_of = [&](Expr s) { return options.domain.is_size(s) ? std::max<int64_t>(lo, 0) : lo; };
  int raw_true = 0;
  for (int n = 0; n < points; ++n) {
    Assignment point;
    for (Expr s : symbols) point[s] = std::uniform_int_distribution<int64_t>(lo_of(s), hi)(rng);
    // Small values often: guards pin symbols to small constants.
    if (n % 3 == 0) {
      for (Expr s : symbols)
        point[s] = std::uniform_int_distribution<int64_t>(std::max<int64_t>(lo_of(s), -2), 9)(rng);
    }
    auto assumed = all_hold(options.assumptions, point);
    if (!assumed || !*assumed) continue;
    auto r = all_hold(all_raw, point);
    auto k = all_hold(kept, point);
    if (!r || !k) continue;
    if (*r) ++raw_true;
    if (*r != *k) {
      std::string where;
      for (Expr s : symbols) where += to_sympy(s) + "=" + std::to_string(point.at(s)) + " ";
      ADD_FAILURE() << "raw and kept sets differ at " << where << "(raw " << *r << ", kept " << *k << ")";
      return raw_true;
    }
  }
  return raw_true;
}

// The kept set implies every raw guard (the converse holds since kept is a
// subset of raw), and every reason is true and names kept guards only.
inline void expect_sound_result(const GuardSet& raw, const MinimizeResult& result,
                                const MinimizeOptions& options) {
  ASSERT_FALSE(result.contradiction.has_value());
  ASSERT_EQ(result.kept.size() + result.dropped.size(), raw.size());
  const std::unordered_set<size_t> kept(result.kept.begin(), result.kept.end());
  const std::vector<Expr> kept_exprs = exprs_at(raw, result.kept);
  auto prover = checking_prover(options);
  for (const DroppedGuard& d : result.dropped) {
    ASSERT_LT(d.index, raw.size());
    EXPECT_FALSE(kept.count(d.index)) << "line " << d.index + 1 << " both kept and dropped";
    const std::string what = "line " + std::to_string(d.index + 1) + " (" + raw[d.index].text + ")";
    for (size_t b : d.by) EXPECT_TRUE(kept.count(b)) << what << ": `by` names a dropped guard, line " << b + 1;
    switch (d.reason) {
      case DropReason::Duplicate:
        ASSERT_EQ(d.by.size(), 1u) << what;
        EXPECT_EQ(raw[d.by[0]].expr, raw[d.index].expr) << what;
        break;
      case DropReason::Trivial:
        EXPECT_TRUE(d.by.empty()) << what;
        EXPECT_EQ(proves(*prover, {}, raw[d.index].expr), Verdict::Yes) << what << " is not trivial";
        break;
      case DropReason::Implied:
        EXPECT_FALSE(d.by.empty()) << what;
        EXPECT_EQ(proves(*prover, exprs_at(raw, d.by), raw[d.index].expr), Verdict::Yes)
            << what << ": its `by` guards do not imply it";
        break;
    }
  }
  for (const Guard& g : raw) {
    EXPECT_EQ(proves(*prover, kept_exprs, g.expr), Verdict::Yes) << "kept set does not imply " << g.text;
  }
}

}  // namespace symshape::testing
