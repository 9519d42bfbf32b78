// GuardSet: the raw guards of a trace as read from text, each with where it
// came from (input line, original text, surface syntax), so that every answer
// about a guard (kept, dropped, failed) can name the line the user wrote and
// print the guard back in the syntax the user used.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "symshape/symbolic/expr.hpp"
#include "symshape/symbolic/parse.hpp"

namespace symshape {

struct Guard {
  // The canonical condition, with `d != 0` conjoined for each divisor of the
  // text that canonicalization cancelled (`Eq((s0*s1)//s0, s1)` is
  // `Ne(s0, 0)`): it is false exactly where the text is false or raises.
  Expr expr;
  std::string text;               // the guard's text as extracted from its line (trimmed)
  int line = 0;                   // 1-based input line; 0 when built in code
  Syntax syntax = Syntax::Sympy;  // the syntax `text` used

  // The guard printed canonically in its input's syntax.
  std::string canonical_text() const;

  // The guard that `text` (parsed as `parsed`) at `line` states.
  static Guard from_parse(const ParseResult& parsed, std::string text, int line);
};

class GuardSet {
 public:
  GuardSet() = default;
  explicit GuardSet(std::vector<Guard> guards) : guards_(std::move(guards)) {}

  // Appends a guard built in code (line = size() + 1 unless given).
  void add(Expr expr, Syntax syntax = Syntax::Sympy, int line = 0);
  void add(Guard guard) { guards_.push_back(std::move(guard)); }

  size_t size() const { return guards_.size(); }
  bool empty() const { return guards_.empty(); }
  const Guard& operator[](size_t i) const { return guards_[i]; }
  const std::vector<Guard>& guards() const { return guards_; }
  auto begin() const { return guards_.begin(); }
  auto end() const { return guards_.end(); }

  // The expressions alone, in order.
  std::vector<Expr> exprs() const;

  // Parses one guard per string (line numbers 1, 2, ...). Throws the first
  // ParseError; for tolerant reading of user text use guard_reader.hpp.
  static GuardSet parse_lines(const std::vector<std::string>& lines);

 private:
  std::vector<Guard> guards_;
};

}  // namespace symshape
