// Expr -> z3::expr with exact Python integer semantics. Private to the engine:
// public headers never include z3++.h.
//
// Semantics:
//  - `a // b` is `ite(b > 0, a div b, (-a) div (-b))`: SMT-LIB `div` is
//    Euclidean (remainder >= 0), which is Python's floor division exactly when
//    the divisor is positive; for a negative divisor floor(a/b) == floor(-a/-b).
//    Constant divisors skip the ite.
//  - `a % b` is `a - b * (a // b)` (sign of the divisor, as in Python).
//  - Min/Max are ite chains, Pow is repeated squaring (exponents up to
//    kMaxPowExponent; larger ones throw UnsupportedError), products may be
//    nonlinear up to total degree kMaxDegree: Z3 4.8.12's nonlinear
//    arithmetic expands high-degree terms without checking its resource limit
//    or interrupts (`s0**64 >= s0` and `s0**16*s1**16 >= s0*s1` ran for
//    minutes past the wall-clock backstop), so a product or power of higher
//    degree throws UnsupportedError and the query is answered Unknown.
//  - Division by zero: SMT-LIB leaves `x div 0` unspecified (any value), while
//    Python raises, and a guard that raises FAILS. `definedness(e)` is the
//    conjunction of `b != 0` over every symbolic divisor `b` of a FloorDiv/Mod
//    in `e` (constant divisors of canonical nodes are nonzero); callers use
//    `translate(e) && definedness(e)` as the truth of a condition, so a point
//    where it raises counts as one where it is false, whether it is assumed
//    or refuted. (A short-circuiting `And`/`Or` is treated the same way: all of
//    its divisors must be nonzero, as GuardProgram evaluates every arm.)
#pragma once

#include <z3++.h>

#include <unordered_map>
#include <vector>

#include "symshape/symbolic/expr.hpp"

namespace symshape {

class Z3Translator {
 public:
  static constexpr int64_t kMaxPowExponent = 64;
  // Degree 8 still answers or reaches the backstop. Degree 9 ran past it:
  // `symshape range '-(-s1//5) + (s1 - 4)**9'` (found by the soundness
  // campaign) did not return in 2 minutes with the 10 s backstop; 24 ran past
  // it too. The traced guard sets in bench/data reach total degree 5.
  static constexpr int64_t kMaxDegree = 8;

  explicit Z3Translator(z3::context& ctx) : ctx_(ctx) {}

  z3::context& ctx() { return ctx_; }

  // Integer-valued Expr -> Int term; boolean Expr -> Bool term. Memoized by node.
  // Throws UnsupportedError for what it cannot translate.
  z3::expr translate(Expr e);
  // Conjunction of `b != 0` over the divisors inside `e` (true if none).
  z3::expr definedness(Expr e);

  // The Z3 constant of a symbol (declared on first use).
  z3::expr symbol_const(Expr sym);
  // Every symbol translated so far, in first-use order.
  const std::vector<Expr>& symbols() const { return symbols_; }

 private:
  z3::expr translate_uncached(Expr e);
  z3::expr floor_div(Expr a, Expr b);
  // Total degree of `e` as a polynomial in the symbols, with each division
  // as a fresh atom; saturates at kMaxDegree + 1. Memoized.
  int64_t degree(Expr e);
  void check_degree(Expr e);

  z3::context& ctx_;
  std::unordered_map<Expr, z3::expr, ExprHash> terms_;
  std::unordered_map<Expr, z3::expr, ExprHash> defined_;
  std::unordered_map<Expr, z3::expr, ExprHash> symbol_consts_;
  std::unordered_map<Expr, int64_t, ExprHash> degrees_;
  std::vector<Expr> symbols_;
};

}  // namespace symshape
