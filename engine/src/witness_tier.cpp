#include "witness_tier.hpp"

#include <algorithm>

#include "symshape/symbolic/errors.hpp"

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
    return std::nullopt;
  }
}

bool holds_everywhere(std::span<const Expr> facts, const Assignment& point) {
  return std::all_of(facts.begin(), facts.end(),
                     [&](Expr f) { return try_evaluate(f, point) == std::optional<bool>(true); });
}

}  // namespace

void WitnessTier::offer(const Assignment& point, std::span<const Expr> facts) {
  if (!holds_everywhere(facts, point)) return;
  if (points_.size() >= kMaxPoints) points_.erase(points_.begin());
  points_.push_back(point);
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
      if (nonnegative_ && v < 0) v = -v;
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
  return std::nullopt;
}

std::optional<Assignment> WitnessTier::model(std::span<const Expr> conds, std::span<const Expr> facts,
                                             const FactSummary& ranges) {
  ensure_corner(facts, ranges);
  for (const Assignment& p : points_)
    if (auto w = extend_to(p, conds, true)) return w;
  return std::nullopt;
}

}  // namespace symshape
