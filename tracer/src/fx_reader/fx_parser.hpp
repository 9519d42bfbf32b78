// Recursive descent over the Python subset of FX dumps: the text becomes a
// list of statements (fx_syntax.hpp). Each syntax error is recorded with its
// place; the parser goes on at the next statement, so one run reports every
// error. Nesting is bounded, so deep brackets are an error, not a stack overflow.
#pragma once

#include <string_view>
#include <vector>

#include "fx_reader/fx_syntax.hpp"

namespace symshape::tracer::fx {

// Brackets, calls and unary operators nest at most this deep.
inline constexpr int kMaxNesting = 100;

struct ParsedText {
  std::vector<Statement> statements;
  std::vector<SyntaxError> errors;
};

ParsedText parse_statements(std::string_view text);

}  // namespace symshape::tracer::fx
