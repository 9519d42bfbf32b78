// check_annotations(): each annotated node's computed value against the
// annotation, expression by expression (see check.hpp).
#include "symshape/tracer/check.hpp"

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape::tracer {
namespace {

class Checker {
 public:
  Checker(const Graph& graph, PropagateResult& result, ShapeEnv& env) : graph_(graph), r_(result), env_(env) {}

  CheckResult run() {
    for (size_t i = 0; i < graph_.nodes.size(); ++i) {
      const Node& node = graph_.nodes[i];
      if (!node.annotation || std::holds_alternative<std::monostate>(node.annotation->parsed)) continue;
      if (!r_.computed[i]) {
        ++out_.unchecked;
        continue;
      }
      node_ = i;
      if (const auto* t = std::get_if<TensorAnnotation>(&node.annotation->parsed)) {
        check_tensor(*t, r_.values[i]);
      } else {
        check_sym(std::get<SymAnnotation>(node.annotation->parsed), r_.values[i]);
      }
    }
    return std::move(out_);
  }

 private:
  void mismatch(std::string what, std::string expected, std::string computed) {
    out_.mismatches.push_back({node_, std::move(what), std::move(expected), std::move(computed), {}, {}, {}, {}});
  }

  // `annotated` in the graph's names, `computed` in the env's.
  void expr_mismatch(std::string what, Expr annotated, Expr expected, Expr computed) {
    const Expr computed_in_graph = r_.symbols.to_graph(computed);
    out_.mismatches.push_back({node_, std::move(what), to_sympy(annotated), to_sympy(computed_in_graph), annotated,
                               computed_in_graph, at_hints(expected), at_hints(computed)});
  }

  void kind_mismatch(const char* expected, const Value& v) {
    mismatch("kind", expected, value_kind_name(v.kind()));
  }

  std::optional<int64_t> at_hints(Expr e) const {
    try {
      return env_.size_hint(e);
    } catch (const Error&) {
      return std::nullopt;  // unbacked, or a symbol the env does not know
    }
  }

  // The annotation's expression in env terms; an unbound plain symbol is
  // bound to what was computed (an unbacked symbol a node created).
  Expr expected_in_env(Expr annotated, Expr computed) {
    if (annotated.is_symbol() && !r_.symbols.is_bound(annotated)) r_.symbols.bind(annotated, computed);
    return r_.symbols.to_env(annotated);
  }

  bool same_int(Expr expected, Expr computed) {
    if (expected == computed) return true;
    const auto e = at_hints(expected), c = at_hints(computed);
    if (e && c && *e != *c) return false;
    if (env_.simplify(expected) == env_.simplify(computed)) return true;
    return env_.statically_known_true(eq(expected, computed));
  }

  void compare_int(const std::string& what, Expr annotated, Expr computed) {
    const Expr expected = expected_in_env(annotated, computed);
    if (same_int(expected, computed)) return;
    expr_mismatch(what, annotated, expected, computed);
  }

  // Python's `/` of SymInts is a SymFloat that sympy may print as an integer
  // (`Sym(s3)` for `s3 / 1`): equal when annotated * denominator == numerator.
  void compare_float(Expr annotated, const SymFloat& f) {
    const Expr expected = r_.symbols.to_env(annotated);
    if (same_int(mul(expected, f.denominator), f.numerator)) return;
    mismatch("value", to_sympy(annotated),
             "(" + to_sympy(r_.symbols.to_graph(f.numerator)) + ")/(" +
                 to_sympy(r_.symbols.to_graph(f.denominator)) + ")");
  }

  void check_tensor(const TensorAnnotation& a, const Value& v) {
    ++out_.nodes;
    if (!v.is(Value::Kind::Tensor)) return kind_mismatch("Tensor", v);
    const FakeTensor& t = v.as_tensor();
    if (a.dtype != t.dtype) mismatch("dtype", short_name(a.dtype), short_name(t.dtype));
    if (a.device && !(*a.device == t.device)) mismatch("device", to_string(*a.device), to_string(t.device));
    if (a.sizes.size() != t.sizes.size()) {
      return mismatch("rank", std::to_string(a.sizes.size()), std::to_string(t.sizes.size()));
    }
    for (size_t d = 0; d < a.sizes.size(); ++d) compare_int("size[" + std::to_string(d) + "]", a.sizes[d], t.sizes[d]);
    if (!a.strides || a.strides->size() != t.strides.size()) return;
    for (size_t d = 0; d < t.strides.size(); ++d) {
      // A dimension of size 1 is never stepped over, so its stride does not
      // change the layout, and PyTorch versions print different values for it
      // (1.13 gives keepdim/broadcast dims stride 0, newer ones the running
      // product). Compare it only where the size is not known to be 1.
      if (env_.statically_known_true(eq(t.sizes[d], integer(1)))) continue;
      compare_int("stride[" + std::to_string(d) + "]", (*a.strides)[d], t.strides[d]);
    }
  }

  void check_sym(const SymAnnotation& a, const Value& v) {
    switch (a.kind) {
      case SymAnnotation::Kind::Float:
        // SymFloat annotations are text only (graph.hpp): nothing to compare.
        ++out_.unchecked;
        return;
      case SymAnnotation::Kind::Int:
        ++out_.nodes;
        if (v.is(Value::Kind::SymFloat)) return compare_float(a.value, v.as_sym_float());
        if (!v.is(Value::Kind::SymInt)) return kind_mismatch("SymInt", v);
        return compare_int("value", a.value, v.as_sym_int());
      case SymAnnotation::Kind::Bool: {
        ++out_.nodes;
        if (!v.is(Value::Kind::SymBool)) return kind_mismatch("SymBool", v);
        const Expr computed = v.as_sym_bool();
        const Expr expected = r_.symbols.to_env(a.value);
        // Equivalent under the facts: both true or both false at every point.
        const Expr both = logical_or(logical_and(expected, computed),
                                     logical_and(logical_not(expected), logical_not(computed)));
        if (expected == computed || env_.statically_known_true(both)) return;
        return expr_mismatch("value", a.value, expected, computed);
      }
    }
  }

  const Graph& graph_;
  PropagateResult& r_;
  ShapeEnv& env_;
  size_t node_ = 0;
  CheckResult out_;
};

}  // namespace

CheckResult check_annotations(const Graph& graph, PropagateResult& result, ShapeEnv& env) {
  return Checker(graph, result, env).run();
}

}  // namespace symshape::tracer
