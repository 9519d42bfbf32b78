#include "prover_polynomial.hpp"

namespace symshape {

Interval interval_of(const Monomial& m, const AtomInterval& atom) {
  Interval r = Interval::point(1);
  for (const auto& [a, k] : m) r = r * power(atom(a), k);
  return r;
}

Interval interval_of(const Polynomial& p, const AtomInterval& atom) {
  Interval r = Interval::point(0);
  for (const auto& [m, c] : p.terms) r = r + scale(interval_of(m, atom), c);
  return r;
}

Interval interval_of_factored(const Polynomial& p, const AtomInterval& atom) {
  Interval whole = interval_of(p, atom);
  if (p.terms.size() < 2) return whole;
  Factored f = factor(p);
  Interval product = scale(interval_of(f.common, atom), f.content) * interval_of(f.cofactor, atom);
  return whole.intersect(product);
}

}  // namespace symshape
