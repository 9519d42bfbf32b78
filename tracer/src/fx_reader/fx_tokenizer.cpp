#include "fx_reader/fx_tokenizer.hpp"

#include <array>
#include <string>

namespace symshape::tracer::fx {
namespace {

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

// Longest first, so `//` wins over `/`.
constexpr std::array<std::string_view, 13> kTwoCharOps{"**", "//", "==", "!=", "<=", ">=", "->",
                                                       "<<", ">>", ":=", "+=", "-=", "*="};
constexpr std::string_view kOneCharOps = "()[]{},:;=.+-*/%<>@~&|^!";

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : text_(text) {}

  std::vector<Token> run() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '\n') {
        push(TokenKind::Newline, pos_, pos_);
        ++pos_;
        line_start_ = pos_;
        ++line_;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        ++pos_;
      } else if (c == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
        pos_ += 2;  // explicit line joining: no Newline token
        line_start_ = pos_;
        ++line_;
      } else if (c == '#') {
        size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
        push(TokenKind::Comment, start, pos_, start + 1);
      } else if (is_name_start(c)) {
        size_t start = pos_;
        while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
        push(TokenKind::Name, start, pos_);
      } else if (is_digit(c) || (c == '.' && pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1]))) {
        number();
      } else if (c == '\'' || c == '"') {
        string(c);
      } else {
        op();
      }
    }
    push(TokenKind::End, pos_, pos_);
    return std::move(tokens_);
  }

 private:
  void push(TokenKind kind, size_t start, size_t end, size_t text_start = std::string_view::npos) {
    if (text_start == std::string_view::npos) text_start = start;
    Location at{start, line_, static_cast<int>(start - line_start_) + 1};
    tokens_.push_back(Token{kind, text_.substr(text_start, end - text_start), at, end});
  }

  // Python's decimal literals: 12, 1.5, .5, 1., 1e-06, 2.5E+3.
  void number() {
    size_t start = pos_;
    bool is_float = false;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '.') {
      is_float = true;
      ++pos_;
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      size_t exponent = pos_ + 1;
      if (exponent < text_.size() && (text_[exponent] == '+' || text_[exponent] == '-')) ++exponent;
      if (exponent < text_.size() && is_digit(text_[exponent])) {
        is_float = true;
        pos_ = exponent;
        while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
      }
    }
    push(is_float ? TokenKind::Float : TokenKind::Int, start, pos_);
  }

  // A string ends at its closing quote on the same line; a backslash escapes
  // the next byte. An open string is Invalid from its quote to the line end.
  void string(char quote) {
    size_t start = pos_++;
    while (pos_ < text_.size() && text_[pos_] != quote && text_[pos_] != '\n') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] != '\n') ++pos_;
      ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] == quote) {
      push(TokenKind::String, start, pos_, start + 1);
      tokens_.back().end = ++pos_;
      return;
    }
    push(TokenKind::Invalid, start, pos_);
  }

  void op() {
    std::string_view rest = text_.substr(pos_);
    for (std::string_view two : kTwoCharOps) {
      if (rest.starts_with(two)) {
        push(TokenKind::Op, pos_, pos_ + 2);
        pos_ += 2;
        return;
      }
    }
    bool known = kOneCharOps.find(rest[0]) != std::string_view::npos;
    push(known ? TokenKind::Op : TokenKind::Invalid, pos_, pos_ + 1);
    ++pos_;
  }

  std::string_view text_;
  size_t pos_ = 0;
  size_t line_start_ = 0;
  int line_ = 1;
  std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> tokenize(std::string_view text) { return Tokenizer(text).run(); }

std::string describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::End:
      return "end of input";
    case TokenKind::Newline:
      return "end of line";
    case TokenKind::Comment:
      return "a comment";
    default:
      break;
  }
  std::string shown;
  for (char c : token.text.substr(0, 40)) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) {
      shown += c;
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      shown += "\\x";
      shown += kHex[u >> 4];
      shown += kHex[u & 15];
    }
  }
  if (token.text.size() > 40) shown += "...";
  if (token.kind == TokenKind::String) return "'\"" + shown + "\"'";
  return "'" + shown + "'";
}

}  // namespace symshape::tracer::fx
