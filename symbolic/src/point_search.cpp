#include "symshape/symbolic/point_search.hpp"

#include <algorithm>

#include <unordered_map>
#include <unordered_set>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {

bool holds_at(std::span<const Expr> conds, const Assignment& point) {
  try {
    for (Expr c : conds) {
      if (!evaluate_bool(c, point)) return false;
    }
    return true;
  } catch (const Error&) {
    return false;  // division by zero or overflow at this point
  }
}

namespace {

using i128 = __int128;

bool fits(i128 v) { return v >= INT64_MIN / 4 && v <= INT64_MAX / 4; }  // keeps products evaluable

// A relation wanted true or false, as "g(v) REL 0" with REL in {==, !=, <=}
// for g = g0 + ga*v affine in one symbol's value v.
enum class Want { Zero, NonZero, NonPositive };

class Search {
 public:
  Search(std::span<const PointCondition> conditions, const RangeEnv& domain, int line_steps,
         uint64_t max_evaluations)
      : conditions_(conditions),
        domain_(domain),
        ok_(conditions.size(), false),
        line_steps_(line_steps),
        max_evaluations_(max_evaluations) {
    for (size_t k = 0; k < conditions.size(); ++k) {
      for (Expr s : free_symbols(conditions[k].cond)) mentions_[s].push_back(k);
    }
    find_definitions();
  }

  std::optional<Assignment> run(const Assignment& start, int max_moves) {
    point_ = start;
    for (const auto& [s, ks] : mentions_) point_.emplace(s, 1);
    follow_definitions(nullptr);
    violated_ = 0;
    score_ = 0;
    dist_.assign(conditions_.size(), 0);
    for (size_t k = 0; k < conditions_.size(); ++k) {
      dist_[k] = distance(k);
      ok_[k] = dist_[k] == 0;
      violated_ += !ok_[k];
      score_ += dist_[k];
    }
    outside_.clear();
    for (const auto& [s, v] : point_) {
      if (!domain_.of_symbol(s).contains(v)) outside_.insert(s);
    }
    violated_ += outside_.size();
    score_ += outside_.size() * kMaxMiss;
    size_t focus = 0;
    for (int move = 0; move < max_moves && violated_ > 0 && evaluations_ < max_evaluations_; ++move) {
      // The next violated condition after the last one worked on (round robin).
      size_t k = 0;
      for (size_t step = 0; step < conditions_.size(); ++step) {
        k = (focus + step) % conditions_.size();
        if (!ok_[k]) break;
      }
      focus = k + 1;
      if (ok_[k]) break;  // only symbols outside the domain are left: no condition to work on
      improve(k);
    }
    if (violated_ != 0) {
      return std::nullopt;
    }
    // The point is checked as a whole, by exact evaluation, before it is trusted.
    for (size_t k = 0; k < conditions_.size(); ++k) {
      if (!satisfied(k)) return std::nullopt;
    }
    if (out_of_domain() != 0) return std::nullopt;
    return point_;
  }

 private:
  bool satisfied(size_t k) const {
    const PointCondition& c = conditions_[k];
    return holds_at(std::span<const Expr>(&c.cond, 1), point_) == c.holds;
  }

  // How far condition k is from being as wanted (0: it is): the amount a
  // relation misses by, capped, so that a move that brings a chain of
  // relations closer counts even before any of them is satisfied.
  // Exact for relations (one evaluation); Not, And and Or are taken apart,
  // and anything else is asked of holds_at. run() checks the final point
  // exactly, so this only has to guide the search.
  uint64_t distance(size_t k) {
    ++evaluations_;
    return std::min<uint64_t>(miss(conditions_[k].cond, conditions_[k].holds), kMaxMiss);
  }

  uint64_t miss(Expr cond, bool want) const {
    while (cond.is(ExprKind::Not)) {
      cond = cond.arg(0);
      want = !want;
    }
    if (cond.is(ExprKind::And) || cond.is(ExprKind::Or)) {
      // And wanted true (Or wanted false): every part must be; otherwise one.
      const bool every = cond.is(ExprKind::And) == want;
      uint64_t total = every ? 0 : kMaxMiss;
      for (Expr part : cond.args()) {
        const uint64_t m = std::min<uint64_t>(miss(part, want), kMaxMiss);
        if (m == 0 && !every) return 0;
        total = every ? total + m : std::min(total, m);
      }
      return total;
    }
    if (!is_relation_kind(cond.kind())) return holds_at(std::span<const Expr>(&cond, 1), point_) == want ? 0 : 1;
    i128 g;
    try {
      g = (i128)evaluate(cond.arg(0), point_) - evaluate(cond.arg(1), point_);
    } catch (const Error&) {
      return kMaxMiss;
    }
    auto mag = [](i128 v) { return static_cast<uint64_t>(std::min<i128>(v < 0 ? -v : v, kMaxMiss)); };
    // "excess <= 0" wanted: by how much it is exceeded.
    auto over = [](i128 excess) { return excess <= 0 ? uint64_t{0} : static_cast<uint64_t>(std::min<i128>(excess, kMaxMiss)); };
    switch (cond.kind()) {
      case ExprKind::Eq: return want ? mag(g) : g == 0;
      case ExprKind::Ne: return want ? g == 0 : mag(g);
      case ExprKind::Le: return want ? over(g) : over(1 - g);   // g <= 0, or g >= 1
      case ExprKind::Lt: return want ? over(g + 1) : over(-g);  // g <= -1, or g >= 0
      default: return 1;
    }
  }

  size_t out_of_domain() const {
    size_t n = 0;
    for (const auto& [s, v] : point_) n += !domain_.of_symbol(s).contains(v);
    return n;
  }

  // Definitions Eq(x, e) among the wanted-true conditions, in an order where
  // every x comes after the definitions of e's symbols; cycles are left out.
  void find_definitions() {
    std::unordered_map<Expr, Expr, ExprHash> def;
    for (const PointCondition& c : conditions_) {
      if (!c.holds || !c.cond.is(ExprKind::Eq)) continue;
      // Of two symbols, the one fewer conditions mention follows the other.
      const bool alias = c.cond.arg(0).is_symbol() && c.cond.arg(1).is_symbol();
      const int first = alias && mentions_[c.cond.arg(1)].size() < mentions_[c.cond.arg(0)].size() ? 1 : 0;
      for (int side : {first, 1 - first}) {
        Expr x = c.cond.arg(side), e = c.cond.arg(1 - side);
        if (!x.is_symbol() || def.count(x)) continue;
        std::vector<Expr> syms = free_symbols(e);
        if (std::find(syms.begin(), syms.end(), x) != syms.end()) continue;
        def.emplace(x, e);
        break;
      }
    }
    std::unordered_set<Expr, ExprHash> placed;
    for (bool progress = true; progress;) {
      progress = false;
      for (const auto& [x, e] : def) {
        if (placed.count(x)) continue;
        bool ready = true;
        for (Expr s : free_symbols(e)) ready = ready && (!def.count(s) || placed.count(s));
        if (!ready) continue;
        placed.insert(x);
        definitions_.emplace_back(x, e);
        progress = true;
      }
    }
    // (Any dependency order gives the same values, so hashing order is harmless.)
    for (const auto& [x, e] : definitions_) {
      definition_symbols_.push_back(free_symbols(e));
      defined_.insert(x);
      if (e.is_symbol()) alias_of_[x] = e;
    }
  }

  // Re-evaluates the definitions that depend on a changed symbol (all of
  // them when `changed` is null), in dependency order; appends the symbols
  // whose value changed to `changed` and their old values to `old_values`.
  void follow_definitions(std::vector<Expr>* changed,
                          std::vector<std::pair<Expr, int64_t>>* old_values = nullptr) {
    for (size_t d = 0; d < definitions_.size(); ++d) {
      const auto& [x, e] = definitions_[d];
      if (changed) {
        bool depends = false;
        for (Expr s : definition_symbols_[d]) {
          depends = depends || std::find(changed->begin(), changed->end(), s) != changed->end();
        }
        if (!depends) continue;
      }
      try {
        const int64_t v = evaluate(e, point_);
        if (point_[x] != v) {
          if (old_values) old_values->emplace_back(x, point_[x]);
          if (changed) changed->push_back(x);
          point_[x] = v;
        }
      } catch (const Error&) {
      }
    }
  }

  // Values worth trying for symbol s against condition k.
  std::vector<int64_t> candidates(size_t k, Expr s) {
    const int64_t v = point_.at(s);
    std::vector<int64_t> out;
    solve_for(conditions_[k].cond, conditions_[k].holds, s, out);
    // Neighbours, then steps doubling in size both ways (a line search for
    // relations the solver above cannot invert: floor divisions, products).
    for (i128 w : {(i128)v + 1, (i128)v - 1, (i128)v * 2, (i128)v / 2, (i128)1, (i128)2}) {
      if (fits(w)) out.push_back(static_cast<int64_t>(w));
    }
    for (int j = 1; j <= line_steps_; ++j) {
      for (i128 w : {(i128)v + ((i128)1 << j), (i128)v - ((i128)1 << j)}) {
        if (fits(w)) out.push_back(static_cast<int64_t>(w));
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    const ValueRange r = domain_.of_symbol(s);
    std::erase_if(out, [&](int64_t w) { return w == v || !r.contains(w); });
    return out;
  }

  // Appends the value of s where `cond` becomes as wanted, when cond is a
  // relation affine in s near the current point.
  void solve_for(Expr cond, bool want, Expr s, std::vector<int64_t>& out) {
    while (cond.is(ExprKind::Not)) {
      cond = cond.arg(0);
      want = !want;
    }
    if (cond.is(ExprKind::And) || cond.is(ExprKind::Or)) {
      // Holds forms are `defined and G`: work on the conjuncts not yet as wanted.
      for (Expr part : cond.args()) {
        if (holds_at(std::span<const Expr>(&part, 1), point_) != want) solve_for(part, want, s, out);
      }
      return;
    }
    if (!is_relation_kind(cond.kind())) return;
    i128 g[3];
    const int64_t saved = point_.at(s);
    bool ok = true;
    for (int v = 0; v < 3 && ok; ++v) {
      point_[s] = v;
      try {
        g[v] = (i128)evaluate(cond.arg(0), point_) - evaluate(cond.arg(1), point_);
      } catch (const Error&) {
        ok = false;
      }
    }
    point_[s] = saved;
    if (!ok || g[1] - g[0] != g[2] - g[1] || g[1] == g[0]) return;
    i128 g0 = g[0], ga = g[1] - g[0];
    Want w;
    switch (cond.kind()) {
      case ExprKind::Eq: w = want ? Want::Zero : Want::NonZero; break;
      case ExprKind::Ne: w = want ? Want::NonZero : Want::Zero; break;
      case ExprKind::Le:  // g <= 0, or its negation g >= 1: -g + 1 <= 0
        w = Want::NonPositive;
        if (!want) g0 = 1 - g0, ga = -ga;
        break;
      case ExprKind::Lt:  // g <= -1: g + 1 <= 0, or its negation g >= 0: -g <= 0
        w = Want::NonPositive;
        if (want) g0 += 1;
        else g0 = -g0, ga = -ga;
        break;
      default: return;
    }
    auto push = [&](i128 v) {
      if (fits(v)) out.push_back(static_cast<int64_t>(v));
    };
    switch (w) {
      case Want::Zero:
        if ((-g0) % ga == 0) push(-g0 / ga);
        break;
      case Want::NonZero: push((i128)saved + 1); break;
      case Want::NonPositive:  // g0 + ga*v <= 0: the boundary value on the right side
        push(ga > 0 ? floor_div128(-g0, ga) : -floor_div128(g0, -ga));
        break;
    }
  }

  // Min-conflicts step: of the moves of condition k's symbols, applies the
  // one that leaves the fewest conditions violated, even when that is more
  // than now (a greedy search stalls on chains such as conv output sizes,
  // where fixing one layer breaks the next until the input size follows).
  // A symbol is not moved back to a value it just left (tabu), so it cannot cycle.
  void improve(size_t k) {
    std::vector<Expr> syms = free_symbols(conditions_[k].cond);
    uint64_t best_violated = UINT64_MAX;
    Expr best_symbol;
    int64_t best_value = 0;
    for (Expr& s : syms) {
      // An alias moves with the symbol it follows: move that one.
      for (auto it = alias_of_.find(s); it != alias_of_.end(); it = alias_of_.find(s)) s = it->second;
    }
    std::sort(syms.begin(), syms.end(), ExprLess());
    syms.erase(std::unique(syms.begin(), syms.end()), syms.end());
    for (Expr s : syms) {
      if (defined_.count(s)) continue;  // follows its definition
      for (int64_t w : candidates(k, s)) {
        if (evaluations_ >= max_evaluations_) break;
        if (std::find(tabu_.begin(), tabu_.end(), std::make_pair(s, w)) != tabu_.end()) continue;
        bool k_ok = false;
        const uint64_t after = try_move(s, w, k, k_ok);
        if (after < best_violated) {
          best_violated = after;
          best_symbol = s;
          best_value = w;
        }
      }
    }
    if (!best_symbol) return;
    tabu_.emplace_back(best_symbol, point_.at(best_symbol));
    if (tabu_.size() > kTabu) tabu_.erase(tabu_.begin());
    apply_move(best_symbol, best_value);
  }

  // Violations after moving s to w (the point is restored); k_ok: condition k
  // as wanted there.
  // What a move changed, to take it back.
  struct Undo {
    std::vector<std::pair<Expr, int64_t>> values;       // symbol, old value
    std::vector<std::pair<size_t, uint64_t>> distances;  // condition, old distance
    std::vector<std::pair<Expr, bool>> outside;          // symbol, was outside
    size_t violated = 0;
    uint64_t score = 0;
  };

  uint64_t try_move(Expr s, int64_t w, size_t k, bool& k_ok) {
    Undo undo;
    apply_move(s, w, &undo);
    const uint64_t after = score_;
    k_ok = ok_[k];
    for (auto it = undo.values.rbegin(); it != undo.values.rend(); ++it) point_[it->first] = it->second;
    for (const auto& [c, d] : undo.distances) {
      dist_[c] = d;
      ok_[c] = d == 0;
    }
    for (const auto& [sym, was] : undo.outside) {
      if (was) outside_.insert(sym);
      else outside_.erase(sym);
    }
    violated_ = undo.violated;
    score_ = undo.score;
    return after;
  }

  void apply_move(Expr s, int64_t w, Undo* undo = nullptr) {
    if (undo) {
      undo->violated = violated_;
      undo->score = score_;
      undo->values.emplace_back(s, point_.at(s));
    }
    point_[s] = w;
    std::vector<Expr> changed{s};
    follow_definitions(&changed, undo ? &undo->values : nullptr);
    touched_.clear();
    for (Expr c : changed) {
      if (auto it = mentions_.find(c); it != mentions_.end()) touched_.insert(touched_.end(), it->second.begin(), it->second.end());
      // A defined symbol may leave the domain: that counts as a violation.
      const bool inside = domain_.of_symbol(c).contains(point_[c]);
      const bool was_outside = outside_.count(c) != 0;
      if (inside == was_outside && undo) undo->outside.emplace_back(c, was_outside);
      if (inside && was_outside) outside_.erase(c), --violated_, score_ -= kMaxMiss;
      if (!inside && !was_outside) outside_.insert(c), ++violated_, score_ += kMaxMiss;
    }
    std::sort(touched_.begin(), touched_.end());
    touched_.erase(std::unique(touched_.begin(), touched_.end()), touched_.end());
    for (size_t k : touched_) {
      const uint64_t d = distance(k);
      if (undo) undo->distances.emplace_back(k, dist_[k]);
      score_ = score_ - dist_[k] + d;
      dist_[k] = d;
      const bool now = d == 0;
      if (now != ok_[k]) {
        violated_ = now ? violated_ - 1 : violated_ + 1;
        ok_[k] = now;
      }
    }
  }

  std::span<const PointCondition> conditions_;
  const RangeEnv& domain_;
  Assignment point_;
  std::vector<bool> ok_;
  size_t violated_ = 0;
  static constexpr uint64_t kMaxMiss = 1 << 20;
  uint64_t score_ = 0;          // sum of the distances, plus kMaxMiss per symbol outside the domain
  std::vector<uint64_t> dist_;  // per condition
  std::vector<size_t> touched_;  // scratch: conditions a move may have changed
  std::unordered_map<Expr, std::vector<size_t>, ExprHash> mentions_;
  std::vector<std::pair<Expr, Expr>> definitions_;
  std::vector<std::vector<Expr>> definition_symbols_;  // per definition: the symbols of e
  std::unordered_set<Expr, ExprHash> defined_;
  std::unordered_map<Expr, Expr, ExprHash> alias_of_;  // x -> y for definitions Eq(x, y)
  std::unordered_set<Expr, ExprHash> outside_;  // symbols whose value leaves the domain
  static constexpr size_t kTabu = 8;
  int line_steps_;
  uint64_t max_evaluations_;
  uint64_t evaluations_ = 0;  // of conditions' distances: the search's cost
  std::vector<std::pair<Expr, int64_t>> tabu_;  // (symbol, value it left), newest last
};

}  // namespace

std::optional<Assignment> search_point(std::span<const PointCondition> conditions, const Assignment& start,
                                       const RangeEnv& domain, const SearchLimits& limits) {
  if (conditions.empty()) return start;
  return Search(conditions, domain, limits.line_steps, limits.max_evaluations).run(start, limits.max_moves);
}

}  // namespace symshape
