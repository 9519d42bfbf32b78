// Positions and error messages for the expression parser. Every error the
// parser raises names "LINE:COL" of the offending place and shows the line with
// a caret under it, whatever its type (ParseError for malformed text,
// OverflowError / UnsupportedError / DivisionByZeroError for text that is well
// formed but cannot be represented).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace symshape::detail {

class SourceText {
 public:
  // `first_line` is the line number of the text's first line in a larger input.
  SourceText(std::string_view text, int first_line) : text_(text), first_line_(first_line) {}

  std::string_view text() const { return text_; }

  // 1-based line and column of a byte offset (offset == size() is the end).
  struct Location {
    int line;
    int column;
  };
  Location locate(size_t offset) const;

  // "LINE:COL: message\n<the line>\n<caret under COL>".
  std::string format(size_t offset, std::string_view message) const;

  [[noreturn]] void fail_parse(size_t offset, std::string_view message) const;
  [[noreturn]] void fail_overflow(size_t offset, std::string_view message) const;
  [[noreturn]] void fail_unsupported(size_t offset, std::string_view message) const;
  [[noreturn]] void fail_division_by_zero(size_t offset, std::string_view message) const;

 private:
  std::string_view text_;
  int first_line_;
};

// Shows a token or character in a message: printable text quoted as 'x', other
// bytes as hex.
std::string quote_for_message(std::string_view text);

}  // namespace symshape::detail
