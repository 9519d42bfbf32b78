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

// The offset standing for `atom - lower end` of the i-th shifted atom. No
// caller can name it (the parser never produces '#'), and it never leaves
// shifted_interval().
Expr offset_symbol(size_t i) { return symbol("#offset" + std::to_string(i)); }

// [0, hi - lo]: the offset's range; an upper end that does not fit is dropped
// (a weaker, still valid enclosure).
Interval offset_range(const Interval& r) {
  Interval out{0, std::nullopt};
  if (r.hi) {
    try {
      out.hi = checked_sub(*r.hi, *r.lo);
    } catch (const OverflowError&) {
    }
  }
  return out;
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

Interval shifted_interval(const Polynomial& p, const AtomInterval& atom) {
  std::unordered_map<Expr, Expr, ExprHash> shifted;  // atom -> lower end + offset (or itself)
  std::unordered_map<Expr, Interval, ExprHash> offsets;
  auto shift = [&](Expr a) {
    auto it = shifted.find(a);
    if (it != shifted.end()) return it->second;
    const Interval r = atom(a);
    Expr replacement = a;
    if (r.lo && *r.lo != 0 && !r.is_empty()) {
      const Expr y = offset_symbol(offsets.size());
      offsets.emplace(y, offset_range(r));
      replacement = add(integer(*r.lo), y);
    }
    shifted.emplace(a, replacement);
    return replacement;
  };
  try {
    const Expr reparametrized = polynomial_expr_with(p, shift);
    if (offsets.empty()) return Interval::all();  // nothing shifted: nothing new to learn
    const std::optional<Polynomial> q = to_polynomial(reparametrized);
    if (!q) return Interval::all();
    return interval_of_factored(*q, [&](Expr a) {
      auto it = offsets.find(a);
      return it != offsets.end() ? it->second : atom(a);
    });
  } catch (const Error&) {
    count_fallback(Fallback::ShiftedInterval);
    return Interval::all();  // a coefficient that does not fit: no enclosure
  }
}

}  // namespace symshape
