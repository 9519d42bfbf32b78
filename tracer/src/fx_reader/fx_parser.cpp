#include "fx_reader/fx_parser.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

namespace symshape::tracer::fx {
namespace {

// Thrown inside one statement and caught where the statement began.
struct Failure {
  SyntaxError error;
  bool in_brackets;  // the statement had an open bracket: it may span lines
};

// Binary operators from loosest to tightest; each level is left-associative.
// Comparisons do not chain in FX text, so they are one level like the others.
constexpr std::array<std::array<std::string_view, 6>, 7> kBinaryLevels{{
    {"==", "!=", "<", "<=", ">", ">="},
    {"|"},
    {"^"},
    {"&"},
    {"<<", ">>"},
    {"+", "-"},
    {"*", "/", "//", "%", "@"},
}};

int binary_level(const Token& t) {
  if (t.kind != TokenKind::Op) return -1;
  for (size_t level = 0; level < kBinaryLevels.size(); ++level) {
    for (std::string_view op : kBinaryLevels[level]) {
      if (!op.empty() && t.text == op) return static_cast<int>(level);
    }
  }
  return -1;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text), tokens_(tokenize(text)) {}

  ParsedText run() {
    while (raw().kind != TokenKind::End) {
      size_t start = pos_;
      open_statement_ = pos_;
      try {
        line();
      } catch (const Failure& failure) {
        out_.errors.push_back(failure.error);
        if (open_statement_ != kNone) invalid_statement(open_statement_);
        recover(start, failure.in_brackets);
      }
    }
    return std::move(out_);
  }

 private:
  // --- tokens -----------------------------------------------------------------
  const Token& raw() const { return tokens_[pos_]; }
  // Inside brackets, line ends and comments are layout only.
  const Token& peek() {
    if (nesting_ > 0) {
      while (raw().kind == TokenKind::Newline || raw().kind == TokenKind::Comment) ++pos_;
    }
    return raw();
  }
  const Token& peek_after() {
    peek();
    size_t next = pos_ + 1;
    while (next + 1 < tokens_.size() && nesting_ > 0 &&
           (tokens_[next].kind == TokenKind::Newline || tokens_[next].kind == TokenKind::Comment)) {
      ++next;
    }
    return tokens_[next < tokens_.size() ? next : tokens_.size() - 1];
  }
  const Token& advance() {
    const Token& t = peek();
    if (t.kind != TokenKind::End) ++pos_;
    return t;
  }
  bool accept_op(std::string_view op) {
    if (!peek().is_op(op)) return false;
    advance();
    return true;
  }
  const Token& expect_op(std::string_view op) {
    if (!peek().is_op(op)) fail_expected("'" + std::string(op) + "'");
    return advance();
  }
  const Token& expect_name(std::string_view what) {
    if (peek().kind != TokenKind::Name) fail_expected(what);
    return advance();
  }

  [[noreturn]] void fail(const Location& at, std::string message) {
    throw Failure{SyntaxError{at, std::move(message)}, nesting_ > 0};
  }
  [[noreturn]] void fail_expected(std::string_view what) {
    const Token& t = peek();
    if (t.kind == TokenKind::Invalid && (t.text.starts_with('\'') || t.text.starts_with('"'))) {
      fail(t.at, "unterminated string");
    }
    fail(t.at, "expected " + std::string(what) + ", got " + describe(t));
  }

  // --- lines and statements -----------------------------------------------------
  void line() {
    const Token& first = raw();
    Statement s;
    s.at = first.at;
    s.indent = first.at.column - 1;
    if (first.kind == TokenKind::Newline) {
      ++pos_;
      s.kind = Statement::Kind::Blank;
      out_.statements.push_back(std::move(s));
      open_statement_ = kNone;
      return;
    }
    if (first.kind == TokenKind::Comment) {
      s.kind = Statement::Kind::Comment;
      s.text = std::string(first.text);
      ++pos_;
      out_.statements.push_back(std::move(s));
      open_statement_ = kNone;
      end_of_line();
      return;
    }
    if (first.is_name("import") || first.is_name("from")) {
      skip_logical_line();
      s.kind = Statement::Kind::Import;
      out_.statements.push_back(std::move(s));
      open_statement_ = kNone;
      return;
    }
    if (first.is_op("==") || first.is_op("=") || is_traced_graph_header()) {  // `===== Forward graph 0 =====`
      while (raw().kind != TokenKind::Newline && raw().kind != TokenKind::End) ++pos_;
      s.kind = Statement::Kind::Banner;
      out_.statements.push_back(std::move(s));
      open_statement_ = kNone;
      end_of_line();
      return;
    }
    if (first.is_name("class") || skip_class_prefix()) {
      class_header(s);
      return;
    }
    if (first.is_name("def")) {
      def_header(s);
      return;
    }
    simple_statements(s);
  }

  // TORCH_LOGS=aot_graphs starts a dump with a line ending in `TRACED GRAPH`
  // (after the logger's prefix).
  bool is_traced_graph_header() const {
    size_t i = pos_;
    while (tokens_[i].kind != TokenKind::Newline && tokens_[i].kind != TokenKind::End) ++i;
    return i >= pos_ + 2 && tokens_[i - 2].is_name("TRACED") && tokens_[i - 1].is_name("GRAPH");
  }

  // Log dumps put the module's file before the class:
  // `<eval_with_key>.4 class GraphModule(torch.nn.Module):`. When a physical
  // line has `class NAME` after such a prefix (no `=` or `:` before it),
  // the prefix is skipped.
  bool skip_class_prefix() {
    for (size_t i = pos_; tokens_[i].kind != TokenKind::Newline && tokens_[i].kind != TokenKind::End; ++i) {
      const Token& t = tokens_[i];
      if (t.is_op("=") || t.is_op(":") || t.kind == TokenKind::Comment) return false;
      if (i > pos_ && t.is_name("class") &&
          (tokens_[i + 1].kind == TokenKind::Name || tokens_[i + 1].is_op("<"))) {
        pos_ = i;
        open_statement_ = i;
        return true;
      }
    }
    return false;
  }

  void class_header(Statement& s) {
    s.at = raw().at;
    advance();  // class
    s.kind = Statement::Kind::Class;
    s.name_at = peek().at;
    if (accept_op("<")) {  // class <lambda>
      s.name = "<" + std::string(expect_name("a class name").text) + ">";
      expect_op(">");
    } else {
      s.name = std::string(expect_name("a class name").text);
    }
    if (peek().is_op("(")) {
      Level nest = bracket(peek().at);
      advance();
      while (!peek().is_op(")")) {
        expression();
        if (!accept_op(",")) break;
      }
      expect_op(")");
    }
    expect_op(":");
    out_.statements.push_back(std::move(s));
    open_statement_ = kNone;
    end_of_line();
  }

  void def_header(Statement& s) {
    advance();  // def
    s.kind = Statement::Kind::Def;
    s.name_at = peek().at;
    s.name = std::string(expect_name("a function name").text);
    {
      Level nest = bracket(peek().at);
      expect_op("(");
      while (!peek().is_op(")")) {
        const Token& name = expect_name("a parameter name or ')'");
        Param p{std::string(name.text), name.at, std::nullopt};
        if (accept_op(":")) p.annotation = annotation(true);
        if (accept_op("=")) expression();  // a default value: not part of the graph
        s.params.push_back(std::move(p));
        if (!accept_op(",")) break;
      }
      expect_op(")");
    }
    if (accept_op("->")) expression();
    expect_op(":");
    out_.statements.push_back(std::move(s));
    open_statement_ = kNone;
    end_of_line();
  }

  // `a: "ann" = value;  b = c = None;` and the like, up to the line end.
  void simple_statements(Statement& first) {
    Statement s = std::move(first);
    for (;;) {
      open_statement_ = pos_;
      simple_statement(s);
      out_.statements.push_back(std::move(s));
      open_statement_ = kNone;
      if (!accept_op(";")) break;
      const Token& next = peek();
      if (next.kind == TokenKind::Newline || next.kind == TokenKind::Comment || next.kind == TokenKind::End) break;
      s = Statement{};
      s.at = next.at;
      s.indent = out_.statements.back().indent;
    }
    end_of_line();
  }

  void simple_statement(Statement& s) {
    if (peek().is_name("return")) {
      advance();
      s.kind = Statement::Kind::Return;
      if (starts_expression(peek())) s.value = expression_list();
      return;
    }
    if (peek().is_name("pass")) {
      advance();
      s.kind = Statement::Kind::Pass;
      return;
    }
    PyExpr target = expression_list();
    if (peek().is_op(":")) {
      if (target.kind != PyExpr::Kind::Name || target.text.find('.') != std::string::npos) {
        fail(peek().at, "an annotation needs a plain name before ':'");
      }
      advance();
      s.annotation = annotation(false);
      s.name = target.text;
      s.name_at = target.at;
      if (!accept_op("=")) {
        s.kind = Statement::Kind::Declare;
        return;
      }
      s.kind = Statement::Kind::Assign;
      s.targets.push_back(std::move(target));
      s.value = expression_list();
      return;
    }
    if (!peek().is_op("=")) fail_expected("'=' or ':'");
    s.kind = Statement::Kind::Assign;
    s.targets.push_back(std::move(target));
    while (accept_op("=")) {
      PyExpr next = expression_list();
      if (peek().is_op("=")) {
        s.targets.push_back(std::move(next));
      } else {
        s.value = std::move(next);
      }
    }
  }

  // A quoted annotation is the string's contents. An unquoted one (older
  // dumps: `arg0_1: f32[s0, 3]`) is the source text up to the `=`, `;`, line
  // end, or (in a parameter list) the `,` or `)` at bracket depth 0.
  AnnotationText annotation(bool in_params) {
    const Token& first = peek();
    if (first.kind == TokenKind::String) {
      advance();
      Location at = first.at;
      ++at.offset;
      ++at.column;
      return AnnotationText{std::string(first.text), at};
    }
    int depth = 0;
    size_t end = first.at.offset;
    for (;;) {
      const Token& t = raw();
      if (t.kind == TokenKind::Newline || t.kind == TokenKind::Comment || t.kind == TokenKind::End ||
          t.kind == TokenKind::Invalid) {
        break;
      }
      if (depth == 0 && (t.is_op("=") || t.is_op(";") || (in_params && t.is_op(",")))) break;
      if (t.is_op("(") || t.is_op("[") || t.is_op("{")) ++depth;
      if (t.is_op(")") || t.is_op("]") || t.is_op("}")) {
        if (depth == 0) break;
        --depth;
      }
      end = t.end;
      ++pos_;
    }
    if (end == first.at.offset) fail_expected("an annotation");
    return AnnotationText{std::string(text_.substr(first.at.offset, end - first.at.offset)), first.at};
  }

  void end_of_line() {
    if (raw().kind == TokenKind::Comment) ++pos_;  // a trailing comment says nothing to the graph
    if (raw().kind == TokenKind::End) return;
    if (raw().kind != TokenKind::Newline) fail_expected("end of line");
    ++pos_;
  }

  void skip_logical_line() {
    int depth = 0;
    for (;; ++pos_) {
      const Token& t = raw();
      if (t.kind == TokenKind::End) return;
      if (t.is_op("(") || t.is_op("[") || t.is_op("{")) ++depth;
      if ((t.is_op(")") || t.is_op("]") || t.is_op("}")) && depth > 0) --depth;
      if (t.kind == TokenKind::Newline && depth == 0) {
        ++pos_;
        return;
      }
    }
  }

  // --- expressions -------------------------------------------------------------
  // Counts one level of nesting, failing past kMaxNesting. Brackets and
  // calls count in `nesting_`, which also makes line ends layout while a
  // bracket is open; unary operators recurse without a bracket and count in
  // `depth_`.
  class Level {
   public:
    Level(Parser& parser, int& counter, const Location& at) : counter_(counter) {
      if (++counter_ > kMaxNesting) {
        parser.fail(at, "nesting deeper than " + std::to_string(kMaxNesting) + " levels");
      }
    }
    ~Level() { --counter_; }
    Level(const Level&) = delete;
    Level& operator=(const Level&) = delete;

   private:
    int& counter_;
  };
  Level bracket(const Location& at) { return Level(*this, nesting_, at); }
  Level recursion(const Location& at) { return Level(*this, depth_, at); }

  static bool starts_expression(const Token& t) {
    switch (t.kind) {
      case TokenKind::Name:
      case TokenKind::Int:
      case TokenKind::Float:
      case TokenKind::String:
        return true;
      case TokenKind::Op:
        return t.text == "(" || t.text == "[" || t.text == "-" || t.text == "+" || t.text == "~";
      default:
        return false;
    }
  }

  // `a, b,` without brackets is a tuple (targets of a flatten, `return a, b`).
  PyExpr expression_list() {
    PyExpr first = expression();
    if (!peek().is_op(",")) return first;
    PyExpr tuple{PyExpr::Kind::Tuple, "", first.at, {}, {}};
    tuple.items.push_back(std::move(first));
    while (accept_op(",")) {
      if (!starts_expression(peek())) break;
      tuple.items.push_back(expression());
    }
    return tuple;
  }

  PyExpr expression() {
    Level depth = recursion(peek().at);
    if (peek().is_name("not")) {
      const Token& op = advance();
      PyExpr e{PyExpr::Kind::Unary, "not", op.at, {}, {}};
      e.items.push_back(expression());
      return e;
    }
    return binary(0);
  }

  PyExpr binary(int min_level) {
    PyExpr lhs = min_level < static_cast<int>(kBinaryLevels.size()) ? binary(min_level + 1) : unary();
    if (min_level >= static_cast<int>(kBinaryLevels.size())) return lhs;
    while (binary_level(peek()) == min_level) {
      const Token& op = advance();
      PyExpr e{PyExpr::Kind::Binary, std::string(op.text), lhs.at, {}, {}};
      e.items.push_back(std::move(lhs));
      e.items.push_back(binary(min_level + 1));
      lhs = std::move(e);
    }
    return lhs;
  }

  PyExpr unary() {
    const Token& t = peek();
    if (t.is_op("-") || t.is_op("+") || t.is_op("~")) {
      Level depth = recursion(t.at);
      advance();
      PyExpr e{PyExpr::Kind::Unary, std::string(t.text), t.at, {}, {}};
      e.items.push_back(unary());
      return e;
    }
    PyExpr base = postfix();
    if (peek().is_op("**")) {  // binds tighter than unary minus on its left, looser on its right
      const Token& op = advance();
      Level depth = recursion(op.at);
      PyExpr e{PyExpr::Kind::Binary, "**", base.at, {}, {}};
      e.items.push_back(std::move(base));
      e.items.push_back(unary());
      return e;
    }
    return base;
  }

  PyExpr postfix() {
    PyExpr e = atom();
    for (;;) {
      const Token& t = peek();
      if (t.is_op(".")) {
        advance();
        const Token& attr = expect_name("an attribute name");
        if (e.kind != PyExpr::Kind::Name) fail(attr.at, "attribute access on an expression is not supported");
        e.text += ".";
        e.text += attr.text;
      } else if (t.is_op("(")) {
        e = call(std::move(e));
      } else if (t.is_op("[")) {
        Level nest = bracket(t.at);
        advance();
        PyExpr s{PyExpr::Kind::Subscript, "", e.at, {}, {}};
        s.items.push_back(std::move(e));
        s.items.push_back(expression_list());
        expect_op("]");
        e = std::move(s);
      } else {
        return e;
      }
    }
  }

  PyExpr call(PyExpr callee) {
    Level nest = bracket(peek().at);
    advance();  // (
    PyExpr c{PyExpr::Kind::Call, "", callee.at, {}, {}};
    c.items.push_back(std::move(callee));
    while (!peek().is_op(")")) {
      std::string keyword;
      if (peek().kind == TokenKind::Name && peek_after().is_op("=")) {
        keyword = std::string(advance().text);
        advance();  // =
      }
      c.items.push_back(expression());
      c.keywords.push_back(std::move(keyword));
      if (!accept_op(",")) break;
    }
    if (!peek().is_op(")")) fail_expected("',' or ')'");
    advance();
    return c;
  }

  PyExpr atom() {
    const Token& t = peek();
    switch (t.kind) {
      case TokenKind::Name:
        advance();
        return PyExpr{PyExpr::Kind::Name, std::string(t.text), t.at, {}, {}};
      case TokenKind::Int:
        advance();
        return PyExpr{PyExpr::Kind::Int, std::string(t.text), t.at, {}, {}};
      case TokenKind::Float:
        advance();
        return PyExpr{PyExpr::Kind::Float, std::string(t.text), t.at, {}, {}};
      case TokenKind::String:
        advance();
        return PyExpr{PyExpr::Kind::String, std::string(t.text), t.at, {}, {}};
      default:
        break;
    }
    if (t.is_op("(") || t.is_op("[")) return bracketed();
    fail_expected("an expression");
  }

  // `(a)`, `(a,)`, `()`, `[a, b]`, `[]`.
  PyExpr bracketed() {
    const Token& open = peek();
    bool is_list = open.is_op("[");
    std::string_view close = is_list ? "]" : ")";
    Level nest = bracket(open.at);
    advance();
    PyExpr e{is_list ? PyExpr::Kind::List : PyExpr::Kind::Tuple, "", open.at, {}, {}};
    bool comma = false;
    while (!peek().is_op(close)) {
      e.items.push_back(expression());
      comma = accept_op(",");
      if (!comma) break;
    }
    if (!peek().is_op(close)) fail_expected("',' or '" + std::string(close) + "'");
    advance();
    if (!is_list && e.items.size() == 1 && !comma) return std::move(e.items[0]);  // parentheses only
    return e;
  }

  // --- recovery ---------------------------------------------------------------
  void invalid_statement(size_t start) {
    Statement s;
    s.kind = Statement::Kind::Invalid;
    s.at = tokens_[start].at;
    s.indent = s.at.column - 1;
    if (tokens_[start].kind == TokenKind::Name) s.name = std::string(tokens_[start].text);
    out_.statements.push_back(std::move(s));
  }

  // Goes on at the next line. When the failed statement had a bracket open it
  // may go on over several lines: its continuation lines (indented deeper than
  // the statement, or starting with a closing bracket) are skipped, and the
  // first line that looks like the next statement is read, even when the
  // error was found on it (a missing `)` runs into the next statement).
  void recover(size_t start, bool in_brackets) {
    nesting_ = 0;
    depth_ = 0;
    int indent = tokens_[start].at.column - 1;
    size_t i = in_brackets ? start : std::max(start, pos_);
    for (; tokens_[i].kind != TokenKind::End; ++i) {
      if (tokens_[i].kind != TokenKind::Newline) continue;
      const Token& next = tokens_[i + 1];
      bool closer = next.is_op(")") || next.is_op("]") || next.is_op("}");
      bool continuation = in_brackets && next.kind != TokenKind::Newline && next.kind != TokenKind::End &&
                          next.kind != TokenKind::Comment && (next.at.column - 1 > indent || closer);
      if (!continuation) break;
    }
    pos_ = tokens_[i].kind == TokenKind::End ? i : i + 1;
  }

  static constexpr size_t kNone = static_cast<size_t>(-1);

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  // The first token of the statement being read; kNone once it is recorded.
  size_t open_statement_ = kNone;
  int nesting_ = 0;
  int depth_ = 0;
  ParsedText out_;
};

}  // namespace

ParsedText parse_statements(std::string_view text) { return Parser(text).run(); }

}  // namespace symshape::tracer::fx
