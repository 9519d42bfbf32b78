#include "lexer.hpp"

#include <string>

namespace symshape::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_identifier_char(char c) { return is_identifier_start(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

class Lexer {
 public:
  explicit Lexer(const SourceText& source) : source_(source), text_(source.text()) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    for (;;) {
      skip_space_and_comments();
      if (pos_ >= text_.size()) break;
      tokens.push_back(next());
    }
    tokens.push_back({TokenKind::End, text_.substr(text_.size()), text_.size()});
    return tokens;
  }

 private:
  void skip_space_and_comments() {
    while (pos_ < text_.size()) {
      if (is_space(text_[pos_])) {
        ++pos_;
      } else if (text_[pos_] == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
  }

  char peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  Token make(TokenKind kind, size_t start) { return {kind, text_.substr(start, pos_ - start), start}; }

  Token next() {
    size_t start = pos_;
    char c = text_[pos_];
    if (is_digit(c) || (c == '.' && is_digit(peek(1)))) return number(start);
    if (is_identifier_start(c)) {
      while (pos_ < text_.size() && is_identifier_char(text_[pos_])) ++pos_;
      return make(TokenKind::Identifier, start);
    }
    if (c == '\'' || c == '"') return string_literal(start);
    ++pos_;
    switch (c) {
      case '(': return make(TokenKind::LParen, start);
      case ')': return make(TokenKind::RParen, start);
      case '[': return make(TokenKind::LBracket, start);
      case ']': return make(TokenKind::RBracket, start);
      case ',': return make(TokenKind::Comma, start);
      case '.': return make(TokenKind::Dot, start);
      case '+': return make(TokenKind::Plus, start);
      case '-': return make(TokenKind::Minus, start);
      case '%': return make(TokenKind::Percent, start);
      case '&': return make(TokenKind::Ampersand, start);
      case '|': return make(TokenKind::Pipe, start);
      case '~': return make(TokenKind::Tilde, start);
      case '*':
        if (peek() == '*') return ++pos_, make(TokenKind::StarStar, start);
        return make(TokenKind::Star, start);
      case '/':
        if (peek() == '/') return ++pos_, make(TokenKind::SlashSlash, start);
        return make(TokenKind::Slash, start);
      case '=':
        if (peek() == '=') return ++pos_, make(TokenKind::EqualEqual, start);
        source_.fail_parse(start, "unexpected '=' (use '==' or Eq(a, b) for equality)");
      case '!':
        if (peek() == '=') return ++pos_, make(TokenKind::NotEqual, start);
        source_.fail_parse(start, "unexpected '!' (use '!=' or Ne(a, b))");
      case '<':
        if (peek() == '=') return ++pos_, make(TokenKind::LessEqual, start);
        return make(TokenKind::Less, start);
      case '>':
        if (peek() == '=') return ++pos_, make(TokenKind::GreaterEqual, start);
        return make(TokenKind::Greater, start);
      default:
        break;
    }
    // Report a whole UTF-8 sequence rather than its first byte.
    size_t end = pos_;
    if (static_cast<unsigned char>(c) >= 0x80) {
      while (end < text_.size() && (static_cast<unsigned char>(text_[end]) & 0xC0) == 0x80) ++end;
    }
    source_.fail_parse(start, "unexpected character " + quote_for_message(text_.substr(start, end - start)));
  }

  // Integers are digits only; anything that makes a Python float (a '.', an
  // exponent) becomes a Float token so that the parser can reject it by name.
  Token number(size_t start) {
    bool is_float = false;
    while (is_digit(peek())) ++pos_;
    if (peek() == '.') {
      is_float = true;
      ++pos_;
      while (is_digit(peek())) ++pos_;
    }
    if ((peek() == 'e' || peek() == 'E') &&
        (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
      is_float = true;
      pos_ += 2;
      while (is_digit(peek())) ++pos_;
    }
    return make(is_float ? TokenKind::Float : TokenKind::Integer, start);
  }

  Token string_literal(size_t start) {
    char quote = text_[pos_++];
    while (pos_ < text_.size() && text_[pos_] != quote && text_[pos_] != '\n') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      ++pos_;
    }
    if (pos_ >= text_.size() || text_[pos_] != quote) source_.fail_parse(start, "unterminated string literal");
    ++pos_;
    return make(TokenKind::String, start);
  }

  const SourceText& source_;
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

std::vector<Token> tokenize(const SourceText& source) { return Lexer(source).run(); }

std::string describe(const Token& token) {
  if (token.kind == TokenKind::End) return "end of input";
  return quote_for_message(token.text);
}

}  // namespace symshape::detail
