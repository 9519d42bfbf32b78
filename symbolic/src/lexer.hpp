// Tokens of the expression language (a subset of Python's lexical grammar: the
// sympy str form and PyTorch's guard code are both Python expressions).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "parse_diagnostics.hpp"

namespace symshape::detail {

enum class TokenKind {
  End,
  Integer,     // decimal digits; the value is checked by the parser (it may exceed int64)
  Float,       // a float literal: recognized only to reject it with a clear error
  Identifier,  // also keywords (and, or, not, True, False); the parser tells them apart
  String,      // '...' or "..." (text includes the quotes), used in sources such as L['x']
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Dot,
  Plus,
  Minus,
  Star,
  StarStar,
  Slash,
  SlashSlash,
  Percent,
  EqualEqual,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  Ampersand,  // sympy prints And as `a & b`
  Pipe,       // and Or as `a | b`
  Tilde,      // and Not as `~a`
};

struct Token {
  TokenKind kind;
  std::string_view text;  // a view into the parsed text
  size_t offset;          // byte offset of the first character
};

// Splits `source.text()` into tokens, ending with one End token. Whitespace and
// `#` comments (as in PyTorch's verbose guard dumps) are skipped. Throws
// ParseError for characters outside the language and unterminated strings.
std::vector<Token> tokenize(const SourceText& source);

// Human-readable token description for messages: "'Eq'", "end of input".
std::string describe(const Token& token);

}  // namespace symshape::detail
