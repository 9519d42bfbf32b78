// Printers. `to_sympy` round-trips through `parse` (parse(to_sympy(e)) == e).
#pragma once

#include <functional>
#include <string>

#include "symshape/symbolic/expr.hpp"
#include "symshape/symbolic/parse.hpp"

namespace symshape {

// sympy str form: Eq(s0, s1), Ne(Mod(s0, 8), 0), s0 >= 2, (s0//2), Max(s0, s1).
std::string to_sympy(Expr e);
// Python infix guard form: s0 == s1, s0 % 8 != 0, s0 >= 2, s0 // 2, max(s0, s1),
// a and b. Also round-trips.
std::string to_python(Expr e);
std::string to_syntax(Expr e, Syntax syntax);
// A C++ expression over int64_t values; `symbol_name` maps each symbol to the
// C++ text for its value (default: the symbol's name). Floor division and
// modulo are written as calls to `symshape_floordiv(a, b)` / `symshape_mod(a, b)`.
std::string to_cpp(Expr e, const std::function<std::string(Expr)>& symbol_name = {});
// An SMT-LIB2 term (integers; Python // and % translated for every divisor sign).
std::string to_smtlib(Expr e);

}  // namespace symshape
