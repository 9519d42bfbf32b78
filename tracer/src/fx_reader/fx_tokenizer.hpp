// Tokens of the Python subset that FX graph dumps use.
//
// symbolic/'s lexer reads one expression and rejects `:`, `;`, `=` and line
// structure, which FX statements need; this one keeps every line end and every
// comment (a `# File:` comment is provenance), and never fails: a byte it does
// not know, or a string left open, becomes an Invalid token that the parser
// reports where it stands.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace symshape::tracer::fx {

// 1-based line and column (in bytes) of a byte offset in the text.
struct Location {
  size_t offset = 0;
  int line = 1;
  int column = 1;
};

enum class TokenKind : unsigned char {
  End,      // end of the text (one, last)
  Newline,  // a physical line end (none after a `\` continuation)
  Comment,  // `#` to the end of the line; text excludes the `#`
  Name,     // identifier or keyword
  Int,      // decimal digits (its value is checked where it is used)
  Float,    // digits with a '.' or an exponent
  String,   // '...' or "..."; text excludes the quotes, escapes undecoded
  Op,       // punctuation and operators: ( ) [ ] { } , : ; = . + - * / // % ** == != < <= > >= -> ...
  Invalid,  // a byte outside the language, or an unterminated string (text from its quote)
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::string_view text;
  Location at;
  size_t end = 0;  // offset just past the token's source (closing quote included)

  bool is_op(std::string_view op) const { return kind == TokenKind::Op && text == op; }
  bool is_name(std::string_view name) const { return kind == TokenKind::Name && text == name; }
};

std::vector<Token> tokenize(std::string_view text);

// "'abs_1'", "end of line", "end of input": how a message names a token.
std::string describe(const Token& token);

}  // namespace symshape::tracer::fx
