// Small helpers for the FX reader tests.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <variant>

#include "symshape/symbolic/parse.hpp"
#include "symshape/tracer/fx_reader.hpp"

namespace symshape::tracer {

// Reads a text that must hold exactly one graph and no error.
inline Graph read_one(std::string_view text) {
  FxReadResult r = read_fx(text, "test.py");
  for (const FxDiagnostic& d : r.errors) ADD_FAILURE() << d.format();
  if (r.graphs.size() != 1) {
    ADD_FAILURE() << r.graphs.size() << " graphs";
    return Graph{};
  }
  return r.graphs[0];
}

// Positional arguments, each a node name or an int literal.
inline void expect_node_args(const Graph& g, const Node& n, std::initializer_list<std::string> expected) {
  ASSERT_EQ(n.args.size(), expected.size()) << n.name;
  size_t i = 0;
  for (const std::string& e : expected) {
    const Argument& a = n.args[i++];
    if (a.is(Argument::Kind::Node)) {
      EXPECT_EQ(g.nodes[a.node].name, e) << n.name << " argument " << i - 1;
    } else {
      ASSERT_EQ(a.kind, Argument::Kind::Int) << n.name << " argument " << i - 1;
      EXPECT_EQ(std::to_string(a.int_value), e) << n.name << " argument " << i - 1;
    }
  }
}

// Sizes compare as expressions: parse_expr builds the canonical node.
inline void expect_exprs(const std::vector<Expr>& actual, std::initializer_list<const char*> expected) {
  ASSERT_EQ(actual.size(), expected.size());
  size_t i = 0;
  for (const char* e : expected) {
    EXPECT_EQ(actual[i], parse_expr(e)) << "entry " << i << ", expected " << e;
    ++i;
  }
}

inline void expect_sizes(const Annotation& a, std::initializer_list<const char*> expected) {
  const auto* t = std::get_if<TensorAnnotation>(&a.parsed);
  ASSERT_NE(t, nullptr) << a.raw;
  expect_exprs(t->sizes, expected);
}

}  // namespace symshape::tracer
