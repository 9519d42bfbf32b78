// verify_equivalent: see verify_minimized.hpp. Nothing here uses the
// minimizer's reasoning; holds_at (exact evaluation, a raise fails) is only
// used to confirm that Z3's counterexample is one.
#include "symshape/guards/verify_minimized.hpp"

#include <algorithm>
#include <unordered_set>

#include "minimize_state.hpp"
#include "symshape/engine/z3_checker.hpp"
#include "symshape/symbolic/point_search.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {

const char* verify_status_name(VerifyStatus status) {
  switch (status) {
    case VerifyStatus::Verified: return "verified";
    case VerifyStatus::Unverified: return "unverified";
    case VerifyStatus::NotEquivalent: return "not equivalent";
  }
  return "?";
}

namespace {

using ExprSet = std::unordered_set<Expr, ExprHash>;

// One direction: does `premises` (with the assumptions) imply each of
// `goals` that is not already one of `premises`?
struct Direction {
  std::span<const Expr> premises;
  std::span<const Expr> goals;
  bool goals_are_raw = false;
};

class Verifier {
 public:
  Verifier(std::span<const Expr> raw, std::span<const Expr> kept, const VerifyOptions& options)
      : raw_(raw), kept_(kept), options_(options), checker_(checker_options(options)) {}

  VerifyResult run() {
    // raw => kept first: it is usually free (kept is a subset of raw).
    for (const Direction& d : {Direction{raw_, kept_, false}, Direction{kept_, raw_, true}}) {
      check_direction(d);
      if (result_.status == VerifyStatus::NotEquivalent) return result_;
    }
    if (result_.unknown == 0) {
      result_.status = VerifyStatus::Verified;
    } else {
      result_.status = VerifyStatus::Unverified;
      result_.reason = std::to_string(result_.unknown) + " of " + std::to_string(result_.unknown + proved_) +
                       " implications not proved (" + first_unknown_reason_ + ")";
    }
    return result_;
  }

 private:
  static ProverOptions checker_options(const VerifyOptions& options) {
    ProverOptions p;
    p.domain = options.domain;
    p.rlimit = options.rlimit_per_query;
    return p;
  }

  void check_direction(const Direction& d) {
    std::vector<Expr> premises(options_.assumptions.begin(), options_.assumptions.end());
    premises.insert(premises.end(), d.premises.begin(), d.premises.end());
    const ExprSet given(d.premises.begin(), d.premises.end());
    ExprSet asked;
    for (size_t i = 0; i < d.goals.size(); ++i) {
      const Expr goal = d.goals[i];
      if (given.count(goal) || !asked.insert(goal).second) continue;
      if (result_.resources >= options_.rlimit_total) {
        note_unknown("total budget of " + std::to_string(options_.rlimit_total) + " rlimit units spent");
        continue;
      }
      Z3CheckAnswer a = checker_.implies(premises, goal);
      ++result_.queries;
      result_.resources += a.resources;
      switch (a.verdict) {
        case Verdict::Yes: ++proved_; break;
        case Verdict::Unknown:
          // Z3 says "canceled" both when the rlimit is spent and when the
          // wall-clock backstop stops it; the units used tell which.
          note_unknown("Z3: " + a.unknown_reason + " after " + std::to_string(a.resources) + " of " +
                       std::to_string(options_.rlimit_per_query) + " rlimit units");
          break;
        case Verdict::No:
          if (confirm(a.counterexample, d, i)) return;
          note_unknown("Z3 found a counterexample for " + to_sympy(goal) +
                       " that exact evaluation does not confirm");
          break;
      }
    }
  }

  void note_unknown(std::string why) {
    if (result_.unknown++ == 0) first_unknown_reason_ = std::move(why);
  }

  // Completes Z3's point (symbols it did not need get 0, which every domain
  // contains) and checks by exact evaluation that the premises' side passes
  // and goals[failing] fails there.
  bool confirm(const std::optional<Assignment>& model, const Direction& d, size_t failing) {
    if (!model) return false;
    Assignment point = *model;
    for (std::span<const Expr> list : {raw_, kept_, std::span<const Expr>(options_.assumptions)})
      for (Expr g : list)
        for (Expr s : free_symbols(g)) point.try_emplace(s, 0);
    const Expr goal = d.goals[failing];
    if (!holds_at(options_.assumptions, point) || !holds_at(d.premises, point) ||
        holds_at(std::span<const Expr>(&goal, 1), point))
      return false;
    result_.status = VerifyStatus::NotEquivalent;
    result_.witness = Inequivalence{std::move(point), !d.goals_are_raw, failing};
    return true;
  }

  std::span<const Expr> raw_, kept_;
  const VerifyOptions& options_;
  Z3Checker checker_;
  VerifyResult result_;
  size_t proved_ = 0;
  std::string first_unknown_reason_;
};

}  // namespace

VerifyResult verify_equivalent(std::span<const Expr> raw, std::span<const Expr> kept, const VerifyOptions& options) {
  return Verifier(raw, kept, options).run();
}

}  // namespace symshape
