#include "parse_diagnostics.hpp"

#include <algorithm>
#include <cstdio>

#include "symshape/symbolic/errors.hpp"

namespace symshape::detail {

SourceText::Location SourceText::locate(size_t offset) const {
  offset = std::min(offset, text_.size());
  int line = first_line_;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text_[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(offset - line_start) + 1};
}

std::string SourceText::format(size_t offset, std::string_view message) const {
  offset = std::min(offset, text_.size());
  Location loc = locate(offset);
  size_t newline_before = text_.substr(0, offset).rfind('\n');
  size_t line_start = newline_before == std::string_view::npos ? 0 : newline_before + 1;
  size_t line_end = text_.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = text_.size();
  std::string_view line_text = text_.substr(line_start, line_end - line_start);
  if (!line_text.empty() && line_text.back() == '\r') line_text.remove_suffix(1);

  std::string out = std::to_string(loc.line) + ":" + std::to_string(loc.column) + ": ";
  out += message;
  out += '\n';
  out += line_text;
  out += '\n';
  // Tabs are copied so the caret lines up in a terminal that expands them.
  for (size_t i = line_start; i < offset; ++i) out += text_[i] == '\t' ? '\t' : ' ';
  out += '^';
  return out;
}

void SourceText::fail_parse(size_t offset, std::string_view message) const {
  Location loc = locate(offset);
  throw ParseError(format(offset, message), std::string(message), loc.line, loc.column);
}

void SourceText::fail_overflow(size_t offset, std::string_view message) const {
  throw OverflowError(format(offset, message));
}

void SourceText::fail_unsupported(size_t offset, std::string_view message) const {
  throw UnsupportedError(format(offset, message));
}

void SourceText::fail_division_by_zero(size_t offset, std::string_view message) const {
  throw DivisionByZeroError(format(offset, message));
}

std::string quote_for_message(std::string_view text) {
  bool printable = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
  if (printable) return "'" + std::string(text) + "'";
  std::string out = "byte";
  char buf[8];
  for (char c : text) {
    std::snprintf(buf, sizeof buf, " 0x%02x", static_cast<unsigned char>(c));
    out += buf;
  }
  return out;
}

}  // namespace symshape::detail
