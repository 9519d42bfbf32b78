#include "prover_polynomial.hpp"

namespace symshape {

ValueRange interval_of(const Monomial& m, const AtomInterval& atom) {
  ValueRange r = ValueRange::point(1);
  for (const auto& [a, k] : m) r = range_mul(r, range_pow(atom(a), k));
  return r;
}

ValueRange interval_of(const Polynomial& p, const AtomInterval& atom) {
  ValueRange r = ValueRange::point(0);
  for (const auto& [m, c] : p.terms) r = range_add(r, range_mul(interval_of(m, atom), ValueRange::point(c)));
  return r;
}

ValueRange interval_of_factored(const Polynomial& p, const AtomInterval& atom) {
  ValueRange whole = interval_of(p, atom);
  if (p.terms.size() < 2) return whole;
  Factored f = factor(p);
  ValueRange product =
      range_mul(range_mul(interval_of(f.common, atom), ValueRange::point(f.content)), interval_of(f.cofactor, atom));
  return whole.intersect(product);
}

}  // namespace symshape
