// Exact evaluation at given symbol values, substitution, and symbol collection.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "symshape/symbolic/expr.hpp"

namespace symshape {

// Symbol node -> value.
using Assignment = std::unordered_map<Expr, int64_t, ExprHash>;

// The value of `e` (booleans as 1/0). Python semantics; throws OverflowError,
// DivisionByZeroError, UnboundSymbolError (naming the symbol).
int64_t evaluate(Expr e, const Assignment& values);
bool evaluate_bool(Expr e, const Assignment& values);

// Replaces nodes (usually symbols) by expressions and re-canonicalizes bottom-up.
using Substitution = std::unordered_map<Expr, Expr, ExprHash>;
Expr substitute(Expr e, const Substitution& replacements);

// The distinct symbols of `e`, sorted by `compare`.
std::vector<Expr> free_symbols(Expr e);
bool contains_symbol(Expr e, Expr sym);
// The distinct non-constant divisors of the FloorDiv and Mod nodes of `e`,
// sorted by `compare` (constant divisors are nonzero in a canonical node).
std::vector<Expr> symbolic_divisors(Expr e);

}  // namespace symshape
