// A one-node graph for testing one op rule: placeholders with given values,
// one call node, and the rule from the builtin registry run on a fresh
// ShapeEnv. Used by the *_rules_test.cpp files of the conv/pool,
// normalization, indexing, backward, sym-node, unbacked and collective
// families.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "symshape/engine/shape_env.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/op_registry.hpp"
#include "symshape/tracer/strides.hpp"

namespace symshape::tracer::testing {

inline Argument none_arg() { return Argument{}; }
inline Argument int_arg(int64_t v) {
  Argument a;
  a.kind = Argument::Kind::Int;
  a.int_value = v;
  return a;
}
inline Argument float_arg(double v) {
  Argument a;
  a.kind = Argument::Kind::Float;
  a.float_value = v;
  return a;
}
inline Argument bool_arg(bool v) {
  Argument a;
  a.kind = Argument::Kind::Bool;
  a.bool_value = v;
  return a;
}
inline Argument str_arg(std::string v) {
  Argument a;
  a.kind = Argument::Kind::String;
  a.text = std::move(v);
  return a;
}
inline Argument dtype_arg(ScalarType t) {
  Argument a;
  a.kind = Argument::Kind::Dtype;
  a.dtype = t;
  return a;
}
inline Argument list_arg(std::vector<Argument> items) {
  Argument a;
  a.kind = Argument::Kind::List;
  a.items = std::move(items);
  return a;
}
inline Argument ints(std::vector<int64_t> values) {
  std::vector<Argument> items;
  for (int64_t v : values) items.push_back(int_arg(v));
  return list_arg(std::move(items));
}
inline Argument bools(std::vector<bool> values) {
  std::vector<Argument> items;
  for (bool v : values) items.push_back(bool_arg(v));
  return list_arg(std::move(items));
}

inline Expr E(std::string_view text) { return parse_expr(text); }
inline std::vector<Expr> Es(std::vector<std::string_view> texts) {
  std::vector<Expr> out;
  for (auto t : texts) out.push_back(parse_expr(t));
  return out;
}
inline std::string str(const std::vector<Expr>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + to_sympy(v[i]);
  return s + "]";
}

// A contiguous tensor of the given sizes (sympy text, e.g. "s0", "28").
inline FakeTensor tensor(std::vector<std::string_view> sizes, ScalarType dtype = ScalarType::F32,
                         std::string device = "cpu") {
  FakeTensor t;
  t.dtype = dtype;
  t.device.type = std::move(device);
  t.sizes = Es(std::move(sizes));
  t.strides = contiguous_strides(t.sizes);
  t.storage_offset = integer(0);
  return t;
}
inline FakeTensor channels_last(FakeTensor t) {
  t.strides = channels_last_strides(t.sizes);
  return t;
}

class RuleCase {
 public:
  // A symbol s<k> with this hint (fresh source per symbol, no duck sizing).
  Expr sym(int64_t hint) {
    return env.create_symbol(hint, "L['in'].size()[" + std::to_string(next_source_++) + "]", DimPolicy::Dynamic);
  }
  // A placeholder holding `v`; the returned Argument refers to it.
  Argument input(Value v) {
    Node n;
    n.name = "arg" + std::to_string(graph.nodes.size());
    n.op = NodeOp::Placeholder;
    graph.nodes.push_back(std::move(n));
    values.push_back(std::move(v));
    Argument a;
    a.kind = Argument::Kind::Node;
    a.node = graph.nodes.size() - 1;
    return a;
  }
  Argument input(FakeTensor t) { return input(Value::tensor(std::move(t))); }

  // Runs `target`'s rule on a new node `name`; throws what the rule throws.
  Value run(std::string target, std::vector<Argument> args,
            std::vector<std::pair<std::string, Argument>> kwargs = {}) {
    Node n;
    n.name = "node" + std::to_string(graph.nodes.size());
    n.target = target;
    n.args = std::move(args);
    n.kwargs = std::move(kwargs);
    graph.nodes.push_back(std::move(n));
    values.push_back(Value::none());
    ShapeRule rule = builtin_op_registry().find(target);
    if (rule == nullptr) throw std::runtime_error("no rule for " + target);
    OpContext ctx(env, graph, graph.nodes.size() - 1, values, "test");
    values.back() = rule(ctx);
    return values.back();
  }

  // The recorded guards and runtime assertions, as sympy text.
  std::vector<std::string> guards() const {
    std::vector<std::string> out;
    for (const auto& g : env.recorded_guards()) out.push_back(to_sympy(g.condition));
    return out;
  }

  ShapeEnv env;
  Graph graph;
  std::vector<Value> values;

 private:
  int next_source_ = 0;
};

// Sizes equal as expressions (canonical form), printed on failure.
inline void expect_sizes(const std::vector<Expr>& got, std::vector<std::string_view> want) {
  EXPECT_EQ(str(got), str(Es(std::move(want))));
}

}  // namespace symshape::tracer::testing
