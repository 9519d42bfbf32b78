#include "witness_tier.hpp"

#include <algorithm>

#include "symshape/engine/fallback_stats.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/point_search.hpp"
#include "symshape/symbolic/symbol_bound.hpp"

namespace symshape {

namespace {

// Every divisor in `e` is nonzero at `point`: the prover's queries range over
// such points only (see prover.hpp), even where a short-circuiting And/Or
// would never evaluate the division.
bool defined_at(Expr e, const Assignment& point) {
  if ((e.is(ExprKind::FloorDiv) || e.is(ExprKind::Mod)) && evaluate(e.arg(1), point) == 0) return false;
  for (Expr a : e.args())
    if (!defined_at(a, point)) return false;
  return true;
}

// Python would raise (division by zero) or the value leaves int64 (overflow):
// such a point proves nothing either way.
std::optional<bool> try_evaluate(Expr cond, const Assignment& point) {
  try {
    if (!defined_at(cond, point)) return std::nullopt;
    return evaluate_bool(cond, point);
  } catch (const Error&) {
    count_fallback(Fallback::WitnessEvaluation);
    return std::nullopt;
  }
}

bool holds_everywhere(std::span<const Expr> facts, const Assignment& point) {
  return std::all_of(facts.begin(), facts.end(),
                     [&](Expr f) { return try_evaluate(f, point) == std::optional<bool>(true); });
}

}  // namespace

void WitnessTier::remember(const Assignment& point) {
  if (points_.size() >= kMaxPoints) points_.erase(points_.begin());
  points_.push_back(point);
}

void WitnessTier::offer(const Assignment& point, std::span<const Expr> facts) {
  // The symbol domain is not among the facts: check it here.
  auto outside = [&](const auto& sv) { return sv.second < 0 && domain_.is_size(sv.first); };
  if (std::any_of(point.begin(), point.end(), outside)) return;
  if (holds_everywhere(facts, point)) remember(point);
}

void WitnessTier::add_fact(Expr fact) {
  std::erase_if(points_, [&](const Assignment& p) { return try_evaluate(fact, p) != std::optional<bool>(true); });
  corner_tried_ = false;
}

void WitnessTier::ensure_corner(std::span<const Expr> facts, const FactSummary& ranges) {
  if (corner_tried_) return;
  corner_tried_ = true;
  // Every symbol of the facts at the lower end of its range (0 or the
  // smallest magnitude for unbounded ranges): often the facts hold there.
  Assignment corner;
  for (Expr f : facts)
    for (Expr s : free_symbols(f)) {
      ValueRange r = ranges.ranges().of_symbol(s);
      corner[s] = r.has_lo() ? r.lo() : r.has_hi() ? std::min<int64_t>(r.hi(), 0) : 0;
    }
  offer(corner, facts);
}

std::optional<Assignment> WitnessTier::extend_to(const Assignment& point, std::span<const Expr> conds,
                                                 bool want_true) {
  // Symbols of `conds` the point lacks appear in no fact (the point binds
  // every fact symbol, or a fact would not have evaluated), so any domain
  // value keeps the facts true. Try a few.
  std::vector<Expr> missing;
  for (Expr c : conds)
    for (Expr s : free_symbols(c))
      if (!point.count(s) && std::find(missing.begin(), missing.end(), s) == missing.end()) missing.push_back(s);
  static constexpr int64_t kTries[] = {2, 0, 1, 3, 7, 64, -1, -2};
  size_t tries = missing.empty() ? 1 : std::size(kTries);
  for (size_t t = 0; t < tries; ++t) {
    Assignment p = point;
    for (size_t i = 0; i < missing.size(); ++i) {
      int64_t v = kTries[t] + static_cast<int64_t>(i % 3);  // vary a little across symbols
      if (v < 0 && domain_.is_size(missing[i])) v = -v;
      p[missing[i]] = v;
    }
    bool ok = std::all_of(conds.begin(), conds.end(), [&](Expr c) {
      auto v = try_evaluate(c, p);
      return v && *v == want_true;
    });
    if (ok) return p;
  }
  return std::nullopt;
}

std::optional<Assignment> WitnessTier::counterexample(Expr cond, std::span<const Expr> facts,
                                                      const FactSummary& ranges) {
  ensure_corner(facts, ranges);
  Expr one[] = {cond};
  for (const Assignment& p : points_)
    if (auto w = extend_to(p, one, false)) return w;
  return perturbed_counterexample(cond, facts, ranges);
}

std::optional<Assignment> WitnessTier::perturbed_counterexample(Expr cond, std::span<const Expr> facts,
                                                                const FactSummary& ranges) {
  // Newest points first (they carry what the latest facts require), at most
  // a few bases, so a miss costs a bounded number of fact evaluations.
  constexpr size_t kBases = 3;
  std::vector<Expr> cond_syms = free_symbols(cond);
  auto try_point = [&](Assignment&& p) -> std::optional<Assignment> {
    // The symbol domain is no fact: check it (and the ranges) for every symbol.
    for (const auto& [s, v] : p)
      if (!ranges.ranges().of_symbol(s).contains(v)) return std::nullopt;
    if (try_evaluate(cond, p) != std::optional<bool>(false) || !holds_everywhere(facts, p)) return std::nullopt;
    remember(p);
    return p;
  };
  auto moved = [&](Expr s, int64_t v, int how) -> std::optional<int64_t> {
    __int128 x = v;
    ValueRange r = ranges.ranges().of_symbol(s);
    switch (how) {
      case 7:  // the ends of the symbol's range: "s1 <= 1024" fails at s1 = 4096
        if (!r.has_hi()) return std::nullopt;
        x = r.hi();
        break;
      case 8:
        if (!r.has_lo()) return std::nullopt;
        x = r.lo();
        break;
      case 9:  // one step of a known modulus up, or down: keeps s1 % 8 == 0 while leaving % 64
      case 10: {
        int64_t m = ranges.known_multiple(s);
        if (m <= 1) return std::nullopt;
        x = how == 9 ? x + m : x - m;
        break;
      }
      case 0: x = x + 1; break;
      case 1: x = x - 1; break;
      case 2: x = 2 * x + 1; break;
      case 3: x = 64 * x + 1; break;
      case 4: x = 2 * x; break;
      case 5: x = x + (1 << 20); break;
      case 6: x = -x - 1; break;
    }
    if (x > INT64_MAX / 4 || x < INT64_MIN / 4) return std::nullopt;  // keep products evaluable
    return static_cast<int64_t>(x);
  };
  constexpr int kMoves = 11;
  for (size_t b = 0; b < std::min(kBases, points_.size()); ++b) {
    const Assignment base = points_[points_.size() - 1 - b];
    for (int how = 0; how < kMoves; ++how) {
      // One symbol of the condition at a time.
      for (Expr s : cond_syms) {
        auto it = base.find(s);
        if (it == base.end()) continue;
        auto v = moved(s, it->second, how);
        if (!v) continue;
        Assignment p = base;
        p[s] = *v;
        if (auto w = try_point(std::move(p))) return w;
      }
      // Two symbols of the condition made equal ("Ne(s1, s4)" fails where s4 = s1).
      if (how < 2)
        for (Expr a : cond_syms)
          for (Expr b : cond_syms) {
            if (a == b || !base.count(a) || !base.count(b)) continue;
            Assignment p = base;
            p[a] = p[b] + (how == 0 ? 0 : 1);
            if (auto w = try_point(std::move(p))) return w;
          }
      // Every symbol together.
      Assignment p = base;
      bool ok = true;
      for (auto& [s, x] : p) {
        auto v = moved(s, x, how);
        if (!v) ok = false;
        else x = *v;
      }
      if (ok)
        if (auto w = try_point(std::move(p))) return w;
    }
  }
  return std::nullopt;
}

std::optional<Assignment> WitnessTier::model(std::span<const Expr> conds, std::span<const Expr> facts,
                                             const FactSummary& ranges) {
  ensure_corner(facts, ranges);
  for (const Assignment& p : points_)
    if (auto w = extend_to(p, conds, true)) return w;
  return std::nullopt;
}

namespace {

// Values worth trying for a goal symbol whose value at the base point is v:
// neighbours, the small sizes, and just outside the goal's own bound.
std::vector<int64_t> trial_values(int64_t v, Expr goal, Expr symbol) {
  std::vector<int64_t> out = {0, 1, 2, 3};
  if (v > INT64_MIN) out.push_back(v - 1);
  if (v < INT64_MAX) out.push_back(v + 1);
  if (v < INT64_MAX / 2 && v > INT64_MIN / 2) out.push_back(2 * v);
  out.push_back(v / 2);
  if (auto b = single_symbol_bound(goal); b && b->symbol == symbol) {
    if (b->range.has_lo() && b->range.lo() > INT64_MIN) out.push_back(b->range.lo() - 1);
    if (b->range.has_hi() && b->range.hi() < INT64_MAX) out.push_back(b->range.hi() + 1);
  }
  return out;
}

// The symbols that `Eq(a, b)` premises between two symbols tie to `s`
// (itself included): moving one of them alone would break those premises.
std::vector<Expr> tied_symbols(Expr s, std::span<const Expr> premises) {
  std::vector<Expr> tied{s};
  for (size_t k = 0; k < tied.size(); ++k) {
    for (Expr p : premises) {
      if (!p.is(ExprKind::Eq) || !p.arg(0).is_symbol() || !p.arg(1).is_symbol()) continue;
      for (int side = 0; side < 2; ++side) {
        Expr other = p.arg(1 - side);
        if (p.arg(side) == tied[k] && std::find(tied.begin(), tied.end(), other) == tied.end())
          tied.push_back(other);
      }
    }
  }
  return tied;
}

// The search for a refuting point: a few moves, each a few evaluations of the
// conditions that mention the moved symbols, far less than one Z3 check.
constexpr SearchLimits kRefutationLimits{/*max_moves=*/4, /*line_steps=*/2, /*max_evaluations=*/1'500};

}  // namespace

std::optional<Assignment> WitnessTier::refutation(Expr goal, std::span<const Expr> premises,
                                                  std::span<const Expr> facts, const FactSummary& ranges) const {
  std::vector<Expr> hold(facts.begin(), facts.end());
  hold.insert(hold.end(), premises.begin(), premises.end());
  const std::vector<Expr> goal_syms = free_symbols(goal);
  constexpr size_t kBases = 3;  // newest kept points first: they carry the latest facts
  for (size_t b = 0; b < std::min(kBases, points_.size()); ++b) {
    const Assignment& base = points_[points_.size() - 1 - b];
    if (!holds_at(hold, base)) continue;
    // One goal symbol (with the symbols tied to it) moved to a few values.
    for (Expr s : goal_syms) {
      auto at = base.find(s);
      if (at == base.end()) continue;
      const std::vector<Expr> tied = tied_symbols(s, premises);
      for (int64_t w : trial_values(at->second, goal, s)) {
        if (w == at->second || !ranges.ranges().of_symbol(s).contains(w)) continue;
        Assignment point = base;
        for (Expr t : tied) point[t] = w;
        // The goal fails where it is false or raises (implies_with_core
        // proves its divisors nonzero too).
        if (!holds_at(std::span<const Expr>(&goal, 1), point) && holds_at(hold, point)) return point;
      }
    }
    // No single move: a short search from the base for a point where the
    // facts and premises hold and the goal fails (definitions followed).
    std::vector<PointCondition> wanted;
    wanted.reserve(hold.size() + 1);
    wanted.push_back({goal, false});
    for (Expr h : hold) wanted.push_back({h, true});
    if (auto found = search_point(wanted, base, ranges.ranges(), kRefutationLimits)) return found;
  }
  return std::nullopt;
}

}  // namespace symshape
