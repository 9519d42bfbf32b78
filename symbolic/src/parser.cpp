// Recursive descent over Python's expression grammar, with precedence climbing
// for the binary operators. Every node is built through the canonical
// constructors (build.hpp), so the result is canonical and equal texts give the
// same node whatever their spelling (sympy or Python infix).
//
// Precedence, lowest first (as in Python):
//   or < and < not < comparisons (chained) < | < & < + - < * // % < unary - + ~ < ** < atoms
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "lexer.hpp"
#include "parse_functions.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/parse.hpp"

namespace symshape {
namespace detail {
namespace {

// Deep enough for any real guard (Python's own parser stops at 200 nested
// parentheses), shallow enough that the recursion stays far from the stack
// limit: about 1 KB per level in an optimized build, several times that under
// AddressSanitizer, against the 1-8 MB stacks of threads.
constexpr uint32_t kMaxNesting = 256;
// The tree of a left-associative chain (s0 // s1 // s2 ...) nests without
// nesting the parser; it is bounded separately for later recursive passes.
constexpr uint32_t kMaxTreeDepth = 1000;

constexpr std::string_view kReservedWords[] = {
    "None", "if", "else", "elif", "in", "is", "lambda", "for", "while", "def", "return",
    "import", "from", "as", "with", "yield", "class", "pass", "del", "global", "assert"};

bool is_comparison(TokenKind k) {
  return k == TokenKind::EqualEqual || k == TokenKind::NotEqual || k == TokenKind::Less ||
         k == TokenKind::LessEqual || k == TokenKind::Greater || k == TokenKind::GreaterEqual;
}

// Binding strength of the binary operators handled by precedence climbing
// (0: not a binary operator at this level).
int binary_precedence(TokenKind k) {
  switch (k) {
    case TokenKind::Pipe: return 1;
    case TokenKind::Ampersand: return 2;
    case TokenKind::Plus:
    case TokenKind::Minus: return 3;
    case TokenKind::Star:
    case TokenKind::Slash:
    case TokenKind::SlashSlash:
    case TokenKind::Percent: return 4;
    default: return 0;
  }
}
constexpr int kLowestBinaryPrecedence = 1;

// zf0, zuf3: PyTorch's float symbols.
bool is_float_symbol_name(std::string_view name) {
  std::string_view digits;
  if (name.starts_with("zuf")) {
    digits = name.substr(3);
  } else if (name.starts_with("zf")) {
    digits = name.substr(2);
  } else {
    return false;
  }
  return !digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos;
}

class Parser {
 public:
  explicit Parser(const SourceText& source) : source_(source), tokens_(tokenize(source)) {}

  ParseResult run() {
    Operand result = expression();
    if (peek().kind != TokenKind::End) {
      fail_at_token(Failure::Parse, peek().offset, "unexpected ", peek(), " after a complete expression");
    }
    return {result.expr, uses_python_syntax_ ? Syntax::Python : Syntax::Sympy, std::move(divisors_)};
  }

 private:
  class DepthGuard {
   public:
    DepthGuard(Parser& parser, size_t offset) : parser_(parser) {
      if (parser_.depth_ >= kMaxNesting) parser_.fail_too_deep(offset, "more than", kMaxNesting);
      ++parser_.depth_;
    }
    ~DepthGuard() { --parser_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Parser& parser_;
  };

  const Token& peek(size_t ahead = 0) const {
    size_t i = next_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  const Token& advance() {
    const Token& t = peek();
    if (next_ + 1 < tokens_.size()) ++next_;
    return t;
  }
  bool is_keyword(const Token& t, std::string_view word) const {
    return t.kind == TokenKind::Identifier && t.text == word;
  }
  const Token& expect(TokenKind kind, std::string_view what) {
    if (peek().kind != kind) fail_expected(what);
    return advance();
  }
  // The message names where the parenthesis was opened; it is only built on
  // failure (locating a position scans the text).
  void expect_closing_paren(const Token& open, bool in_call) {
    if (peek().kind != TokenKind::RParen) fail_unclosed(open, in_call);
    advance();
  }

  // Error paths live in cold out-of-line functions: building a message inline
  // would put string temporaries in the frames of the recursive functions and
  // multiply the stack used per nesting level.
  enum class Failure { Parse, Unsupported };

  [[noreturn, gnu::cold, gnu::noinline]] void fail_at_token(Failure kind, size_t offset, std::string_view before,
                                                             const Token& token, std::string_view after) const {
    std::string message = std::string(before) + describe(token) + std::string(after);
    if (kind == Failure::Parse) source_.fail_parse(offset, message);
    source_.fail_unsupported(offset, message);
  }

  [[noreturn, gnu::cold, gnu::noinline]] void fail_expected(std::string_view what) const {
    fail_at_token(Failure::Parse, peek().offset, "expected " + std::string(what) + ", found ", peek(), "");
  }

  [[noreturn, gnu::cold, gnu::noinline]] void fail_unclosed(const Token& open, bool in_call) const {
    SourceText::Location loc = source_.locate(open.offset);
    fail_expected("')' to close the '(' at " + std::to_string(loc.line) + ":" + std::to_string(loc.column) +
                  (in_call ? " or ','" : ""));
  }

  [[noreturn, gnu::cold, gnu::noinline]] void fail_too_deep(size_t offset, std::string_view what,
                                                             uint32_t limit) const {
    source_.fail_parse(offset, "nesting too deep (" + std::string(what) + " " + std::to_string(limit) + " levels)");
  }

  Operand expression() {
    DepthGuard guard(*this, peek().offset);
    return disjunction();
  }

  // The recursive functions below keep their frames small: whatever needs
  // vectors or temporaries (operator chains, error messages) is in separate
  // out-of-line functions, so each nesting level costs little stack.

  // a or b or c: one n-ary node.
  Operand disjunction() {
    Operand first = conjunction();
    if (!is_keyword(peek(), "or")) return first;
    return connective_chain(first, "or");
  }

  Operand conjunction() {
    Operand first = negation();
    if (!is_keyword(peek(), "and")) return first;
    return connective_chain(first, "and");
  }

  [[gnu::noinline]] Operand connective_chain(const Operand& first, std::string_view word) {
    bool is_or = word == "or";
    uses_python_syntax_ = true;
    size_t op_offset = peek().offset;
    std::vector<Operand> operands{first};
    while (is_keyword(peek(), word)) {
      advance();
      operands.push_back(is_or ? conjunction() : negation());
    }
    // Types are checked once the syntax is known to be complete, so that a
    // truncated `s0 and` reports the missing operand.
    std::vector<Expr> parts;
    for (const Operand& o : operands) parts.push_back(checked_boolean(o, "operand of", word));
    return {build_at(source_, op_offset,
                     [&] {
                       std::span<const Expr> args(parts);
                       return is_or ? logical_or(args) : logical_and(args);
                     }),
            first.offset};
  }

  Operand negation() {
    if (!is_keyword(peek(), "not")) return comparison();
    uses_python_syntax_ = true;
    const Token& op = advance();
    DepthGuard guard(*this, op.offset);
    Operand operand = negation();
    return {logical_not_at(operand, op.offset), op.offset};
  }

  [[gnu::noinline]] Expr logical_not_at(const Operand& operand, size_t offset) {
    Expr condition = checked_boolean(operand, "operand of", "not");
    return build_at(source_, offset, [&] { return logical_not(condition); });
  }

  Operand comparison() {
    Operand left = binary(kLowestBinaryPrecedence);
    if (!is_comparison(peek().kind)) return left;
    return comparison_chain(left);
  }

  // Python chains comparisons: `2 <= x <= 10` is `2 <= x and x <= 10`.
  [[gnu::noinline]] Operand comparison_chain(Operand left) {
    size_t start = left.offset;
    std::vector<Expr> links;
    while (is_comparison(peek().kind)) {
      const Token& op = advance();
      if (op.kind == TokenKind::EqualEqual || op.kind == TokenKind::NotEqual) uses_python_syntax_ = true;
      Operand right = binary(kLowestBinaryPrecedence);
      require_integer(source_, left, "operand of", op.text);
      require_integer(source_, right, "operand of", op.text);
      links.push_back(build_at(source_, op.offset, [&] { return relation(op.kind, left.expr, right.expr); }));
      left = right;
    }
    if (links.size() == 1) return {links[0], start};
    return {build_at(source_, start, [&] { return logical_and(std::span<const Expr>(links)); }), start};
  }

  static Expr relation(TokenKind op, Expr a, Expr b) {
    switch (op) {
      case TokenKind::EqualEqual: return eq(a, b);
      case TokenKind::NotEqual: return ne(a, b);
      case TokenKind::Less: return lt(a, b);
      case TokenKind::LessEqual: return le(a, b);
      case TokenKind::Greater: return gt(a, b);
      default: return ge(a, b);
    }
  }

  // Precedence climbing: parses operators binding at least as tightly as
  // `min_precedence`; all of them are left-associative.
  Operand binary(int min_precedence) {
    Operand left = unary();
    for (;;) {
      const Token& op = peek();
      int precedence = binary_precedence(op.kind);
      if (precedence == 0 || precedence < min_precedence) return left;
      if (op.kind == TokenKind::Slash) {
        source_.fail_unsupported(op.offset, "true division '/' is not supported (use '//' for floor division)");
      }
      if (op.kind == TokenKind::Plus || op.kind == TokenKind::Minus || op.kind == TokenKind::Star) {
        left = operator_run(left);
        continue;
      }
      advance();
      Operand right = binary(precedence + 1);
      left = {combine(op, left, right), left.offset};
      // A left-associative chain (s0 // s1 // s2 // ...) nests its node without
      // nesting the parser: bound the tree too, for the recursive passes that
      // will walk it.
      if (left.expr.depth() > kMaxTreeDepth) fail_too_deep(op.offset, "expression deeper than", kMaxTreeDepth);
    }
  }

  // A run a + b - c + ... (or a * b * c ...) at one level becomes one n-ary
  // node: folding it pairwise re-sorts the whole sum at every step, which is
  // quadratic in the number of terms (a 32,000-term line took minutes). Where
  // the n-ary build raises (overflow), the pairwise fold runs instead, so the
  // error names the operator where it happens.
  [[gnu::noinline]] Operand operator_run(const Operand& first) {
    const bool additive = peek().kind != TokenKind::Star;
    const int precedence = binary_precedence(peek().kind);
    std::vector<const Token*> ops;
    std::vector<Operand> operands{first};
    while (additive ? (peek().kind == TokenKind::Plus || peek().kind == TokenKind::Minus)
                    : peek().kind == TokenKind::Star) {
      ops.push_back(&advance());
      operands.push_back(binary(precedence + 1));
    }
    for (size_t i = 0; i < operands.size(); ++i)
      require_integer(source_, operands[i], "operand of", ops[i == 0 ? 0 : i - 1]->text);
    Operand result = operands[0];
    try {
      std::vector<Expr> parts{operands[0].expr};
      for (size_t i = 0; i < ops.size(); ++i) {
        Expr e = operands[i + 1].expr;
        parts.push_back(ops[i]->kind == TokenKind::Minus ? neg(e) : e);
      }
      result.expr = additive ? add(std::span<const Expr>(parts)) : mul(std::span<const Expr>(parts));
    } catch (const Error&) {
      for (size_t i = 0; i < ops.size(); ++i) result.expr = combine(*ops[i], result, operands[i + 1]);
    }
    if (result.expr.depth() > kMaxTreeDepth) fail_too_deep(ops.back()->offset, "expression deeper than", kMaxTreeDepth);
    return result;
  }

  Expr combine(const Token& op, const Operand& left, const Operand& right) {
    if (op.kind == TokenKind::Pipe || op.kind == TokenKind::Ampersand) {
      Expr a = checked_boolean(left, "operand of", op.text);
      Expr b = checked_boolean(right, "operand of", op.text);
      return build_at(source_, op.offset,
                      [&] { return op.kind == TokenKind::Pipe ? logical_or(a, b) : logical_and(a, b); });
    }
    require_integer(source_, left, "operand of", op.text);
    require_integer(source_, right, "operand of", op.text);
    if (op.kind == TokenKind::Percent) uses_python_syntax_ = true;
    if (op.kind == TokenKind::SlashSlash || op.kind == TokenKind::Percent) note_divisor(right.expr);
    return build_at(source_, op.offset, [&] {
      switch (op.kind) {
        case TokenKind::Plus: return add(left.expr, right.expr);
        case TokenKind::Minus: return sub(left.expr, right.expr);
        case TokenKind::Star: return mul(left.expr, right.expr);
        case TokenKind::SlashSlash: return floordiv(left.expr, right.expr);
        default: return mod(left.expr, right.expr);
      }
    });
  }

  Operand unary() {
    const Token& op = peek();
    if (op.kind == TokenKind::Minus && peek(1).kind == TokenKind::Integer && peek(2).kind != TokenKind::StarStar) {
      // A negative literal is read as one number so that -9223372036854775808
      // (INT64_MIN, whose absolute value is not an int64) is representable.
      advance();
      return {integer_literal(advance(), /*negative=*/true), op.offset};
    }
    if (op.kind != TokenKind::Minus && op.kind != TokenKind::Plus && op.kind != TokenKind::Tilde) return power();
    advance();
    DepthGuard guard(*this, op.offset);
    Operand operand = unary();
    if (op.kind == TokenKind::Tilde) {
      // sympy prints Not(x) as ~x; on integers `~` would be bitwise.
      if (!operand.expr.is_boolean()) {
        source_.fail_unsupported(operand.offset,
                                 "an integer is used as a condition (operand of '~'; bitwise not of integers is "
                                 "not supported)");
      }
      return {build_at(source_, op.offset, [&] { return logical_not(operand.expr); }), op.offset};
    }
    require_integer(source_, operand, "operand of unary", op.text);
    if (op.kind == TokenKind::Plus) return {operand.expr, op.offset};
    return {build_at(source_, op.offset, [&] { return neg(operand.expr); }), op.offset};
  }

  // `**` is right-associative and binds tighter than a unary minus on its
  // left (-a**2 is -(a**2)) but not on its right (a**-1).
  Operand power() {
    Operand base = primary();
    if (peek().kind != TokenKind::StarStar) return base;
    const Token& op = advance();
    DepthGuard guard(*this, op.offset);
    Operand exponent = unary();
    return {build_power(source_, base, exponent), base.offset};
  }

  Operand primary() {
    const Token& t = peek();
    switch (t.kind) {
      case TokenKind::Integer:
        advance();
        return {integer_literal(t, /*negative=*/false), t.offset};
      case TokenKind::Float:
        fail_at_token(Failure::Unsupported, t.offset, "float literal ", t, " is not supported (only integers)");
      case TokenKind::LParen: {
        advance();
        Operand inner = expression();
        expect_closing_paren(t, /*in_call=*/false);
        return {inner.expr, t.offset};
      }
      case TokenKind::Identifier:
        return name_or_call();
      case TokenKind::End:
        source_.fail_parse(t.offset, "unexpected end of input, expected an expression");
      default:
        fail_at_token(Failure::Parse, t.offset, "unexpected ", t, ", expected an expression");
    }
  }

  Operand name_or_call() {
    const Token& name = advance();
    std::string_view text = name.text;
    if (text == "True") return {true_expr(), name.offset};
    if (text == "False") return {false_expr(), name.offset};
    if (text == "and" || text == "or" || text == "not") {
      fail_at_token(Failure::Parse, name.offset, "unexpected keyword ", name, ", expected an expression");
    }
    for (std::string_view word : kReservedWords) {
      if (text == word) fail_at_token(Failure::Parse, name.offset, "unexpected keyword ", name, "");
    }
    if (text == "oo" || text == "int_oo" || text == "zoo" || text == "nan") {
      fail_at_token(Failure::Unsupported, name.offset, "infinity and nan (", name, ") are not supported");
    }
    if (peek().kind == TokenKind::LParen) return call(name);
    if (peek().kind == TokenKind::Dot || peek().kind == TokenKind::LBracket) return source_symbol(name);
    if (is_float_symbol_name(text)) {
      fail_at_token(Failure::Unsupported, name.offset, "float symbol ", name, " is not supported (only integers)");
    }
    return {symbol(text), name.offset};
  }

  Operand call(const Token& name) {
    bool unsupported = false;
    const FunctionSpec* spec = find_function(name.text, unsupported);
    if (spec == nullptr) {
      if (unsupported) fail_at_token(Failure::Unsupported, name.offset, "function ", name, " is not supported");
      fail_at_token(Failure::Parse, name.offset, "unknown function ", name, "");
    }
    if (spec->python_only) uses_python_syntax_ = true;
    const Token& open = advance();
    std::vector<Operand> args;
    while (peek().kind != TokenKind::RParen) {
      args.push_back(expression());
      if (peek().kind != TokenKind::Comma) break;
      advance();  // a trailing comma is allowed, as in Python
    }
    expect_closing_paren(open, /*in_call=*/true);
    check_arity(*spec, name, args.size());
    for (const Operand& a : args) {
      if (spec->boolean_args) {
        require_boolean(source_, a, "argument of", name.text);
      } else {
        require_integer(source_, a, "argument of", name.text);
      }
    }
    Expr built = spec->build(source_, name.offset, args);
    for (size_t k : divisor_arguments(*spec)) note_divisor(args[k].expr);
    return {built, name.offset};
  }

  // Every divisor the text divides by, as built: the canonical constructors
  // may cancel one ((s0*s1)//s0 is s1), but the guard still raises where it
  // is zero (see definedness.hpp).
  void note_divisor(Expr d) {
    if (d.is_integer()) return;  // nonzero, or the constructor already threw
    if (std::find(divisors_.begin(), divisors_.end(), d) == divisors_.end()) divisors_.push_back(d);
  }

  void check_arity(const FunctionSpec& spec, const Token& name, size_t count) const {
    if (count < spec.min_args || count > spec.max_args) fail_arity(spec, name, count);
  }

  [[noreturn, gnu::cold, gnu::noinline]] void fail_arity(const FunctionSpec& spec, const Token& name,
                                                          size_t count) const {
    std::string expected = spec.min_args == spec.max_args ? std::to_string(spec.min_args)
                                                          : "at least " + std::to_string(spec.min_args);
    std::string noun = spec.min_args == 1 ? " argument" : " arguments";
    source_.fail_parse(name.offset, describe(name) + " takes " + expected + noun + ", got " + std::to_string(count));
  }

  // A source such as L['x'].size()[0] or x.size(0): a name followed by
  // subscripts with literals, attributes and method calls with literal
  // arguments. The symbol is named by the text without whitespace (outside
  // string literals), so each distinct source is one symbol that prints back
  // as it was written.
  Operand source_symbol(const Token& head) {
    uses_python_syntax_ = true;
    std::string name(head.text);
    for (;;) {
      if (peek().kind == TokenKind::LBracket) {
        advance();
        name += '[';
        name += source_literal("a string or integer subscript");
        expect(TokenKind::RBracket, "']'");
        name += ']';
      } else if (peek().kind == TokenKind::Dot) {
        advance();
        name += '.';
        name += expect(TokenKind::Identifier, "an attribute name after '.'").text;
        if (peek().kind == TokenKind::LParen) {
          advance();
          name += '(';
          while (peek().kind != TokenKind::RParen) {
            name += source_literal("a string or integer argument");
            if (peek().kind != TokenKind::Comma) break;
            advance();
            name += ',';
          }
          expect(TokenKind::RParen, "')' to close the method call");
          name += ')';
        }
      } else {
        return {symbol(name), head.offset};
      }
    }
  }

  std::string source_literal(std::string_view what) {
    const Token& t = peek();
    if (t.kind == TokenKind::String || t.kind == TokenKind::Integer) return std::string(advance().text);
    if (t.kind == TokenKind::Minus && peek(1).kind == TokenKind::Integer) {
      advance();
      return "-" + std::string(advance().text);
    }
    source_.fail_parse(t.offset, "expected " + std::string(what) + " in a source, found " + describe(t));
  }

  Expr integer_literal(const Token& t, bool negative) const {
    std::string_view digits = t.text;
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    // Compare as decimal strings: the literal may have any number of digits.
    std::string_view limit = negative ? "9223372036854775808" : "9223372036854775807";
    if (digits.size() > limit.size() || (digits.size() == limit.size() && digits > limit)) {
      source_.fail_overflow(t.offset, "integer literal " + std::string(negative ? "-" : "") + std::string(t.text) +
                                          " does not fit in a 64-bit integer");
    }
    // Accumulate negatively so that INT64_MIN needs no special case.
    int64_t value = 0;
    for (char c : digits) value = value * 10 - (c - '0');
    return integer(negative ? value : -value);
  }

  Expr checked_boolean(const Operand& operand, std::string_view role, std::string_view name) const {
    require_boolean(source_, operand, role, name);
    return operand.expr;
  }

  const SourceText& source_;
  std::vector<Token> tokens_;
  size_t next_ = 0;
  uint32_t depth_ = 0;
  bool uses_python_syntax_ = false;
  std::vector<Expr> divisors_;
};

}  // namespace
}  // namespace detail

ParseResult parse(std::string_view text, int line_number) {
  detail::SourceText source(text, line_number);
  return detail::Parser(source).run();
}

Expr parse_expr(std::string_view text, int line_number) { return parse(text, line_number).expr; }

}  // namespace symshape
