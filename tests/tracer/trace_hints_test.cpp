// Hint choice (hints.hpp): the documented defaults, the user's hints and
// inputs, and the Prover fallback when the defaults make an annotated size < 1.
#include <gtest/gtest.h>

#include "symshape/symbolic/build.hpp"
#include "symshape/tracer/hints.hpp"
#include "symshape/tracer/trace.hpp"
#include "trace_support.hpp"

namespace symshape::tracer {
namespace {

using testing::read_one_graph;

const Expr s0 = symbol("s0"), s1 = symbol("s1"), s7 = symbol("s7");

// A conv-like output `s0 - s1 + 3` over an input size s0 and a kernel s1.
const std::string kKernelGraph =
    "class GraphModule(torch.nn.Module):\n"
    "    def forward(self, x: \"f32[s7, s0]\", k: \"f32[s1]\", y: \"f32[s0 - s1 + 3]\"):\n"
    "        return (y,)\n";

TEST(TraceHints, DefaultsAreDistinctMultiplesOf16InFirstAppearanceOrder) {
  const Graph graph = read_one_graph(kKernelGraph);
  const HintChoice c = default_hints(graph, {}, {});
  EXPECT_EQ(c.hints.at(s7), 64);
  EXPECT_EQ(c.hints.at(s0), 80);
  EXPECT_EQ(c.hints.at(s1), 96);
  EXPECT_EQ(c.chosen, (std::vector<Expr>{s7, s0, s1}));
  EXPECT_EQ(hinted_symbols(graph), (std::vector<Expr>{s7, s0, s1}));
}

TEST(TraceHints, GivenHintsAndInputsAreKept) {
  const Graph graph = read_one_graph(kKernelGraph);
  const HintChoice c = default_hints(graph, {{s1, 3}}, {{"x", {5, 40}}});
  EXPECT_EQ(c.hints.at(s7), 5);
  EXPECT_EQ(c.hints.at(s0), 40);
  EXPECT_EQ(c.hints.at(s1), 3);
  EXPECT_TRUE(c.chosen.empty());
}

TEST(TraceHints, ProverRepairsDefaultsThatMakeASizeNegative) {
  const Graph graph = read_one_graph(kKernelGraph);
  const std::vector<Expr> constraints = annotation_constraints(graph);
  ASSERT_EQ(constraints.size(), 1u);  // s0 - s1 + 3 >= 1
  const HintChoice defaults = default_hints(graph, {}, {});
  EXPECT_FALSE(evaluate_bool(constraints[0], defaults.hints));  // 80 - 96 + 3 < 1
  const std::optional<HintChoice> fixed = satisfy(defaults, constraints);
  ASSERT_TRUE(fixed);
  EXPECT_TRUE(fixed->solved);
  EXPECT_TRUE(evaluate_bool(constraints[0], fixed->hints));
  for (Expr s : {s7, s0, s1}) EXPECT_GE(fixed->hints.at(s), 2);
  // And the whole trace runs at such hints.
  const TraceResult t = trace_graph(graph);
  EXPECT_TRUE(t.hints.solved);
  EXPECT_TRUE(t.propagation.failures.empty() && t.check.mismatches.empty());
}

TEST(TraceHints, UsersHintsStayFixedWhileSolving) {
  const Graph graph = read_one_graph(kKernelGraph);
  const std::optional<HintChoice> fixed = satisfy(default_hints(graph, {{s1, 50}}, {}), annotation_constraints(graph));
  ASSERT_TRUE(fixed);
  EXPECT_EQ(fixed->hints.at(s1), 50);
  // 80 - 50 + 3 >= 1 already: nothing to solve.
  EXPECT_FALSE(fixed->solved);
  // Impossible with the user's hints: no model.
  EXPECT_FALSE(satisfy(default_hints(graph, {{s1, 50}, {s0, 10}}, {}), annotation_constraints(graph)));
}

}  // namespace
}  // namespace symshape::tracer
