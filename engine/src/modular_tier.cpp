#include "modular_tier.hpp"

#include <algorithm>
#include <cstdlib>
#include <unordered_map>

#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {
namespace {

using i128 = __int128;

i128 abs128(i128 v) { return v < 0 ? -v : v; }
i128 gcd128(i128 a, i128 b) {
  a = abs128(a), b = abs128(b);
  while (b != 0) {
    i128 t = a % b;
    a = b, b = t;
  }
  return a;
}

// "Congruent to r modulo n": n == 0 means exactly r, n == 1 nothing known;
// otherwise 0 <= r < n. `raises`: the term divides by zero at every point of
// the tuple (a value that only may raise is computed as if defined: see
// truth()).
struct Residue {
  bool raises = false;
  int64_t r = 0;
  int64_t n = 1;
  bool exact() const { return !raises && n == 0; }
};

Residue raising() { return {true, 0, 1}; }
Residue exactly(int64_t v) { return {false, v, 0}; }

// Truth sets: subsets of {true, false, raises}.
constexpr uint8_t kTrue = 1, kFalse = 2, kRaises = 4;

// Moduli past this are cut down to their gcd with the tuple's modulus, which
// keeps every product within 128 bits (knowing a coarser residue is sound).
constexpr i128 kModulusCap = i128{1} << 20;

class Evaluator {
 public:
  Evaluator(int64_t modulus, const std::unordered_map<Expr, Residue, ExprHash>& values)
      : modulus_(modulus), values_(values) {}

  Residue value(Expr e) const {
    switch (e.kind()) {
      case ExprKind::Integer: return exactly(e.value());
      case ExprKind::Symbol: {
        auto it = values_.find(e);
        return it == values_.end() ? Residue{} : it->second;
      }
      case ExprKind::Add: {
        Residue acc = exactly(0);
        for (Expr a : e.args()) acc = add(acc, value(a));
        return acc;
      }
      case ExprKind::Mul: {
        Residue acc = exactly(1);
        for (Expr a : e.args()) acc = mul(acc, value(a));
        return acc;
      }
      case ExprKind::Pow: return pow(value(e.arg(0)), e.arg(1));
      case ExprKind::Mod: return mod(value(e.arg(0)), value(e.arg(1)));
      case ExprKind::FloorDiv: return floordiv(value(e.arg(0)), value(e.arg(1)));
      case ExprKind::Min:
      case ExprKind::Max: return min_max(e);
      default: return Residue{};
    }
  }

  uint8_t truth(Expr c) const {
    switch (c.kind()) {
      case ExprKind::True: return kTrue;
      case ExprKind::False: return kFalse;
      case ExprKind::Eq:
      case ExprKind::Ne:
      case ExprKind::Lt:
      case ExprKind::Le: return relation(c);
      case ExprKind::Not: {
        uint8_t a = truth(c.arg(0));
        return static_cast<uint8_t>((a & kRaises) | (a & kTrue ? kFalse : 0) | (a & kFalse ? kTrue : 0));
      }
      case ExprKind::And:
      case ExprKind::Or: return connective(c);
      default: return kTrue | kFalse | kRaises;
    }
  }

 private:
  Residue make(i128 r, i128 n) const {
    if (n == 0) {
      if (r >= INT64_MIN && r <= INT64_MAX) return exactly(static_cast<int64_t>(r));
      n = modulus_;  // past int64: keep its residue (the value is exact in Z3's integers)
    }
    if (n > kModulusCap) n = gcd128(n, modulus_);
    r %= n;
    if (r < 0) r += n;
    return {false, static_cast<int64_t>(r), static_cast<int64_t>(n)};
  }

  Residue add(const Residue& a, const Residue& b) const {
    if (a.raises || b.raises) return raising();
    return make(i128{a.r} + b.r, gcd128(a.n, b.n));
  }

  // (r1 + n1*k1)*(r2 + n2*k2) == r1*r2 modulo gcd(n1*n2, r1*n2, r2*n1).
  Residue mul(const Residue& a, const Residue& b) const {
    if (a.raises || b.raises) return raising();
    if (a.n == 0 && b.n == 0) return make(i128{a.r} * b.r, 0);
    i128 g = gcd128(gcd128(i128{a.n} * b.n, i128{a.r} * b.n), i128{b.r} * a.n);
    if (g > kModulusCap) g = gcd128(g, modulus_);
    if (g == 0) return exactly(0);  // an exact zero factor
    return make((i128{a.r} % g) * (i128{b.r} % g), g);
  }

  Residue pow(const Residue& base, Expr exponent) const {
    if (!exponent.is_integer() || exponent.value() < 0) return Residue{};
    Residue acc = exactly(1), b = base;
    for (int64_t k = exponent.value(); k > 0; k >>= 1) {
      if (k & 1) acc = mul(acc, b);
      if (k > 1) b = mul(b, b);
    }
    return acc;
  }

  // Mod(X, D) == X - D*q: congruent to X modulo any common divisor of X's
  // modulus and D; exact when |D| divides X's modulus (X's residue then fixes
  // it, for either sign, under Python's floor semantics).
  Residue mod(const Residue& x, const Residue& d) const {
    if (x.raises || d.raises) return raising();
    if (d.exact()) {
      if (d.r == 0) return raising();
      const i128 ad = abs128(d.r);
      if (x.n == 0 || x.n % ad == 0) return exactly(python_mod(x.r, d.r));
      return make(x.r, gcd128(x.n, ad));
    }
    // D is a multiple of gcd(r_D, n_D) wherever it is nonzero.
    if (x.exact() && x.r == 0) return exactly(0);
    return make(x.r, gcd128(x.n, gcd128(d.r, d.n)));
  }

  // X == r + n*k with |D| dividing n: X // D == r // D + (n / D)*k.
  Residue floordiv(const Residue& x, const Residue& d) const {
    if (x.raises || d.raises) return raising();
    if (!d.exact()) return Residue{};
    if (d.r == 0) return raising();
    if (x.n == 0) return exactly(floor_div(x.r, d.r));
    const i128 ad = abs128(d.r);
    if (x.n % ad != 0) return Residue{};
    return make(floor_div(x.r, d.r), x.n / ad);
  }

  // The result is one of the arguments: it keeps the congruence they all share.
  Residue min_max(Expr e) const {
    std::vector<Residue> vs;
    bool all_exact = true;
    for (Expr a : e.args()) {
      vs.push_back(value(a));
      if (vs.back().raises) return raising();
      all_exact = all_exact && vs.back().n == 0;
    }
    if (all_exact) {
      int64_t best = vs[0].r;
      for (const Residue& v : vs) best = e.is(ExprKind::Min) ? std::min(best, v.r) : std::max(best, v.r);
      return exactly(best);
    }
    i128 g = 0;
    for (const Residue& v : vs) g = gcd128(gcd128(g, v.n), i128{v.r} - vs[0].r);
    return g == 0 ? vs[0] : make(vs[0].r, g);
  }

  uint8_t relation(Expr c) const {
    Residue l = value(c.arg(0)), r = value(c.arg(1));
    if (l.raises || r.raises) return kRaises;
    Residue d = add(l, mul(r, exactly(-1)));
    bool is_zero_possible = d.n == 0 ? d.r == 0 : d.r == 0;
    bool is_zero_certain = d.n == 0 && d.r == 0;
    switch (c.kind()) {
      case ExprKind::Eq:
        return static_cast<uint8_t>((is_zero_possible ? kTrue : 0) | (is_zero_certain ? 0 : kFalse));
      case ExprKind::Ne:
        return static_cast<uint8_t>((is_zero_possible ? kFalse : 0) | (is_zero_certain ? 0 : kTrue));
      default:
        if (d.n != 0) return kTrue | kFalse;
        return (c.is(ExprKind::Lt) ? d.r < 0 : d.r <= 0) ? kTrue : kFalse;
    }
  }

  // Strict connectives: an argument that raises makes the whole raise.
  uint8_t connective(Expr c) const {
    bool any_raises = false, all_defined = true, all_true = true, all_false = true, some_true = false,
         some_false = false;
    for (Expr a : c.args()) {
      uint8_t t = truth(a);
      any_raises = any_raises || (t & kRaises);
      all_defined = all_defined && (t & (kTrue | kFalse));
      all_true = all_true && (t & kTrue);
      all_false = all_false && (t & kFalse);
      some_true = some_true || (t & kTrue);
      some_false = some_false || (t & kFalse);
    }
    uint8_t out = any_raises ? kRaises : 0;
    if (!all_defined) return out;
    if (c.is(ExprKind::And)) return static_cast<uint8_t>(out | (all_true ? kTrue : 0) | (some_false ? kFalse : 0));
    return static_cast<uint8_t>(out | (some_true ? kTrue : 0) | (all_false ? kFalse : 0));
  }

  int64_t modulus_;
  const std::unordered_map<Expr, Residue, ExprHash>& values_;
};

bool contains_kind(Expr e, std::initializer_list<ExprKind> kinds) {
  if (std::find(kinds.begin(), kinds.end(), e.kind()) != kinds.end()) return true;
  return std::any_of(e.args().begin(), e.args().end(), [&](Expr a) { return contains_kind(a, kinds); });
}

// lcm, saturating at `cap + 1` (meaning "too large").
int64_t lcm_capped(int64_t a, int64_t b, int64_t cap) {
  if (a > cap || b > cap) return cap + 1;
  const i128 l = i128{a} / gcd128(a, b) * b;
  return l > cap ? cap + 1 : static_cast<int64_t>(l);
}

constexpr int64_t kTooLarge = int64_t{1} << 30;

// The modulus the symbols need for `e` to be known modulo n (see the header):
// X // d modulo n needs X modulo d*n, Mod(X, d) needs X modulo d.
int64_t needed_modulus(Expr e, int64_t n) {
  switch (e.kind()) {
    case ExprKind::Integer:
    case ExprKind::True:
    case ExprKind::False: return 1;
    case ExprKind::Symbol: return n;
    case ExprKind::Pow: return needed_modulus(e.arg(0), n);
    case ExprKind::Mod:
    case ExprKind::FloorDiv:
      if (e.arg(1).is_integer() && e.arg(1).value() != 0 && e.arg(1).value() != INT64_MIN) {
        const int64_t d = std::abs(e.arg(1).value());
        const i128 inner = e.is(ExprKind::Mod) ? i128{d} : std::min<i128>(i128{d} * n, kTooLarge);
        return needed_modulus(e.arg(0), static_cast<int64_t>(inner));
      }
      break;
    default: break;
  }
  int64_t m = 1;
  for (Expr a : e.args()) m = lcm_capped(m, needed_modulus(a, n), kTooLarge);
  return m;
}

// The moduli a question is about: constant divisors and coefficients.
void collect_base(Expr e, int64_t& base) {
  auto take = [&](int64_t v) {
    if (v == INT64_MIN) return;
    v = std::abs(v);
    if (v < 2) return;
    int64_t l = lcm_capped(base, v, ModularTier::kMaxModulus);
    if (l <= ModularTier::kMaxModulus) base = l;
  };
  if ((e.is(ExprKind::Mod) || e.is(ExprKind::FloorDiv)) && e.arg(1).is_integer()) take(e.arg(1).value());
  if (e.is(ExprKind::Mul) && e.arg(0).is_integer()) take(e.arg(0).value());
  for (Expr a : e.args()) collect_base(a, base);
}

struct Candidate {
  Expr expr;
  std::vector<Expr> symbols;
  std::optional<size_t> premise;  // index into the premises, or a kept fact
};

bool shares_symbol(const std::vector<Expr>& a, const std::vector<Expr>& b) {
  for (Expr s : a)
    if (std::find(b.begin(), b.end(), s) != b.end()) return true;
  return false;
}

}  // namespace

bool has_modular_content(Expr e) {
  switch (e.kind()) {
    case ExprKind::Mod:
    case ExprKind::FloorDiv:
    case ExprKind::Pow: return true;
    case ExprKind::Mul: {
      if (e.arg(0).is_integer() && abs128(e.arg(0).value()) >= 2) return true;
      size_t symbolic = 0;
      for (Expr a : e.args()) symbolic += a.is_integer() ? 0 : 1;
      if (symbolic >= 2) return true;
      break;
    }
    default: break;
  }
  return std::any_of(e.args().begin(), e.args().end(), [](Expr a) { return has_modular_content(a); });
}

int64_t residue_modulus(std::span<const Expr> exprs) {
  int64_t base = 1;
  for (Expr e : exprs) collect_base(e, base);
  if (base < 2) base = 2;
  int64_t modulus = base;
  for (Expr e : exprs) modulus = lcm_capped(modulus, needed_modulus(e, base), kTooLarge);
  return modulus > ModularTier::kMaxModulus ? base : modulus;
}

void ModularTier::add_fact(Expr fact) {
  if (has_modular_content(fact) || contains_kind(fact, {ExprKind::Eq})) facts_.push_back({fact, free_symbols(fact)});
}

namespace {

// Moves into `taken` the pending facts reachable from `vars` (the facts'
// symbols join `vars`) as long as the symbols stay within kMaxVars; leaving
// a fact out only weakens what is proved. With no symbol to start from, the
// first fact with modular content starts it.
void close_over(std::vector<Expr>& vars, std::vector<Candidate>& pending, std::vector<Candidate>& taken) {
  for (bool grew = true; grew;) {
    grew = false;
    for (auto it = pending.begin(); it != pending.end();) {
      bool reaches = vars.empty() ? has_modular_content(it->expr) : shares_symbol(it->symbols, vars);
      std::vector<Expr> joined = vars;
      for (Expr s : it->symbols)
        if (std::find(joined.begin(), joined.end(), s) == joined.end()) joined.push_back(s);
      if (reaches && joined.size() <= ModularTier::kMaxVars) {
        vars = std::move(joined);
        taken.push_back(std::move(*it));
        it = pending.erase(it);
        grew = true;
      } else {
        ++it;
      }
    }
  }
}

// Whether every residue tuple of `vars` that the `taken` facts admit makes
// `cond` true or raising (none admitted: the facts contradict each other).
bool holds_on_every_tuple(Expr cond, const std::vector<Expr>& vars, const std::vector<Candidate>& taken,
                          const FactSummary& ranges) {
  const int64_t kMaxExactValues = ModularTier::kMaxExactValues;
  const size_t kMaxTuples = ModularTier::kMaxTuples;
  // The modulus: what the divisors and coefficients ask for, refined for
  // FloorDiv (needs a multiple of divisor times modulus) when that stays small.
  std::vector<Expr> exprs{cond};
  for (const Candidate& c : taken) exprs.push_back(c.expr);
  const int64_t modulus = residue_modulus(exprs);

  // Each symbol's candidate values: its few values when the ranges bound it
  // tightly, else every residue.
  std::vector<std::vector<Residue>> domain(vars.size());
  for (size_t k = 0; k < vars.size(); ++k) {
    const ValueRange r = ranges.atom_interval(vars[k]);
    if (r.is_empty()) return true;  // contradictory ranges: the canonical tier says so too
    if (r.has_lo() && r.has_hi() && i128{r.hi()} - r.lo() < kMaxExactValues) {
      for (int64_t v = r.lo();; ++v) {
        domain[k].push_back(exactly(v));
        if (v == r.hi()) break;
      }
    } else {
      for (int64_t v = 0; v < modulus; ++v) domain[k].push_back({false, v, modulus});
    }
  }

  std::unordered_map<Expr, Residue, ExprHash> values;
  Evaluator eval(modulus, values);
  auto admits = [&](Expr fact) { return (eval.truth(fact) & kTrue) != 0; };
  // Facts over one symbol prune its candidates first.
  std::vector<Expr> joint;
  for (const Candidate& c : taken) {
    if (c.symbols.size() != 1) {
      joint.push_back(c.expr);
      continue;
    }
    size_t k = std::find(vars.begin(), vars.end(), c.symbols[0]) - vars.begin();
    std::vector<Residue> kept;
    for (const Residue& v : domain[k]) {
      values[vars[k]] = v;
      if (admits(c.expr)) kept.push_back(v);
    }
    domain[k] = std::move(kept);
    values.clear();
  }
  size_t tuples = 1;
  for (const auto& d : domain) {
    tuples *= d.size();
    if (tuples > kMaxTuples) return false;
  }

  // Every tuple the facts admit must leave the condition true (or raising).
  std::vector<size_t> at(vars.size(), 0);
  for (size_t t = 0; t < tuples; ++t) {
    for (size_t k = 0; k < vars.size(); ++k) values[vars[k]] = domain[k][at[k]];
    if (std::all_of(joint.begin(), joint.end(), admits) && (eval.truth(cond) & kFalse)) return false;
    for (size_t k = 0; k < at.size() && ++at[k] == domain[k].size(); ++k) at[k] = 0;
  }
  return true;
}

}  // namespace

bool ModularTier::implies(Expr cond, const FactSummary& ranges, std::span<const Expr> premises,
                          std::vector<size_t>* used) const {
  if (!cond.is_false() && !contains_kind(cond, {ExprKind::Eq, ExprKind::Ne, ExprKind::Mod, ExprKind::FloorDiv}))
    return false;
  const std::vector<Expr> cond_vars = free_symbols(cond);
  if (cond_vars.size() > kMaxVars) return false;
  std::vector<Candidate> pending;
  for (const auto& [f, syms] : facts_) pending.push_back({f, syms, std::nullopt});
  for (size_t i = 0; i < premises.size(); ++i) {
    Expr p = premises[i];
    if (has_modular_content(p) || contains_kind(p, {ExprKind::Eq})) pending.push_back({p, free_symbols(p), i});
  }
  // A closed condition (False: "do the facts contradict?") is asked of each
  // group of facts that share symbols, one after the other.
  for (;;) {
    std::vector<Expr> vars = cond_vars;
    std::vector<Candidate> taken;
    close_over(vars, pending, taken);
    if (taken.empty() && vars.empty()) return false;
    const bool content = has_modular_content(cond) || std::any_of(taken.begin(), taken.end(), [](const Candidate& c) {
                           return has_modular_content(c.expr);
                         });
    if (content && !vars.empty() && holds_on_every_tuple(cond, vars, taken, ranges)) {
      if (used) {
        used->clear();
        for (const Candidate& c : taken)
          if (c.premise) used->push_back(*c.premise);
        std::sort(used->begin(), used->end());
      }
      return true;
    }
    if (!cond_vars.empty() || taken.empty()) return false;
  }
}

}  // namespace symshape
