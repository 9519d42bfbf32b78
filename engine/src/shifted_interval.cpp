#include "shifted_interval.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "symshape/engine/fallback_stats.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {

namespace {

// The offset standing for `atom - lower end` of the i-th shifted atom; it
// never leaves shifted_interval().
Expr offset_symbol(size_t i) { return internal_symbol("offset" + std::to_string(i)); }

// [0, hi - lo]: the offset's range (r has a lower end); an upper end that
// does not fit is dropped (a weaker, still valid enclosure).
ValueRange offset_range(const ValueRange& r) {
  int64_t width = 0;
  if (r.has_hi() && try_sub(r.hi(), r.lo(), width) == IntError::None) return ValueRange::between(0, width);
  return ValueRange::nonnegative();
}

// p with each atom a replaced by atom_as(a).
template <class AtomAs>
Expr polynomial_expr_with(const Polynomial& p, AtomAs&& atom_as) {
  std::vector<Expr> terms;
  terms.reserve(p.terms.size());
  for (const auto& [m, c] : p.terms) {
    std::vector<Expr> factors{integer(c)};
    for (const auto& [a, k] : m) factors.push_back(pow(atom_as(a), k));
    terms.push_back(mul(factors));
  }
  return terms.empty() ? integer(0) : add(terms);
}

}  // namespace

Expr polynomial_expr(const Polynomial& p) {
  return polynomial_expr_with(p, [](Expr a) { return a; });
}

ValueRange shifted_interval(const Polynomial& p, const AtomInterval& atom) {
  std::unordered_map<Expr, Expr, ExprHash> shifted;  // atom -> lower end + offset (or itself)
  std::unordered_map<Expr, ValueRange, ExprHash> offsets;
  auto shift = [&](Expr a) {
    auto it = shifted.find(a);
    if (it != shifted.end()) return it->second;
    const ValueRange r = atom(a);
    Expr replacement = a;
    if (r.has_lo() && r.lo() != 0) {
      const Expr y = offset_symbol(offsets.size());
      offsets.emplace(y, offset_range(r));
      replacement = add(integer(r.lo()), y);
    }
    shifted.emplace(a, replacement);
    return replacement;
  };
  try {
    const Expr reparametrized = polynomial_expr_with(p, shift);
    if (offsets.empty()) return ValueRange::all();  // nothing shifted: nothing new to learn
    const std::optional<Polynomial> q = to_polynomial(reparametrized);
    if (!q) return ValueRange::all();
    return interval_of_factored(*q, [&](Expr a) {
      auto it = offsets.find(a);
      return it != offsets.end() ? it->second : atom(a);
    });
  } catch (const Error&) {
    count_fallback(Fallback::ShiftedInterval);
    return ValueRange::all();  // a coefficient that does not fit: no enclosure
  }
}

}  // namespace symshape
