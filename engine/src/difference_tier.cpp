#include "difference_tier.hpp"

#include <limits>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {

namespace {
constexpr int64_t kInf = std::numeric_limits<int64_t>::max();

// Saturating path length: weights and bounds are int64; a sum beyond int64
// widens to +oo (no path bound) or clamps to INT64_MIN (still a valid bound:
// the true length is even smaller).
int64_t path_add(int64_t a, int64_t b) {
  if (a == kInf || b == kInf) return kInf;
  __int128 s = static_cast<__int128>(a) + b;
  if (s >= kInf) return kInf;
  if (s < std::numeric_limits<int64_t>::min()) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(s);
}
}  // namespace

int DifferenceTier::node_of(const Monomial& m, bool create) {
  auto it = nodes_.find(m);
  if (it != nodes_.end()) return it->second;
  if (!create) return -1;
  int id = static_cast<int>(terms_.size());
  nodes_.emplace(m, id);
  terms_.push_back(m);
  parent_.push_back(id);
  offset_.push_back(0);
  return id;
}

std::optional<DifferenceTier::Difference> DifferenceTier::parse(const Polynomial& p, bool create) {
  Difference d;
  int plus = 0, minus = 0;
  for (const auto& [m, c] : p.terms) {
    if (m.empty()) {
      d.c = c;
    } else if (c == 1 && plus++ == 0) {
      d.t1 = node_of(m, create);
    } else if (c == -1 && minus++ == 0) {
      d.t2 = node_of(m, create);
    } else {
      return std::nullopt;
    }
  }
  if (plus > 1 || minus > 1 || d.t1 < 0 || d.t2 < 0) return std::nullopt;
  return d;
}

std::pair<int, int64_t> DifferenceTier::find(int node) {
  int64_t off = 0;
  int n = node;
  while (parent_[n] != n) {
    off = checked_add(off, offset_[n]);
    n = parent_[n];
  }
  return {n, off};
}

void DifferenceTier::unite(int a, int b, int64_t a_minus_b) {
  auto [ra, oa] = find(a);
  auto [rb, ob] = find(b);
  // a = ra + oa, b = rb + ob, a - b = k  =>  ra - rb = k - oa + ob
  int64_t k = checked_add(checked_sub(a_minus_b, oa), ob);
  if (ra == rb) {
    if (k != 0) contradictory_ = true;
    return;
  }
  // Keep the constant node a representative so "term == constant" stays visible.
  if (ra == 0) {
    parent_[rb] = ra;
    offset_[rb] = checked_neg(k);
  } else {
    parent_[ra] = rb;
    offset_[ra] = k;
  }
}

void DifferenceTier::add_fact(Expr fact) {
  if (fact.is(ExprKind::And)) {
    for (Expr c : fact.args()) add_fact(c);
    return;
  }
  if (!fact.is(ExprKind::Le) && !fact.is(ExprKind::Lt) && !fact.is(ExprKind::Eq)) return;
  auto p = relation_polynomial(fact);
  if (!p) return;
  auto d = parse(*p, true);
  if (!d || (d->t1 == 0 && d->t2 == 0)) return;
  try {
    if (fact.is(ExprKind::Eq)) {
      unite(d->t1, d->t2, checked_neg(d->c));  // t1 - t2 == -c
    } else {
      edges_.push_back({d->t2, d->t1, checked_neg(d->c)});  // t1 - t2 <= -c
    }
  } catch (const OverflowError&) {
    // Not learning a fact is always sound.
  }
}

bool DifferenceTier::bounded(int from, int to, int64_t bound, const FactSummary& ranges) {
  auto [rf, of] = find(from);
  auto [rt, ot] = find(to);
  // to - from = (rt - rf) + ot - of  <=  bound  <=>  rt - rf <= bound - ot + of
  int64_t need = checked_add(checked_sub(bound, ot), of);
  if (rf == rt) return 0 <= need;
  // Edges between representatives, plus each term's range as edges to node 0.
  std::vector<Edge> edges;
  edges.reserve(edges_.size() + 2 * terms_.size());
  for (const Edge& e : edges_) {
    auto [a, oa] = find(e.from);
    auto [b, ob] = find(e.to);
    // to - from <= w  =>  b - a <= w - ob + oa
    edges.push_back({a, b, checked_add(checked_sub(e.weight, ob), oa)});
  }
  for (size_t n = 1; n < terms_.size(); ++n) {
    auto [r, o] = find(static_cast<int>(n));
    if (r == 0) continue;
    ValueRange iv = interval_of(terms_[n], [&](Expr a) { return ranges.atom_interval(a); });
    auto [z, oz] = find(0);
    // n = r + o and 0 = z + oz (z == 0, oz == 0)
    if (iv.has_hi()) edges.push_back({z, r, checked_sub(iv.hi(), o)});  // r - 0 <= hi - o
    if (iv.has_lo()) edges.push_back({r, z, checked_sub(o, iv.lo())});  // 0 - r <= o - lo
  }
  size_t n = terms_.size();
  std::vector<int64_t> dist(n, kInf);
  dist[rf] = 0;
  for (size_t round = 0; round <= n; ++round) {
    bool changed = false;
    for (const Edge& e : edges) {
      int64_t cand = path_add(dist[e.from], e.weight);
      if (cand < dist[e.to]) {
        dist[e.to] = cand;
        changed = true;
      }
    }
    if (!changed) return dist[rt] <= need;
  }
  return true;  // a negative cycle reachable from `from`: the facts are contradictory
}

bool DifferenceTier::implies(Expr cond, const FactSummary& ranges) {
  if (contradictory_) return true;
  if (!is_relation_kind(cond.kind())) return false;
  auto p = relation_polynomial(cond);
  if (!p) return false;
  auto d = parse(*p, false);
  if (!d) return false;
  try {
    int64_t c = d->c;
    switch (cond.kind()) {
      case ExprKind::Le:
      case ExprKind::Lt: return bounded(d->t2, d->t1, checked_neg(c), ranges);
      case ExprKind::Eq:
        return bounded(d->t2, d->t1, checked_neg(c), ranges) && bounded(d->t1, d->t2, c, ranges);
      case ExprKind::Ne:
        return bounded(d->t2, d->t1, checked_sub(checked_neg(c), 1), ranges) ||
               bounded(d->t1, d->t2, checked_sub(c, 1), ranges);
      default: return false;
    }
  } catch (const OverflowError&) {
    return false;
  }
}

}  // namespace symshape
