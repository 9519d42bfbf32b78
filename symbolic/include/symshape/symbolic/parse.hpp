// Parser for the expression syntax PyTorch prints: sympy form (Eq(s0, s1),
// Ne, Lt, Le, Gt, Ge, Mod, FloorDiv, CeilDiv, CleanDiv, PythonMod,
// ModularIndexing, PowByNatural, Max, Min, And, Or, Not, True, False, `**`,
// `(s0//2)`, and sympy's `a & b`, `a | b`, `~a`) and Python infix guard code
// (==, !=, <, <=, >, >=, chained comparisons, %, //, and, or, not, max(...),
// min(...)), with Python's precedence. `#` starts a comment to the end of the
// line (verbose guard dumps).
//
// Symbols are identifiers (s0, u3, s77) or sources: a name followed by any mix
// of `[literal]` subscripts and `.attr` / `.method(literals)` calls, such as
// L['x'].size()[0], L['x'].stride()[1], L['x'].storage_offset(), x.size()[0],
// G['m'].layers[0].weight.size()[1]. A source is one symbol named by its text
// without whitespace (outside string literals), so it prints back as written.
//
// Every node is built through the canonical constructors (build.hpp): the
// result is canonical, and the sympy and Python spellings of a guard give the
// same node. Nesting deeper than 256 levels (parentheses, calls, unary
// operators) or a tree deeper than 1000 levels (a left-associative chain such
// as s0 // s1 // s2 ...) is a ParseError, never a stack overflow.
#pragma once

#include <string_view>
#include <vector>

#include "symshape/symbolic/expr.hpp"

namespace symshape {

// Which surface syntax a text used; printers can answer in the same one.
enum class Syntax { Sympy, Python };

struct ParseResult {
  Expr expr;
  // Python when the text used a form sympy's str never prints: ==, !=, and,
  // or, not, %, max(, min(, or a source.
  Syntax syntax = Syntax::Sympy;
  // The non-constant divisors of every `//`, `%`, FloorDiv, Mod, CeilDiv, ...
  // in the text, as built, in order of appearance, without repeats. `expr`
  // may have lost some of them (canonicalization cancels (s0*s1)//s0 to s1);
  // the text raises where any of them is zero (see definedness.hpp).
  std::vector<Expr> divisors;
};

// Parses one expression (integer or boolean). Every error's what() starts with
// "LINE:COL: " and ends with the offending line and a caret under the column:
// ParseError for malformed text (unknown function 'Foo', unbalanced
// parentheses, truncated input, trailing text, nesting too deep);
// OverflowError for literals beyond int64 and constant folding that overflows;
// DivisionByZeroError for a constant zero divisor; UnsupportedError for float
// literals and symbols (zf0, zuf0), `/`, negative or symbolic exponents,
// PyTorch functions symshape does not model (Where, ToFloat, ...) and a
// condition used as an integer or the reverse. `line_number` is the line of
// the text's first line in a larger input.
ParseResult parse(std::string_view text, int line_number = 1);
Expr parse_expr(std::string_view text, int line_number = 1);

}  // namespace symshape
