// Hint choice (hints.hpp): the documented defaults, the user's hints and
// inputs, and the Prover fallback when the defaults make an annotated size < 2.
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
  ASSERT_EQ(constraints.size(), 1u);  // s0 - s1 + 3 >= 2
  const HintChoice defaults = default_hints(graph, {}, {});
  EXPECT_FALSE(evaluate_bool(constraints[0], defaults.hints));  // 80 - 96 + 3 < 2
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
  // 80 - 50 + 3 >= 2 already: nothing to solve.
  EXPECT_FALSE(fixed->solved);
  // Impossible with the user's hints: no model.
  EXPECT_FALSE(satisfy(default_hints(graph, {{s1, 50}, {s0, 10}}, {}), annotation_constraints(graph)));
}

// Step 4: the add broadcasts `s0 - s1 + 1` against `s0 - 2`, which agree only
// for s1 = 3 (a valid-padding conv's output against a shortcut). At the
// Prover's first hints the rule fails after deciding they differ; the
// opposite answer becomes a condition, and the next round fits. The symbols
// the condition does not tie keep their defaults.
TEST(TraceHints, FailedBroadcastAsksForHintsWhereTheSizesAgree) {
  const Graph graph = read_one_graph(
      "class GraphModule(torch.nn.Module):\n"
      "    def forward(self, y: \"f32[s0 - s1 + 1]\", z: \"f32[s0 - 2]\", w: \"f32[s2]\"):\n"
      "        add: \"f32[s0 - s1 + 1]\" = torch.ops.aten.add.Tensor(y, z)\n"
      "        return (add,)\n");
  const TraceResult t = trace_graph(graph);
  EXPECT_TRUE(t.propagation.failures.empty() && t.check.mismatches.empty()) << testing::problems(graph, t);
  EXPECT_EQ(t.rounds, 2);
  EXPECT_EQ(t.hints.hints.at(s1), 3);
  EXPECT_EQ(t.hints.hints.at(symbol("s2")), 96);
  bool equal_guard = false;
  for (const TraceGuard& g : t.guards) equal_guard = equal_guard || g.condition.is(ExprKind::Eq);
  EXPECT_TRUE(equal_guard);
}

}  // namespace
}  // namespace symshape::tracer
