// Parser for the expression syntax PyTorch prints: sympy form (Eq(s0, s1),
// Mod, FloorDiv, CeilDiv, CleanDiv, PythonMod, Max, Min, And, Or, Not, True,
// False, `**`) and Python infix guard code (==, !=, <, <=, >, >=, %, //, and,
// or, not, max(...), min(...)). Symbols are identifiers (s0, u3, s77) or
// sources (L['x'].size()[0], L['x'].stride()[1], L['x'].storage_offset(),
// x.size()[0]); each distinct source text becomes one symbol named by that text.
#pragma once

#include <string_view>

#include "symshape/symbolic/expr.hpp"

namespace symshape {

// Which surface syntax a text used; printers can answer in the same one.
enum class Syntax { Sympy, Python };

struct ParseResult {
  Expr expr;
  Syntax syntax = Syntax::Sympy;  // Python when infix-only operators appeared
};

// Parses one expression (integer or boolean). Throws ParseError naming line and
// column with a caret, OverflowError for literals beyond int64, UnsupportedError
// for float symbols and unsupported functions. `line_number` is used in messages
// when the text is one line of a larger input.
ParseResult parse(std::string_view text, int line_number = 1);
Expr parse_expr(std::string_view text, int line_number = 1);

}  // namespace symshape
