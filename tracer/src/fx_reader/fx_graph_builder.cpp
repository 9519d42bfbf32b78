#include "fx_reader/fx_graph_builder.hpp"

#include <array>
#include <span>
#include <unordered_set>
#include <optional>
#include <utility>

#include "fx_reader/fx_arguments.hpp"
#include "symshape/tracer/annotation.hpp"

namespace symshape::tracer::fx {
namespace {

// Python's operators as the `operator` module names them (FX prints
// `add = sym_size_int + 1` for operator.add).
struct OperatorName {
  std::string_view symbol;
  std::string_view name;
};
constexpr std::array<OperatorName, 18> kBinaryOperators{{
    {"+", "add"},     {"-", "sub"},     {"*", "mul"},     {"/", "truediv"}, {"//", "floordiv"}, {"%", "mod"},
    {"**", "pow"},    {"==", "eq"},     {"!=", "ne"},     {"<", "lt"},      {"<=", "le"},       {">", "gt"},
    {">=", "ge"},     {"&", "and_"},    {"|", "or_"},     {"^", "xor"},     {"<<", "lshift"},   {">>", "rshift"},
}};
constexpr std::array<OperatorName, 4> kUnaryOperators{{{"-", "neg"}, {"+", "pos"}, {"~", "invert"}, {"not", "not_"}}};

std::string operator_target(const std::string& symbol, bool unary) {
  for (const OperatorName& op : unary ? std::span<const OperatorName>(kUnaryOperators)
                                      : std::span<const OperatorName>(kBinaryOperators)) {
    if (op.symbol == symbol) return "operator." + std::string(op.name);
  }
  return "operator." + symbol;  // `@`: not reached in FX text; kept exact
}

bool is_call_of(const PyExpr& e, std::string_view function) {
  return e.kind == PyExpr::Kind::Call && e.items[0].kind == PyExpr::Kind::Name &&
         (e.items[0].text == function || e.items[0].text.ends_with("." + std::string(function)));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The location `offset` bytes into an annotation that starts at `at`.
Location advance(Location at, std::string_view text, size_t offset) {
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    ++at.offset;
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return at;
}

class Builder {
 public:
  explicit Builder(const std::string& file) : file_(file) {}

  void add(const Statement& s) {
    switch (s.kind) {
      case Statement::Kind::Blank:
        comment_.clear();
        return;
      case Statement::Kind::Comment:
        if (graph_) note_comment(s.text);
        return;
      case Statement::Kind::Import:
        return;
      case Statement::Kind::Banner:
        close_def();
        close_class();
        skip_.reset();
        return;
      default:
        break;
    }
    if (skip_ && s.indent > *skip_) return;  // the body of something reported already
    skip_.reset();
    if (s.kind == Statement::Kind::Invalid && s.name != "class" && s.name != "def") {
      invalid(s);  // a broken line says nothing about where the graph ends
      return;
    }
    if (graph_ && s.indent <= def_indent_) close_def();
    if (in_class_ && s.indent <= class_indent_) close_class();
    switch (s.kind) {
      case Statement::Kind::Class:
        open_class(s);
        return;
      case Statement::Kind::Def:
        open_def(s);
        return;
      case Statement::Kind::Invalid:
        invalid(s);
        return;
      default:
        break;
    }
    if (!graph_ && s.kind == Statement::Kind::Pass) return;
    if (!graph_) {
      fail(s.at, in_class_ ? "a statement in a class body outside forward() is not supported"
                           : "a statement outside a graph: expected 'class', 'def' or 'import'");
      return;
    }
    body(s);
  }

  BuiltGraphs finish() {
    close_def();
    close_class();
    return std::move(out_);
  }

 private:
  void fail(const Location& at, std::string message) { out_.errors.push_back(SyntaxError{at, std::move(message)}); }

  // A `# File: ...` comment names the source of the nodes after it, up to the
  // next blank line or comment; "# No stacktrace found ..." says there is none.
  void note_comment(std::string_view text) {
    std::string_view t = trim(text);
    if (t.starts_with("File:")) {
      comment_ = std::string(t);
    } else if (t.starts_with("No stacktrace found")) {
      comment_.clear();
    }
  }

  // --- structure ---------------------------------------------------------------
  void open_class(const Statement& s) {
    if (graph_ || in_class_) {
      fail(s.name_at, "nested class '" + s.name +
                          "' is not supported: a submodule's graph is not read (one flat graph per class)");
      skip_ = s.indent;
      return;
    }
    in_class_ = true;
    class_has_graph_ = false;
    class_indent_ = s.indent;
    class_name_ = s.name;
    class_at_ = s.name_at;
  }

  void close_class() {
    if (!in_class_) return;
    if (!class_has_graph_) fail(class_at_, "class '" + class_name_ + "' has no forward() method");
    in_class_ = false;
  }

  void open_def(const Statement& s) {
    if (graph_) {
      fail(s.name_at, "nested function '" + s.name + "' is not supported");
      skip_ = s.indent;
      return;
    }
    if (in_class_ && class_has_graph_) {
      fail(s.name_at, "method '" + s.name + "' is not supported: a graph class has one forward()");
      skip_ = s.indent;
      return;
    }
    graph_.emplace();
    graph_->name = in_class_ ? class_name_ : s.name;
    graph_->file = file_;
    class_has_graph_ = true;
    def_indent_ = s.indent;
    def_at_ = s.name_at;
    params_ = s.params;
    if (!params_.empty() && params_.front().name == "self") params_.erase(params_.begin());
    params_placed_ = false;
    returned_ = false;
    names_ = NameTable{};
    containers_.clear();
    comment_.clear();
  }

  void close_def() {
    if (!graph_) return;
    if (!returned_) {
      fail(def_at_, "forward() of '" + graph_->name + "' ends without a return statement");
    }
    out_.graphs.push_back(std::move(*graph_));
    graph_.reset();
  }

  // A statement with a syntax error. A failed `class`/`def` header takes its
  // body with it; a failed node statement marks its name, so that the nodes
  // using it are skipped quietly instead of repeating the error.
  void invalid(const Statement& s) {
    if (s.name == "class" || s.name == "def") {
      if (s.name == "def" && in_class_) class_has_graph_ = true;
      skip_ = s.indent;
      return;
    }
    if (graph_ && !s.name.empty()) names_.failed.insert(s.name);
  }

  // --- body ---------------------------------------------------------------------
  void body(const Statement& s) {
    if (returned_ && s.kind != Statement::Kind::Pass) {
      fail(s.at, "a statement after return");
      return;
    }
    switch (s.kind) {
      case Statement::Kind::Declare:
        declare(s.name, s.name_at, s.annotation);
        return;
      case Statement::Kind::Assign:
        assign(s);
        return;
      case Statement::Kind::Return:
        place_params();
        output(s);
        return;
      default:
        return;
    }
  }

  // The signature's parameters are the placeholders, unless the body flattens
  // them (`fx_pytree.tree_flatten_spec([primals, tangents], ...)`): then they
  // are containers and the flattened names are the placeholders.
  void place_params() {
    if (params_placed_) return;
    params_placed_ = true;
    for (const Param& p : params_) declare(p.name, p.at, p.annotation);
  }

  bool taken(const std::string& name, const Location& at) {
    auto it = names_.nodes.find(name);
    if (it == names_.nodes.end()) return false;
    const SourceSpan& first = graph_->nodes[it->second].span;
    fail(at, "'" + name + "' is already defined at " + std::to_string(first.line) + ":" +
                 std::to_string(first.column));
    return true;
  }

  size_t add_node(Node node) {
    size_t index = graph_->nodes.size();
    names_.nodes.emplace(node.name, index);
    names_.failed.erase(node.name);
    graph_->nodes.push_back(std::move(node));
    return index;
  }

  void declare(const std::string& name, const Location& at, const std::optional<AnnotationText>& annotation) {
    if (taken(name, at)) return;
    Node node;
    node.name = name;
    node.op = NodeOp::Placeholder;
    node.span = span_of(at, file_);
    node.annotation = annotate(annotation);
    add_node(std::move(node));
  }

  std::optional<Annotation> annotate(const std::optional<AnnotationText>& text) {
    if (!text) return std::nullopt;
    Annotation a;
    a.raw = text->text;
    a.span = span_of(text->at, file_);
    AnnotationParse parsed = parse_annotation(text->text);
    if (parsed.error) {
      fail(advance(text->at, text->text, parsed.error->offset), parsed.error->message);
    } else {
      a.parsed = std::move(parsed.value);
    }
    return a;
  }

  void assign(const Statement& s) {
    const PyExpr& value = *s.value;
    if (is_call_of(value, "tree_flatten_spec")) {
      flatten(s);
      return;
    }
    if (value.kind == PyExpr::Kind::Name && value.text == "None" && !s.annotation) {
      clean_up(s);
      return;
    }
    place_params();
    const PyExpr& target = s.targets.front();
    if (s.targets.size() != 1 || target.kind != PyExpr::Kind::Name || target.text.find('.') != std::string::npos) {
      fail(target.at, "expected one node name before '='");
      return;
    }
    if (taken(target.text, target.at)) return;
    try {
      Node node = call_node(value);
      node.name = target.text;
      node.span = span_of(target.at, file_);
      node.source_comment = comment_;
      node.annotation = annotate(s.annotation);
      add_node(std::move(node));
    } catch (const BuildError& e) {
      if (!e.silent) fail(e.at, e.message);
      names_.failed.insert(target.text);
    }
  }

  // `primals_1, primals_2, = fx_pytree.tree_flatten_spec([primals, tangents], self._in_spec)`
  void flatten(const Statement& s) {
    if (params_placed_) {
      fail(s.at, "tree_flatten_spec after the graph's first node");
      return;
    }
    params_placed_ = true;  // the signature's parameters are containers
    for (const Param& p : params_) containers_.insert(p.name);
    const PyExpr& target = s.targets.front();
    std::vector<const PyExpr*> names;
    if (target.kind == PyExpr::Kind::Tuple) {
      for (const PyExpr& item : target.items) names.push_back(&item);
    } else {
      names.push_back(&target);
    }
    for (const PyExpr* name : names) {
      if (name->kind != PyExpr::Kind::Name) {
        fail(name->at, "expected a placeholder name");
      } else if (!names_.nodes.contains(name->text)) {
        declare(name->text, name->at, std::nullopt);
      }
    }
  }

  // `a = b = None`: the dump frees values; the graph does not change.
  void clean_up(const Statement& s) {
    for (const PyExpr& t : s.targets) {
      bool known = t.kind == PyExpr::Kind::Name &&
                   (names_.nodes.contains(t.text) || names_.failed.contains(t.text) || containers_.contains(t.text));
      if (!known) fail(t.at, "clean-up of unknown name '" + t.text + "'");
    }
  }

  Node call_node(const PyExpr& value) {
    Node node;
    node.op = NodeOp::CallFunction;
    switch (value.kind) {
      case PyExpr::Kind::Call: {
        const PyExpr& callee = value.items[0];
        if (callee.kind != PyExpr::Kind::Name) throw BuildError{callee.at, "expected the name of a function to call"};
        if (callee.text.starts_with("self.")) {
          throw BuildError{callee.at, "call of submodule '" + callee.text + "' is not supported: its graph is not read"};
        }
        node.target = callee.text.starts_with("torch.ops.") ? callee.text.substr(10) : callee.text;
        for (size_t i = 1; i < value.items.size(); ++i) {
          Argument a = to_argument(value.items[i], names_, file_);
          const std::string& keyword = value.keywords[i - 1];
          if (keyword.empty()) {
            if (!node.kwargs.empty()) throw BuildError{value.items[i].at, "a positional argument after keyword arguments"};
            node.args.push_back(std::move(a));
          } else {
            node.kwargs.emplace_back(keyword, std::move(a));
          }
        }
        return node;
      }
      case PyExpr::Kind::Subscript:
        node.target = "operator.getitem";
        node.args.push_back(node_argument(value.items[0]));
        node.args.push_back(to_argument(value.items[1], names_, file_));
        return node;
      case PyExpr::Kind::Binary:
        node.target = operator_target(value.text, false);
        node.args.push_back(to_argument(value.items[0], names_, file_));
        node.args.push_back(to_argument(value.items[1], names_, file_));
        return node;
      case PyExpr::Kind::Unary:
        if (value.items[0].kind != PyExpr::Kind::Name) break;
        node.target = operator_target(value.text, true);
        node.args.push_back(node_argument(value.items[0]));
        return node;
      case PyExpr::Kind::Name:
        if (value.text.starts_with("self.")) {
          throw BuildError{value.at, "get_attr constant '" + value.text +
                                         "' is not supported: its value is not in the text"};
        }
        break;
      default:
        break;
    }
    throw BuildError{value.at, "expected a call, an operator or a subscript after '='"};
  }

  Argument node_argument(const PyExpr& e) {
    Argument a = to_argument(e, names_, file_);
    if (!a.is(Argument::Kind::Node)) throw BuildError{e.at, "expected a node name"};
    return a;
  }

  void output(const Statement& s) {
    Node node;
    node.name = "output";
    node.op = NodeOp::Output;
    node.span = span_of(s.at, file_);
    node.source_comment = comment_;
    returned_ = true;
    try {
      if (!s.value) {
        node.args.push_back(Argument{});
        node.args.back().span = node.span;
      } else if (is_call_of(*s.value, "tree_unflatten")) {
        // `return pytree.tree_unflatten([mul_6, None, ...], self._out_spec)`
        if (s.value->items.size() < 2) throw BuildError{s.value->at, "tree_unflatten needs the list of outputs"};
        node.args.push_back(to_argument(s.value->items[1], names_, file_));
      } else {
        node.args.push_back(to_argument(*s.value, names_, file_));
      }
    } catch (const BuildError& e) {
      if (!e.silent) fail(e.at, e.message);
      return;
    }
    graph_->nodes.push_back(std::move(node));
  }

  const std::string& file_;
  BuiltGraphs out_;
  std::optional<int> skip_;  // statements indented deeper than this are skipped

  bool in_class_ = false;
  bool class_has_graph_ = false;
  int class_indent_ = 0;
  std::string class_name_;
  Location class_at_;

  std::optional<Graph> graph_;  // the forward() being read
  int def_indent_ = 0;
  Location def_at_;
  std::vector<Param> params_;
  bool params_placed_ = false;
  bool returned_ = false;
  NameTable names_;
  std::unordered_set<std::string> containers_;
  std::string comment_;
};

}  // namespace

BuiltGraphs build_graphs(const std::vector<Statement>& statements, const std::string& file) {
  Builder builder(file);
  for (const Statement& s : statements) builder.add(s);
  return builder.finish();
}

}  // namespace symshape::tracer::fx
