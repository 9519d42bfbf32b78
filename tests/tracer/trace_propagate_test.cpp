// propagate/check/trace_graph on small graphs written as PyTorch prints them:
// symbol binding, the check as expressions under the recorded guards, --input,
// located failures, and guard provenance.
#include <gtest/gtest.h>

#include <string>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/trace.hpp"
#include "symshape/tracer/value_text.hpp"
#include "trace_support.hpp"

namespace symshape::tracer {
namespace {

using testing::problems;
using testing::read_one_graph;

std::string graph_text(const std::string& params, const std::string& body) {
  return "class GraphModule(torch.nn.Module):\n    def forward(self, " + params + "):\n" + body;
}

const std::string kSymGraph = graph_text(
    "primals_1: \"Sym(s52)\", primals_2: \"f32[s52, 3]\"",
    "        sym_size_int: \"Sym(s52)\" = torch.ops.aten.sym_size.int(primals_2, 0)\n"
    "        add: \"Sym(s52 + 1)\" = sym_size_int + 1\n"
    "        return (add,)\n");

TEST(TracePropagate, GraphSymbolsKeepTheGraphsNames) {
  const Graph graph = read_one_graph(kSymGraph);
  const TraceResult t = trace_graph(graph);
  EXPECT_TRUE(t.propagation.failures.empty() && t.check.mismatches.empty()) << problems(graph, t);
  EXPECT_EQ(t.check.nodes, 4u);  // two placeholders, sym_size_int, add
  // s52 is the env's first symbol (s0) but every output says s52.
  EXPECT_EQ(t.hints.hints.at(symbol("s52")), 64);
  EXPECT_EQ(*t.propagation.symbols.lookup(symbol("s52")), symbol("s0"));
  ASSERT_EQ(t.propagation.outputs.size(), 1u);
  EXPECT_EQ(value_text(t.propagation.values[t.propagation.outputs[0]], t.propagation.symbols), "Sym(s52 + 1)");
  EXPECT_EQ(value_text(t.propagation.values[1], t.propagation.symbols), "f32[s52, 3][3, 1]");
}

TEST(TracePropagate, WrongAnnotationIsAMismatchWithValuesAtTheHints) {
  std::string text = kSymGraph;
  text.replace(text.find("Sym(s52 + 1)"), 12, "Sym(s52 + 2)");
  const Graph graph = read_one_graph(text);
  const TraceResult t = trace_graph(graph, {.hints = {{symbol("s52"), 10}}});
  ASSERT_EQ(t.check.mismatches.size(), 1u) << problems(graph, t);
  const Mismatch& m = t.check.mismatches[0];
  EXPECT_EQ(graph.nodes[m.node].name, "add");
  EXPECT_EQ(m.what, "value");
  EXPECT_EQ(m.expected, "s52 + 2");
  EXPECT_EQ(m.computed, "s52 + 1");
  EXPECT_EQ(m.expected_at_hints, 12);
  EXPECT_EQ(m.computed_at_hints, 11);
  EXPECT_TRUE(t.hints.chosen.empty());  // the user's hint is not second-guessed
}

// PyTorch prints after its replacements: once a runtime assertion fixed s0
// to 16, the annotation says 16 where the rule computes s0. The check proves
// them equal under the recorded guards.
const std::string kAssertGraph = graph_text(
    "x: \"f32[s0]\"",
    "        sym_size_int: \"Sym(s0)\" = torch.ops.aten.sym_size.int(x, 0)\n"
    "        eq: \"Sym(Eq(s0, 16))\" = sym_size_int == 16\n"
    "        _assert_scalar = torch.ops.aten._assert_scalar.default(eq, 'x must have 16 rows')\n"
    "        sym_size_int_1: \"Sym(16)\" = torch.ops.aten.sym_size.int(x, 0)\n"
    "        return (sym_size_int_1,)\n");

TEST(TraceCheck, ConstantAnnotationEqualUnderRecordedGuards) {
  const Graph graph = read_one_graph(kAssertGraph);
  const TraceResult t = trace_graph(graph, {.hints = {{symbol("s0"), 16}}});
  EXPECT_TRUE(t.propagation.failures.empty() && t.check.mismatches.empty()) << problems(graph, t);
  bool asserted = false;
  for (const TraceGuard& g : t.guards) asserted = asserted || g.record.kind == GuardKind::RuntimeAssert;
  EXPECT_TRUE(asserted);
}

TEST(TraceCheck, WithoutTheGuardTheConstantIsAMismatch) {
  std::string text = kAssertGraph;
  text.erase(text.find("        _assert_scalar"), text.find("        sym_size_int_1") - text.find("        _assert_scalar"));
  const Graph graph = read_one_graph(text);
  const TraceResult t = trace_graph(graph, {.hints = {{symbol("s0"), 16}}});
  // Equal at the hint, yet nothing proves s0 == 16 for other sizes.
  ASSERT_EQ(t.check.mismatches.size(), 1u) << problems(graph, t);
  EXPECT_EQ(t.check.mismatches[0].expected, "16");
  EXPECT_EQ(t.check.mismatches[0].computed, "s0");
}

TEST(TraceInput, ConcreteSizesBecomeConstantsWithAGuard) {
  const Graph graph = read_one_graph(kSymGraph);
  const TraceResult t = trace_graph(graph, {.inputs = {{"primals_2", {7, 3}}}});
  EXPECT_TRUE(t.propagation.failures.empty() && t.check.mismatches.empty()) << problems(graph, t);
  EXPECT_EQ(value_text(t.propagation.values[t.propagation.outputs[0]], t.propagation.symbols), "Sym(8)");
  EXPECT_TRUE(t.hints.chosen.empty());
  bool static_guard = false;
  for (const TraceGuard& g : t.guards) {
    static_guard = static_guard || (g.record.origin == GuardOrigin::StaticDim &&
                                    to_sympy(g.condition) == "Eq(primals_2.size()[0], 7)");
  }
  EXPECT_TRUE(static_guard);
}

TEST(TraceInput, ContradictionsAreLocatedErrors) {
  const Graph graph = read_one_graph(kSymGraph);
  EXPECT_THROW(trace_graph(graph, {.inputs = {{"primals_2", {7, 4}}}}), TraceInputError);  // 3 is printed
  EXPECT_THROW(trace_graph(graph, {.inputs = {{"primals_2", {7}}}}), TraceInputError);     // rank
  EXPECT_THROW(trace_graph(graph, {.inputs = {{"nope", {7}}}}), TraceInputError);
  EXPECT_THROW(trace_graph(graph, {.hints = {{symbol("s9"), 7}}}), TraceInputError);
  try {
    trace_graph(graph, {.inputs = {{"primals_2", {7, 4}}}});
  } catch (const TraceInputError& e) {
    EXPECT_EQ(e.span.line, 2);
    EXPECT_NE(std::string(e.what()).find("primals_2"), std::string::npos);
  }
}

TEST(TraceFailures, UnknownOpNamesClosestAndSkipsItsReaders) {
  const Graph graph = read_one_graph(graph_text(
      "x: \"f32[s0]\"",
      "        sym_size_int: \"Sym(s0)\" = torch.ops.aten.sym_size.int(x, 0)\n"
      "        frob: \"f32[s0]\" = torch.ops.aten.sym_sizes.default(x)\n"
      "        add: \"Sym(s0 + 1)\" = sym_size_int + 1\n"
      "        sym_size_int_1: \"Sym(s0)\" = torch.ops.aten.sym_size.int(frob, 0)\n"
      "        return (add, sym_size_int_1)\n"));
  const TraceResult t = trace_graph(graph);
  ASSERT_EQ(t.propagation.failures.size(), 2u);
  const NodeFailure& unknown = t.propagation.failures[0];
  EXPECT_EQ(unknown.kind, NodeFailure::Kind::UnknownOp);
  EXPECT_EQ(unknown.span.line, 4);
  EXPECT_EQ(unknown.span.file, "test.txt");
  ASSERT_FALSE(unknown.closest.empty());
  EXPECT_EQ(unknown.closest[0], "aten.sym_size");
  EXPECT_NE(unknown.message.find("aten.sym_sizes.default"), std::string::npos);
  EXPECT_EQ(t.propagation.failures[1].kind, NodeFailure::Kind::Skipped);
  EXPECT_EQ(graph.nodes[t.propagation.failures[1].node].name, "sym_size_int_1");
  // The independent node still computed and checked.
  EXPECT_TRUE(t.propagation.computed[*graph.find("add")]);
  EXPECT_TRUE(t.check.mismatches.empty());
  EXPECT_EQ(t.check.unchecked, 2u);
}

TEST(TraceFailures, PlaceholderWithoutAnnotationNeedsInput) {
  const Graph graph = read_one_graph(graph_text(
      "x", "        sym_size_int: \"Sym(5)\" = torch.ops.aten.sym_size.int(x, 0)\n        return (sym_size_int,)\n"));
  EXPECT_THROW(trace_graph(graph), TraceInputError);
  const TraceResult t = trace_graph(graph, {.inputs = {{"x", {5, 2}}}});
  EXPECT_TRUE(t.propagation.failures.empty() && t.check.mismatches.empty()) << problems(graph, t);
}

// A guard raised by a rule carries the node, op, place, the node's `# File:`
// comment, and the chosen hints it was decided at.
TEST(TraceGuards, ProvenanceNamesTheNodeAndItsSourceLine) {
  const Graph graph = read_one_graph(graph_text(
      "x: \"f32[s0]\", n: \"Sym(s1)\"",
      "        sub: \"Sym(s1 - 70)\" = n - 70\n"
      "        # File: model.py:12 in forward, code: y = F.pad(x, [n - 70, 0])\n"
      "        constant_pad_nd: \"f32[s0 + s1 - 70]\" = torch.ops.aten.constant_pad_nd.default(x, [sub, 0])\n"
      "        return (constant_pad_nd,)\n"));
  const TraceResult t = trace_graph(graph);
  EXPECT_TRUE(t.propagation.failures.empty() && t.check.mismatches.empty()) << problems(graph, t);
  const TraceGuard* raised = nullptr;
  for (const TraceGuard& g : t.guards) {
    if (g.record.provenance.node == "constant_pad_nd" && g.record.origin == GuardOrigin::Evaluate) raised = &g;
  }
  ASSERT_NE(raised, nullptr);
  EXPECT_EQ(raised->record.provenance.location.rfind("test.txt:5", 0), 0u) << raised->record.provenance.location;
  EXPECT_EQ(raised->source_comment, "File: model.py:12 in forward, code: y = F.pad(x, [n - 70, 0])");
  ASSERT_EQ(raised->chosen_symbols.size(), 1u);
  EXPECT_EQ(raised->chosen_symbols[0], symbol("s1"));
  // The condition is in the graph's names and held at the hints (s1 = 80).
  EXPECT_TRUE(evaluate_bool(raised->condition, {{symbol("s0"), 64}, {symbol("s1"), 80}}));
}

}  // namespace
}  // namespace symshape::tracer
