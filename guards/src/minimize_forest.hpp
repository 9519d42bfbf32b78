// The spanning forest of the kept equalities between atoms (symbols and
// integers), shared by the equality stage (which builds it and reduces every
// other guard modulo it) and the Prover stage (which reasons on the reduced
// forms and asks about forest edges separately).
#pragma once

#include <cstddef>
#include <optional>
#include <unordered_map>
#include <vector>

#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape::detail {

class EqualityForest {
 public:
  struct Edge {
    Expr to;
    size_t guard;
  };

  void add_edge(Expr a, Expr b, size_t guard);
  // The guards on the forest path from a to b, or nullopt if not connected.
  std::optional<std::vector<size_t>> path(Expr a, Expr b) const;
  // The atoms reachable from `start` without crossing `skip_guard`.
  std::vector<Expr> side(Expr start, size_t skip_guard) const;

  // Roots every tree at its representative (the integer in it if there is
  // exactly one, else its least symbol) and records each atom's way there.
  // Trees with two integers (an unsatisfiable set) are left out.
  void choose_representatives();
  // Atom -> representative, for the atoms that are not their own.
  const Substitution& substitution() const { return substitution_; }
  // The forest guards that equate `atom` with its representative.
  std::vector<size_t> path_to_representative(Expr atom) const;

 private:
  std::unordered_map<Expr, std::vector<Edge>, ExprHash> adjacent_;
  std::unordered_map<Expr, Edge, ExprHash> parent_;  // towards the representative
  Substitution substitution_;
};

}  // namespace symshape::detail
