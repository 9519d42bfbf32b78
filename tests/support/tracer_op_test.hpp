// Runs one op rule at a time, without the FX reader: a test builds the graph
// in code (placeholders holding given values, then call nodes), each call runs
// the builtin registry's rule for its target with a fresh OpContext on the
// harness's own ShapeEnv, and the test inspects the value and the guards.
//
//   OpHarness h;
//   Expr s0 = h.size("x.size()[0]", 8);
//   Argument x = h.tensor("x", {s0, integer(3)});
//   Value out = h.run("aten.mm.default", {x, w});
//   EXPECT_EQ(show(out.as_tensor().sizes), "[s0, 5]");
//   EXPECT_EQ(h.guards_of(h.last()).size(), 0u);
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "symshape/engine/shape_env.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/fake_tensor.hpp"
#include "symshape/tracer/graph.hpp"
#include "symshape/tracer/op_registry.hpp"
#include "symshape/tracer/strides.hpp"

namespace symshape::tracer::testing {

// --- argument builders -------------------------------------------------------
inline Argument arg_none() { return Argument{}; }
inline Argument arg_int(int64_t v) {
  Argument a;
  a.kind = Argument::Kind::Int;
  a.int_value = v;
  return a;
}
inline Argument arg_float(double v) {
  Argument a;
  a.kind = Argument::Kind::Float;
  a.float_value = v;
  return a;
}
inline Argument arg_bool(bool v) {
  Argument a;
  a.kind = Argument::Kind::Bool;
  a.bool_value = v;
  return a;
}
inline Argument arg_string(std::string s) {
  Argument a;
  a.kind = Argument::Kind::String;
  a.text = std::move(s);
  return a;
}
inline Argument arg_dtype(ScalarType t) {
  Argument a;
  a.kind = Argument::Kind::Dtype;
  a.dtype = t;
  return a;
}
inline Argument arg_device(std::string_view text) {
  Argument a;
  a.kind = Argument::Kind::Device;
  a.device = parse_device(text).value_or(Device{});
  return a;
}
inline Argument arg_memory_format(MemoryFormat m) {
  Argument a;
  a.kind = Argument::Kind::MemoryFormat;
  a.memory_format = m;
  return a;
}
inline Argument arg_list(std::vector<Argument> items) {
  Argument a;
  a.kind = Argument::Kind::List;
  a.items = std::move(items);
  return a;
}
inline Argument arg_ints(std::initializer_list<int64_t> values) {
  std::vector<Argument> items;
  for (int64_t v : values) items.push_back(arg_int(v));
  return arg_list(std::move(items));
}

// "[s0, 3]": sizes, strides or any Expr list in sympy form.
inline std::string show(const std::vector<Expr>& exprs) {
  std::string s = "[";
  for (size_t i = 0; i < exprs.size(); ++i) s += (i ? ", " : "") + to_sympy(exprs[i]);
  return s + "]";
}
inline Expr ex(std::string_view text) { return parse_expr(text); }

class OpHarness {
 public:
  explicit OpHarness(ShapeEnvOptions options = {}) : env(options) {
    graph.name = "test_graph";
    graph.file = "test.fx";
  }

  ShapeEnv env;
  Graph graph;
  std::vector<Value> values;  // values[i] is node i's value
  std::string stage = "test";

  // A backed size symbol (no duck sizing unless asked) for `source`.
  Expr size(std::string_view source, int64_t hint, DimPolicy policy = DimPolicy::Dynamic) {
    return env.create_symbol(hint, source, policy);
  }

  // A placeholder holding `v`; returns a reference to it.
  Argument input(std::string name, Value v) {
    Node n;
    n.name = std::move(name);
    n.op = NodeOp::Placeholder;
    return add_node(std::move(n), std::move(v));
  }
  // A contiguous tensor placeholder (strides simplified under the env's ranges).
  Argument tensor(std::string name, std::vector<Expr> sizes, ScalarType dtype = ScalarType::F32,
                  std::string_view device = "cpu") {
    std::vector<Expr> strides = contiguous_strides(sizes);
    for (Expr& s : strides) s = env.simplify(s);
    return strided(std::move(name), std::move(sizes), std::move(strides), dtype, device);
  }
  Argument strided(std::string name, std::vector<Expr> sizes, std::vector<Expr> strides,
                   ScalarType dtype = ScalarType::F32, std::string_view device = "cpu") {
    FakeTensor t;
    t.dtype = dtype;
    t.device = parse_device(device).value_or(Device{});
    t.sizes = std::move(sizes);
    t.strides = std::move(strides);
    t.storage_offset = integer(0);
    return input(std::move(name), Value::tensor(std::move(t)));
  }
  Argument sym(std::string name, Expr e) { return input(std::move(name), Value::sym_int(e)); }

  // Runs `target`'s rule on a new call node; the value is stored and returned.
  // Rule errors (OpError, ...) propagate; an unregistered target throws OpError.
  Value run(std::string target, std::vector<Argument> args,
            std::vector<std::pair<std::string, Argument>> kwargs = {}, std::string name = "") {
    Node n;
    n.name = name.empty() ? "node" + std::to_string(graph.nodes.size()) : std::move(name);
    n.op = NodeOp::CallFunction;
    n.target = std::move(target);
    n.args = std::move(args);
    n.kwargs = std::move(kwargs);
    n.span = SourceSpan{graph.file, static_cast<int>(graph.nodes.size()) + 1, 9};
    graph.nodes.push_back(std::move(n));
    const size_t index = graph.nodes.size() - 1;
    OpContext ctx(env, graph, index, values, stage);
    const ShapeRule rule = builtin_op_registry().find(graph.nodes[index].target);
    try {
      if (!rule) ctx.fail("no shape rule registered");
      Value v = rule(ctx);
      values.push_back(v);
      return v;
    } catch (...) {
      graph.nodes.pop_back();  // a failed node leaves no trace, so later indices stay in step
      throw;
    }
  }
  // A context for a new call node (its value is None), to test helpers such
  // as strides.hpp's functions or OpContext's accessors directly. Use it
  // before the next call on the harness (that may move `values`).
  OpContext context(std::string target = "test.probe", std::vector<Argument> args = {},
                    std::vector<std::pair<std::string, Argument>> kwargs = {}, std::string name = "") {
    Node n;
    n.name = name.empty() ? "node" + std::to_string(graph.nodes.size()) : std::move(name);
    n.target = std::move(target);
    n.args = std::move(args);
    n.kwargs = std::move(kwargs);
    add_node(std::move(n), Value::none());
    return OpContext(env, graph, graph.nodes.size() - 1, values, stage);
  }

  // `run` returning the tensor (throws if the rule made something else).
  FakeTensor run_tensor(std::string target, std::vector<Argument> args,
                        std::vector<std::pair<std::string, Argument>> kwargs = {}) {
    return run(std::move(target), std::move(args), std::move(kwargs)).as_tensor();
  }

  // A reference to node `index` (for chaining a run's output into the next).
  static Argument ref(size_t index) {
    Argument a;
    a.kind = Argument::Kind::Node;
    a.node = index;
    return a;
  }
  Argument last() const { return ref(graph.nodes.size() - 1); }
  const std::string& last_name() const { return graph.nodes.back().name; }

  // Guards and runtime assertions the node named `node_name` raised.
  std::vector<GuardRecord> guards_of(std::string_view node_name) const {
    std::vector<GuardRecord> out;
    for (const GuardRecord& g : env.recorded_guards())
      if (g.provenance.node == node_name) out.push_back(g);
    return out;
  }
  // The conditions of guards_of(node_name) in sympy form.
  std::vector<std::string> guard_texts(std::string_view node_name) const {
    std::vector<std::string> out;
    for (const GuardRecord& g : guards_of(node_name)) out.push_back(to_sympy(g.condition));
    return out;
  }

 private:
  Argument add_node(Node n, Value v) {
    n.span = SourceSpan{graph.file, static_cast<int>(graph.nodes.size()) + 1, 9};
    graph.nodes.push_back(std::move(n));
    values.push_back(std::move(v));
    return ref(graph.nodes.size() - 1);
  }
};

}  // namespace symshape::tracer::testing
