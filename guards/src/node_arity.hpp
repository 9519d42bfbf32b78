// Evaluators index arguments directly (arg(0), arg(1)), so a raw node with the
// wrong number of arguments (make_raw does not check) must be refused before
// evaluation instead of read out of bounds.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape::detail {

inline bool has_valid_arity(Expr e) {
  size_t n = e.num_args();
  switch (e.kind()) {
    case ExprKind::Integer:
    case ExprKind::Symbol:
    case ExprKind::True:
    case ExprKind::False: return n == 0;
    case ExprKind::Not: return n == 1;
    case ExprKind::Pow: return n == 2 && e.arg(1).is_integer() && e.arg(1).value() >= 0;
    case ExprKind::FloorDiv:
    case ExprKind::Mod:
    case ExprKind::Eq:
    case ExprKind::Ne:
    case ExprKind::Lt:
    case ExprKind::Le: return n == 2;
    case ExprKind::Add:
    case ExprKind::Mul:
    case ExprKind::Min:
    case ExprKind::Max:
    case ExprKind::And:
    case ExprKind::Or: return n >= 1;
  }
  return false;
}

inline void require_valid_arity(Expr e, const char* who) {
  if (!has_valid_arity(e)) {
    throw UnsupportedError(std::string(who) + ": malformed " + kind_name(e.kind()) + " node with " +
                           std::to_string(e.num_args()) + " arguments");
  }
}

// Checks every distinct node of `e` once.
inline void require_well_formed(Expr e, const char* who) {
  std::unordered_set<Expr, ExprHash> seen;
  std::vector<Expr> stack{e};
  while (!stack.empty()) {
    Expr x = stack.back();
    stack.pop_back();
    if (!seen.insert(x).second) continue;
    require_valid_arity(x, who);
    for (Expr a : x.args()) stack.push_back(a);
  }
}

}  // namespace symshape::detail
