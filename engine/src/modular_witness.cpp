// ModularTier::find_point: points for the "no" half of residue questions.
// A counterexample to `Ne(s1, s2 + s1**2)` under divisibility facts often
// needs a symbol in one residue class (`s1 % 18 == 12`), which the witness
// tier's perturbations (one symbol moved, all scaled) rarely hit and Z3's
// nonlinear search finds slowly. Here each symbol takes the least value of
// its range in every residue class, and each tuple is checked by exact
// evaluation, so whatever is returned really is such a point.
#include <algorithm>

#include "modular_tier.hpp"
#include "symshape/engine/fallback_stats.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {
namespace {

std::optional<bool> try_evaluate(Expr c, const Assignment& p) {
  try {
    return evaluate_bool(c, p);
  } catch (const Error&) {
    count_fallback(Fallback::ModularWitness);
    return std::nullopt;  // raises (or overflows) here: proves nothing
  }
}

// One value per residue class modulo m in [lo, hi] (or near 0 where the
// range is unbounded), or every value of a narrow range.
std::vector<int64_t> representatives(const ValueRange& r, int64_t m) {
  std::vector<int64_t> out;
  if (r.has_lo() && r.has_hi() && static_cast<__int128>(r.hi()) - r.lo() < ModularTier::kMaxExactValues) {
    for (int64_t v = r.lo();; ++v) {
      out.push_back(v);
      if (v == r.hi()) break;
    }
    return out;
  }
  for (int64_t k = 0; k < m; ++k) {
    __int128 v;
    if (r.has_lo()) {
      v = static_cast<__int128>(r.lo()) + python_mod(k - python_mod(r.lo(), m), m);
    } else if (r.has_hi()) {
      v = static_cast<__int128>(r.hi()) - python_mod(python_mod(r.hi(), m) - k, m);
    } else {
      v = k;
    }
    if (v >= INT64_MIN && v <= INT64_MAX && r.contains(static_cast<int64_t>(v))) out.push_back(static_cast<int64_t>(v));
  }
  return out;
}

}  // namespace

namespace {

// The symbols of `holds` and `fails`, in order of appearance, or nullopt as
// soon as there are more than ModularTier::kMaxVars.
std::optional<std::vector<Expr>> few_symbols(std::span<const Expr> holds, Expr fails) {
  std::vector<Expr> vars;
  auto collect = [&](Expr e) {
    for (Expr s : free_symbols(e)) {
      if (std::find(vars.begin(), vars.end(), s) != vars.end()) continue;
      vars.push_back(s);
      if (vars.size() > ModularTier::kMaxVars) return false;
    }
    return true;
  };
  for (Expr e : holds)
    if (!collect(e)) return std::nullopt;
  if (fails && !collect(fails)) return std::nullopt;
  return vars;
}

}  // namespace

bool ModularTier::point_search_applies(std::span<const Expr> holds, Expr fails) {
  auto vars = few_symbols(holds, fails);
  if (!vars || vars->empty()) return false;
  return (fails && has_modular_content(fails)) ||
         std::any_of(holds.begin(), holds.end(), [](Expr e) { return has_modular_content(e); });
}

std::optional<Assignment> ModularTier::find_point(std::span<const Expr> holds, Expr fails,
                                                  const FactSummary& ranges) const {
  if (ranges.contradictory() || !point_search_applies(holds, fails)) return std::nullopt;
  const std::vector<Expr> all(holds.begin(), holds.end());
  std::vector<Expr> exprs = all;
  if (fails) exprs.push_back(fails);
  const std::vector<Expr> vars = *few_symbols(holds, fails);
  const int64_t m = residue_modulus(exprs);
  std::vector<std::vector<int64_t>> values(vars.size());
  size_t points = 1;
  for (size_t k = 0; k < vars.size(); ++k) {
    values[k] = representatives(ranges.atom_interval(vars[k]), m);
    points *= std::max<size_t>(values[k].size(), 1);
    if (values[k].empty() || points > kMaxPoints) return std::nullopt;
  }
  Assignment p;
  std::vector<size_t> at(vars.size(), 0);
  for (size_t t = 0; t < points; ++t) {
    for (size_t k = 0; k < vars.size(); ++k) p[vars[k]] = values[k][at[k]];
    const bool ok = std::all_of(all.begin(), all.end(), [&](Expr c) { return try_evaluate(c, p) == true; }) &&
                    (!fails || try_evaluate(fails, p) == false);
    if (ok) return p;
    for (size_t k = 0; k < at.size() && ++at[k] == values[k].size(); ++k) at[k] = 0;
  }
  return std::nullopt;
}

}  // namespace symshape
