#include "symshape/symbolic/definedness.hpp"

#include <algorithm>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/eval.hpp"

namespace symshape {
namespace {

Expr nonzero(Expr d) { return d.is_integer() ? bool_expr(d.value() != 0) : ne(d, integer(0)); }

}  // namespace

Expr definedness(Expr e) {
  std::vector<Expr> conds;
  for (Expr d : symbolic_divisors(e)) conds.push_back(nonzero(d));
  return conds.empty() ? true_expr() : logical_and(conds);
}

Expr holds_form(Expr cond) {
  Expr d = definedness(cond);
  return d.is_true() ? cond : logical_and(cond, d);
}

Expr with_divisors_nonzero(Expr cond, std::span<const Expr> divisors) {
  const std::vector<Expr> present = symbolic_divisors(cond);
  std::vector<Expr> conds{cond};
  for (Expr d : divisors) {
    if (d.is_integer() && d.value() != 0) continue;
    if (std::binary_search(present.begin(), present.end(), d, ExprLess())) continue;
    conds.push_back(nonzero(d));
  }
  return conds.size() == 1 ? cond : logical_and(conds);
}

}  // namespace symshape
