// FX graph limits: a 100,000-node graph is read, propagated and checked as a
// whole (the reader and propagation stay linear: the test completes and counts
// every node), and a graph that contradicts its own annotations is reported
// mismatch by mismatch, without a failure or a crash.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "symshape/tracer/fx_reader.hpp"
#include "symshape/tracer/trace.hpp"

namespace symshape::tracer {
namespace {

constexpr size_t kNodes = 100'000;

// x -> relu -> add(prev, x) -> relu -> ..., every node annotated as PyTorch prints it.
std::string long_chain_graph() {
  std::string text =
      "class GraphModule(torch.nn.Module):\n"
      "    def forward(self, x_1: \"f32[s0, s1][s1, 1]cpu\"):\n";
  std::string previous = "x_1";
  for (size_t i = 0; i < kNodes; ++i) {
    const std::string name = "n_" + std::to_string(i);
    const std::string call = i % 2 == 0 ? "torch.ops.aten.relu.default(" + previous + ")"
                                        : "torch.ops.aten.add.Tensor(" + previous + ", x_1)";
    text += "        " + name + ": \"f32[s0, s1][s1, 1]cpu\" = " + call + "\n";
    previous = name;
  }
  return text + "        return (" + previous + ",)\n";
}

TEST(GraphLimits, HundredThousandNodesAreReadPropagatedAndChecked) {
  FxReadResult read = read_fx(long_chain_graph(), "long_chain.txt");
  ASSERT_TRUE(read.ok()) << read.errors.front().format();
  ASSERT_EQ(read.graphs.size(), 1u);
  const Graph& graph = read.graphs.front();
  EXPECT_EQ(graph.nodes.size(), kNodes + 2);  // placeholder and output

  TraceResult t = trace_graph(graph);
  EXPECT_TRUE(t.propagation.failures.empty());
  size_t computed = 0;
  for (bool c : t.propagation.computed) computed += c;
  EXPECT_EQ(computed, kNodes + 1);
  EXPECT_EQ(t.check.nodes, kNodes + 1);
  EXPECT_TRUE(t.check.mismatches.empty());
  EXPECT_EQ(t.propagation.outputs.size(), 1u);
}

TEST(GraphLimits, AGraphThatContradictsItsAnnotationsReportsEachMismatch) {
  FxReadResult read = read_fx(
      "class GraphModule(torch.nn.Module):\n"
      "    def forward(self, x_1: \"f32[s0, s1][s1, 1]cpu\", y_1: \"f32[s1, s2][s2, 1]cpu\"):\n"
      "        relu: \"f32[s1, s0][s0, 1]cpu\" = torch.ops.aten.relu.default(x_1)\n"
      "        mm: \"f32[s0, s0][s0, 1]cpu\" = torch.ops.aten.mm.default(x_1, y_1)\n"
      "        neg: \"i64[s0, s1][s1, 1]cpu\" = torch.ops.aten.neg.default(x_1)\n"
      "        return (relu, mm, neg)\n",
      "contradiction.txt");
  ASSERT_TRUE(read.ok()) << read.errors.front().format();
  TraceResult t = trace_graph(read.graphs.front());
  EXPECT_TRUE(t.propagation.failures.empty());
  std::set<std::string> nodes_with_mismatches;
  for (const Mismatch& m : t.check.mismatches) nodes_with_mismatches.insert(read.graphs.front().nodes[m.node].name);
  EXPECT_EQ(nodes_with_mismatches, (std::set<std::string>{"relu", "mm", "neg"}));
}

}  // namespace
}  // namespace symshape::tracer
