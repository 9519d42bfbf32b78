// Uses the installed headers and libraries: parse, canonicalize, print.
#include <iostream>

#include "symshape/engine/prover.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"

int main() {
  symshape::Expr e = symshape::parse_expr("2*s0 >= 4");
  std::cout << symshape::to_sympy(e) << '\n';
  return 0;
}
