#include "linear_tier.hpp"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "symshape/engine/fallback_stats.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/polynomial.hpp"
#include "symshape/symbolic/polynomial_factor.hpp"

namespace symshape {
namespace {

// Coefficients are exact 128-bit integers; a row whose coefficient or
// constant grows past kMaxMagnitude is dropped (sound: fewer rows).
using Wide = __int128;
constexpr Wide kMaxMagnitude = Wide{1} << 62;
// Fourier-Motzkin can square the row count per elimination: past these caps
// rows (or premises) are left out, which only weakens the system.
constexpr size_t kMaxRows = 300;
constexpr size_t kMaxUnknowns = 48;
constexpr size_t kMaxPremises = 64;

Wide wide_abs(Wide v) { return v < 0 ? -v : v; }
Wide wide_gcd(Wide a, Wide b) {
  a = wide_abs(a);
  b = wide_abs(b);
  while (b != 0) {
    Wide t = a % b;
    a = b;
    b = t;
  }
  return a;
}
// ceil(a / b) for b > 0.
Wide ceil_div_wide(Wide a, Wide b) {
  Wide q = a / b;
  if (a % b != 0 && a > 0) ++q;
  return q;
}

// sum(a[x] * x) + c <= 0 over integer unknowns x.
struct Row {
  std::map<int, Wide> a;
  Wide c = 0;
  std::vector<size_t> from;  // premise indices, ascending
};

// Integer rounding: divides by the gcd of the coefficients and rounds the
// constant up (sum(b x) <= -c/g with an integer left side). False when the
// row is too large to keep.
bool normalize(Row& r) {
  Wide g = 0;
  for (const auto& [x, k] : r.a) g = wide_gcd(g, k);
  if (g > 1) {
    for (auto& [x, k] : r.a) k /= g;
    r.c = ceil_div_wide(r.c, g);
  }
  if (wide_abs(r.c) > kMaxMagnitude) return false;
  for (const auto& [x, k] : r.a) {
    if (wide_abs(k) > kMaxMagnitude) return false;
  }
  return true;
}

std::vector<size_t> merged(const std::vector<size_t>& a, const std::vector<size_t>& b) {
  std::vector<size_t> out;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

class System {
 public:
  explicit System(const FactSummary& ranges) : ranges_(ranges) {}

  // p <= 0 (false: p needs too many unknowns; nothing was added).
  bool add_le(const Polynomial& p, const std::vector<size_t>& from) {
    size_t fresh = 0;
    for (const auto& [m, c] : p.terms) {
      if (!m.empty() && !unknowns_.count(m)) ++fresh;
    }
    if (count_ + fresh > kMaxUnknowns) return false;
    Row r;
    r.from = from;
    for (const auto& [m, c] : p.terms) {
      if (m.empty()) {
        r.c += c;
      } else {
        r.a[unknown(m)] += c;
      }
    }
    push(std::move(r));
    define_pending();
    return true;
  }

  // p != 0 with p linear: kept to move the bound of a row over the same
  // form past the excluded value (s0 <= 12 and s0 != 12 give s0 <= 11).
  void add_ne(const Polynomial& p, size_t from) {
    size_t fresh = 0;
    for (const auto& [m, c] : p.terms) {
      if (!m.empty() && !unknowns_.count(m)) ++fresh;
    }
    if (count_ + fresh > kMaxUnknowns) return;
    Row r;
    r.from = {from};
    for (const auto& [m, c] : p.terms) {
      if (m.empty()) {
        r.c += c;
      } else {
        r.a[unknown(m)] += c;
      }
    }
    define_pending();
    Wide g = 0;
    for (const auto& [x, k] : r.a) g = wide_gcd(g, k);
    if (g == 0 || r.c % g != 0) return;  // no integer point makes p zero: nothing to exclude
    for (auto& [x, k] : r.a) k /= g;
    r.c /= g;
    excluded_.push_back(std::move(r));
  }

  // Applies the exclusions to the rows until nothing moves (each move raises
  // one row's constant past one excluded value, so this ends).
  void apply_exclusions() {
    for (bool moved = true; moved;) {
      moved = false;
      for (const Row& ne : excluded_) {  // form + c != 0, form = sum(a x)
        std::map<int, Wide> minus;
        for (const auto& [x, k] : ne.a) minus.emplace(x, -k);
        for (Row& r : rows_) {
          // form + c <= 0 (same form), or -form - c <= 0: the bound is the
          // excluded value itself, so the next value is the bound.
          const bool same = r.c == ne.c && r.a == ne.a;
          const bool opposite = r.c == -ne.c && r.a == minus;
          if (!same && !opposite) continue;
          r.c += 1;
          r.from = merged(r.from, ne.from);
          moved = true;
        }
      }
    }
  }

  std::vector<Row>& rows() { return rows_; }

 private:
  void push(Row r) {
    std::erase_if(r.a, [](const auto& e) { return e.second == 0; });
    if (normalize(r)) rows_.push_back(std::move(r));
  }

  int unknown(const Monomial& m) {
    auto [it, inserted] = unknowns_.emplace(m, count_);
    if (!inserted) return it->second;
    ++count_;
    // Its interval under the ranges (facts and domain: no premise).
    const ValueRange v = interval_of(m, [&](Expr a) { return ranges_.atom_interval(a); });
    if (v.has_lo()) push(Row{{{it->second, -1}}, Wide{v.lo()}, {}});
    if (v.has_hi()) push(Row{{{it->second, 1}}, -Wide{v.hi()}, {}});
    if (m.size() == 1 && m[0].second == 1) pending_.push_back(m[0].first);
    return it->second;
  }

  // Definitions of floor-division and modulo atoms by a positive constant.
  void define_pending() {
    while (!pending_.empty()) {
      const Expr atom = pending_.back();
      pending_.pop_back();
      if (!(atom.is(ExprKind::FloorDiv) || atom.is(ExprKind::Mod)) || !atom.arg(1).is_integer()) continue;
      const int64_t k = atom.arg(1).value();
      if (k <= 0) continue;
      auto arg = to_polynomial(atom.arg(0));
      if (!arg) continue;
      size_t fresh = 1;
      for (const auto& [m, c] : arg->terms) {
        if (!m.empty() && !unknowns_.count(m)) ++fresh;
      }
      if (count_ + fresh > kMaxUnknowns) continue;
      Row l;  // L as a row: sum + c
      for (const auto& [m, c] : arg->terms) {
        if (m.empty()) {
          l.c += c;
        } else {
          l.a[unknown(m)] += c;
        }
      }
      const int self = unknowns_.at(Monomial{{atom, 1}});
      // q = L // k: k*q - L <= 0 and L - k*q - (k - 1) <= 0. For m = Mod(L, k)
      // the quotient is a fresh unknown t and m = L - k*t, 0 <= m <= k - 1.
      int q = self;
      if (atom.is(ExprKind::Mod)) {
        q = count_++;
        Row eq_lo = l, eq_hi;  // m - L + k*t == 0
        eq_hi.c = -l.c;
        for (const auto& [x, c] : l.a) eq_hi.a[x] = -c;
        eq_hi.a[self] += 1;
        eq_hi.a[q] += k;
        eq_lo.a[self] -= 1;
        eq_lo.a[q] -= k;
        push(std::move(eq_lo));
        push(std::move(eq_hi));
        push(Row{{{self, -1}}, 0, {}});
        push(Row{{{self, 1}}, -Wide{k - 1}, {}});
        continue;
      }
      Row lower = l, upper;  // lower: k*q - L <= 0 is -(L - k*q) <= 0
      for (auto& [x, c] : lower.a) c = -c;
      lower.c = -l.c;
      lower.a[q] += k;
      upper = l;
      upper.a[q] -= k;
      upper.c -= (k - 1);
      push(std::move(lower));
      push(std::move(upper));
    }
  }

  const FactSummary& ranges_;
  std::map<Monomial, int, MonomialLess> unknowns_;
  int count_ = 0;
  std::vector<Expr> pending_;
  std::vector<Row> rows_;
  std::vector<Row> excluded_;  // form + c != 0, form with coprime coefficients
};

// Fourier-Motzkin: the premises of a derived 0 < 0, or nullopt.
std::optional<std::vector<size_t>> contradiction(std::vector<Row> rows) {
  for (;;) {
    std::vector<Row> kept;
    std::map<int, std::pair<size_t, size_t>> signs;  // unknown -> (positive, negative) rows
    std::map<int, bool> non_unit;                      // unknown -> some coefficient is not +-1
    for (Row& r : rows) {
      if (r.a.empty()) {
        if (r.c > 0) return std::move(r.from);
        continue;  // 0 + c <= 0 with c <= 0: always true
      }
      for (const auto& [x, k] : r.a) {
        (k > 0 ? signs[x].first : signs[x].second)++;
        if (k != 1 && k != -1) non_unit[x] = true;
      }
      kept.push_back(std::move(r));
    }
    if (kept.empty()) return std::nullopt;
    // The unknown whose elimination adds the fewest rows; unknowns with a
    // coefficient other than +-1 last: eliminating one before the others
    // were substituted away loses what integer rounding would derive
    // (Mod(s0, 4) == 0 is s0 - 4*t == 0; s0 == 2 then needs 4*t == 2).
    int best = -1;
    size_t best_cost = SIZE_MAX;
    for (const auto& [x, pn] : signs) {
      constexpr size_t kNonUnitPenalty = size_t{1} << 32;
      const size_t cost = pn.first == 0 || pn.second == 0 ? 0
                          : pn.first * pn.second + (non_unit.count(x) ? kNonUnitPenalty : 0);
      if (cost < best_cost) best = x, best_cost = cost;
    }
    std::vector<Row> next, pos, neg;
    for (Row& r : kept) {
      auto it = r.a.find(best);
      if (it == r.a.end()) {
        next.push_back(std::move(r));
      } else {
        (it->second > 0 ? pos : neg).push_back(std::move(r));
      }
    }
    // A one-sided unknown can take a value that satisfies all its rows: they go.
    for (const Row& p : pos) {
      for (const Row& n : neg) {
        const Wide kp = p.a.at(best), kn = -n.a.at(best);
        Row r;
        r.c = p.c * kn + n.c * kp;
        for (const auto& [x, k] : p.a) r.a[x] += k * kn;
        for (const auto& [x, k] : n.a) r.a[x] += k * kp;
        std::erase_if(r.a, [](const auto& e) { return e.second == 0; });
        r.from = merged(p.from, n.from);
        if (normalize(r)) next.push_back(std::move(r));
      }
    }
    // Duplicate left sides: the row with the larger constant is stronger.
    std::map<std::vector<std::pair<int, Wide>>, size_t> seen;
    std::vector<Row> unique;
    for (Row& r : next) {
      std::vector<std::pair<int, Wide>> key(r.a.begin(), r.a.end());
      auto [it, inserted] = seen.emplace(std::move(key), unique.size());
      if (inserted) {
        unique.push_back(std::move(r));
      } else if (r.c > unique[it->second].c) {
        unique[it->second] = std::move(r);
      }
    }
    if (unique.size() > kMaxRows) {
      // Keep the rows over the fewest unknowns (closest to a contradiction).
      std::stable_sort(unique.begin(), unique.end(),
                       [](const Row& a, const Row& b) { return a.a.size() < b.a.size(); });
      unique.resize(kMaxRows);
    }
    rows = std::move(unique);
  }
}

void add_conjuncts(Expr e, std::vector<Expr>& out) {
  if (e.is(ExprKind::And)) {
    for (Expr c : e.args()) add_conjuncts(c, out);
  } else {
    out.push_back(e);
  }
}

// Whether every relation conjunct of `e` is linear in its atoms (a product
// such as s0*s1 would become an unknown that no other row constrains).
bool is_linear_premise(Expr e) {
  if (e.is(ExprKind::And)) {
    return std::all_of(e.args().begin(), e.args().end(), [](Expr c) { return is_linear_premise(c); });
  }
  if (!(e.is(ExprKind::Le) || e.is(ExprKind::Lt) || e.is(ExprKind::Eq))) return true;  // skipped anyway
  auto p = relation_polynomial(e);
  return p && is_linear(*p);
}

// The linear premises (indices, ascending) connected to `goal` by chains of
// shared symbols, nearest first, at most kMaxPremises.
// With `nonlinear`, products join as well (their monomials become unknowns).
std::vector<size_t> relevant_premises(std::span<const Expr> premises, Expr goal, bool nonlinear,
                                      PremiseShapes& shapes) {
  std::unordered_set<Expr, ExprHash> reached;
  for (Expr s : free_symbols(goal)) reached.insert(s);
  std::vector<const PremiseShapes::Shape*> shape(premises.size());
  std::vector<bool> candidate(premises.size(), false);
  for (size_t i = 0; i < premises.size(); ++i) {
    shape[i] = &shapes.of(premises[i]);
    candidate[i] = nonlinear || shape[i]->linear;
  }
  std::vector<size_t> out;
  for (bool grew = true; grew && out.size() < kMaxPremises;) {
    grew = false;
    std::vector<Expr> added;
    for (size_t i = 0; i < premises.size() && out.size() < kMaxPremises; ++i) {
      if (!candidate[i]) continue;
      const std::vector<Expr>& syms = shape[i]->symbols;
      if (!std::any_of(syms.begin(), syms.end(), [&](Expr s) { return reached.count(s) != 0; })) continue;
      candidate[i] = false;
      out.push_back(i);
      grew = true;
      for (Expr s : syms) added.push_back(s);
    }
    for (Expr s : added) reached.insert(s);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The rows of the premises, with their indices as provenance.
void add_premise_rows(System& system, std::span<const Expr> premises, const std::vector<size_t>& which) {
  for (size_t i : which) {
    std::vector<Expr> parts;
    add_conjuncts(premises[i], parts);
    for (Expr c : parts) {
      if (c.is(ExprKind::Ne)) {
        if (auto p = relation_polynomial(c); p && is_linear(*p)) system.add_ne(*p, i);
        continue;
      }
      if (!(c.is(ExprKind::Le) || c.is(ExprKind::Lt) || c.is(ExprKind::Eq))) continue;
      auto p = relation_polynomial(c);
      if (!p) continue;
      if (!system.add_le(*p, {i}) || !c.is(ExprKind::Eq)) continue;
      Polynomial minus;
      for (const auto& [m, k] : p->terms) {
        if (k == INT64_MIN) return;
        minus.terms.emplace(m, -k);
      }
      system.add_le(minus, {i});
    }
  }
}

// The negation of a relation goal as the cases that must each be refuted
// (each case a list of polynomials p <= 0); empty when not a relation.
std::vector<std::vector<Polynomial>> negation_cases(Expr goal) {
  if (!is_relation_kind(goal.kind())) return {};
  auto p = relation_polynomial(goal);
  if (!p) return {};
  Polynomial minus, minus_plus_one, plus_one = *p;
  for (const auto& [m, k] : p->terms) {
    if (k == INT64_MIN) return {};
    minus.terms.emplace(m, -k);
  }
  minus_plus_one = minus;
  auto add_one = [](Polynomial& q) {
    int64_t& c = q.terms[Monomial{}];
    if (c == INT64_MAX) return false;
    if (++c == 0) q.terms.erase(Monomial{});
    return true;
  };
  if (!add_one(minus_plus_one) || !add_one(plus_one)) return {};
  switch (goal.kind()) {
    case ExprKind::Le:
    case ExprKind::Lt: return {{minus_plus_one}};               // P >= 1
    case ExprKind::Eq: return {{minus_plus_one}, {plus_one}};   // P >= 1, or P <= -1
    case ExprKind::Ne: return {{*p, minus}};                    // P == 0
    default: return {};
  }
}

// The premises used to refute every case of a negated goal, or nullopt.
std::optional<std::vector<size_t>> refute_cases(const std::vector<std::vector<Polynomial>>& cases,
                                                std::span<const Expr> premises, const std::vector<size_t>& which,
                                                const FactSummary& ranges) {
  std::vector<size_t> core;
  for (const auto& negated : cases) {
    System system(ranges);
    for (const Polynomial& p : negated) {
      if (!system.add_le(p, {})) return std::nullopt;
    }
    add_premise_rows(system, premises, which);
    system.apply_exclusions();
    auto used = contradiction(std::move(system.rows()));
    if (!used) return std::nullopt;
    core = merged(core, *used);
  }
  return core;
}

}  // namespace

const PremiseShapes::Shape& PremiseShapes::of(Expr premise) {
  auto [it, inserted] = shapes_.try_emplace(premise.node());
  if (inserted) {
    it->second.symbols = free_symbols(premise);
    it->second.linear = is_linear_premise(premise);
  }
  return it->second;
}

std::optional<std::vector<size_t>> implied_linearly(std::span<const Expr> premises, Expr goal,
                                                    const FactSummary& ranges, PremiseShapes* shapes) {
  PremiseShapes fresh;
  PremiseShapes& memo = shapes ? *shapes : fresh;
  std::vector<Expr> goals;
  add_conjuncts(goal, goals);
  std::vector<size_t> core;
  try {
    for (Expr g : goals) {
      if (g.is_true()) continue;
      const auto cases = negation_cases(g);
      if (cases.empty()) return std::nullopt;
      // The linear premises first (small systems); then products as well.
      std::optional<std::vector<size_t>> proof;
      for (bool nonlinear : {false, true}) {
        proof = refute_cases(cases, premises, relevant_premises(premises, g, nonlinear, memo), ranges);
        if (proof) break;
      }
      if (!proof) return std::nullopt;
      core = merged(core, *proof);
    }
  } catch (const Error&) {
    count_fallback(Fallback::LinearTier);
    return std::nullopt;
  }
  return core;
}

}  // namespace symshape
