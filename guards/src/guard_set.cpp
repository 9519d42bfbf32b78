#include "symshape/guards/guard_set.hpp"

#include "symshape/symbolic/definedness.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {

std::string Guard::canonical_text() const { return to_syntax(expr, syntax); }

Guard Guard::from_parse(const ParseResult& parsed, std::string text, int line) {
  Guard g;
  g.expr = with_divisors_nonzero(parsed.expr, parsed.divisors);
  g.text = std::move(text);
  g.line = line;
  g.syntax = parsed.syntax;
  return g;
}

void GuardSet::add(Expr expr, Syntax syntax, int line) {
  Guard g;
  g.expr = expr;
  g.syntax = syntax;
  g.line = line != 0 ? line : static_cast<int>(guards_.size()) + 1;
  g.text = to_syntax(expr, syntax);
  guards_.push_back(std::move(g));
}

std::vector<Expr> GuardSet::exprs() const {
  std::vector<Expr> out;
  out.reserve(guards_.size());
  for (const Guard& g : guards_) out.push_back(g.expr);
  return out;
}

GuardSet GuardSet::parse_lines(const std::vector<std::string>& lines) {
  GuardSet set;
  int line = 0;
  for (const std::string& text : lines) {
    ++line;
    set.add(Guard::from_parse(parse(text, line), text, line));
  }
  return set;
}

}  // namespace symshape
