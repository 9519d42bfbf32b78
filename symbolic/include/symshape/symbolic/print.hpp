// Printers. `to_sympy` and `to_python` round-trip through `parse`
// (parse(to_sympy(e)).expr == e for every canonical e) and print any tree,
// canonical or not, with the parentheses Python's grammar needs. Conventions:
// sums put their constant last and print negative terms with a binary minus
// (s0 - 2*s1 + 3); Lt/Le with a constant on the left print flipped
// (Le(2, s0) is `s0 >= 2`). The printers recurse on the tree's depth.
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
// C++ text for its value (default: cpp_symbol_identifier). Floor division and
// modulo are written as calls to `symshape_floordiv(a, b)` / `symshape_mod(a, b)`,
// powers with exponents above 4 as `symshape_pow(b, e)`, Min/Max as nested
// `std::min<int64_t>` / `std::max<int64_t>`, conditions with && || ! and relations.
std::string to_cpp(Expr e, const std::function<std::string(Expr)>& symbol_name = {});
// The default C++ name of a symbol: its name when that is a plain identifier
// (and not a C++ keyword), else a mangled identifier `sym_...` in which every
// character other than a letter or digit is written as _XX (hex). Distinct
// names give distinct identifiers.
std::string cpp_symbol_identifier(Expr symbol);
// C++ source defining symshape_floordiv, symshape_mod and symshape_pow with
// Python semantics, for code that compiles to_cpp output.
std::string cpp_helper_definitions();

// An SMT-LIB2 term (Int/Bool). Python // and % are translated exactly for every
// nonzero divisor sign; division by zero is left unspecified (callers assert
// divisors nonzero). Throws UnsupportedError for an exponent above 1024 or a
// symbol name containing '|' or '\'.
std::string to_smtlib(Expr e);
// How to_smtlib writes a symbol: the name, or |name| when it is not a plain
// identifier or is an SMT-LIB reserved word or function name.
std::string smtlib_symbol_name(Expr symbol);

}  // namespace symshape
