// The public FX dumps (index.json there lists them) read with no error, and
// the reader finds as many nodes as a line count independent of the reader.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <variant>

#include "fx_examples.hpp"
#include "symshape/tracer/fx_reader.hpp"

namespace symshape::tracer {
namespace {

// Counts `name[: annotation] = value` lines whose value is neither a clean-up
// (`= None`) nor the flatten of a joint graph's inputs: one per call node. It
// reads the text line by line, not as the reader does, so the two agree only
// when the reader missed or invented nothing.
size_t count_node_lines(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  size_t count = 0;
  while (std::getline(in, line)) {
    std::string statement = line.substr(0, line.find(';'));
    size_t first = statement.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    statement = statement.substr(first);
    if (statement.starts_with("#") || statement.starts_with("def ") || statement.starts_with("class ") ||
        statement.starts_with("return")) {
      continue;
    }
    size_t eq = statement.find(" = ");
    if (eq == std::string::npos) continue;
    std::string rhs = statement.substr(eq + 3);
    while (!rhs.empty() && (rhs.back() == ' ' || rhs.back() == '\r')) rhs.pop_back();
    if (rhs == "None" || rhs.find("tree_flatten_spec") != std::string::npos) continue;
    ++count;
  }
  return count;
}

struct Example {
  const char* file;
  const char* graph_name;
  size_t call_nodes;    // index.json's "nodes", checked by hand against the text
  size_t placeholders;  // counted by hand in the signature or the joint declarations
};

const Example kExamples[] = {
    {"depyf_toy_function_backward.txt", "GraphModule", 18, 5},
    {"depyf_toy_function_forward.txt", "GraphModule", 7, 3},
    {"depyf_toy_function_joint.txt", "inner_f", 21, 4},
    {"mnist_cnn_dynamic_backward.txt", "GraphModule", 40, 16},
    {"mnist_cnn_dynamic_forward.txt", "GraphModule", 33, 10},
    {"mnist_cnn_dynamic_inference.txt", "<lambda>", 18, 10},
    {"ngocson_bmm_sigmoid.txt", "<lambda>", 2, 3},
    {"vfdev_affine_grid_sampler_bicubic_oldfmt_large.txt", "<lambda>", 568, 3},
    {"vfdev_upsample_bilinear_aa_u8_oldfmt.txt", "<lambda>", 139, 2},
    {"vfdev_upsample_bilinear_align_corners_pr.txt", "<lambda>", 52, 6},
    {"vfdev_upsample_bilinear_f32_nightly.txt", "<lambda>", 56, 6},
    {"vfdev_upsample_bilinear_u8_dyn_nightly.txt", "<lambda>", 49, 7},
    {"vfdev_upsample_bilinear_u8_dyn_pr.txt", "<lambda>", 55, 7},
};

class FxExamples : public ::testing::TestWithParam<Example> {};

TEST_P(FxExamples, ReadWithoutErrorsAndCountNodes) {
  const Example& example = GetParam();
  std::optional<std::string> text = read_fx_example(example.file);
  if (!text) {
    GTEST_SKIP() << "fx-examples not present";
  }

  FxReadResult result = read_fx(*text, example.file);
  for (const FxDiagnostic& d : result.errors) ADD_FAILURE() << d.format();
  ASSERT_EQ(result.graphs.size(), 1u);
  const Graph& g = result.graphs[0];
  EXPECT_EQ(g.name, example.graph_name);

  size_t calls = 0, annotated = 0;
  for (const Node& n : g.nodes) {
    if (n.op != NodeOp::CallFunction) continue;
    ++calls;
    EXPECT_FALSE(n.target.empty()) << n.name;
    EXPECT_FALSE(n.target.starts_with("torch.ops.")) << n.name;
    if (n.annotation) {
      ++annotated;
      EXPECT_FALSE(std::holds_alternative<std::monostate>(n.annotation->parsed)) << n.name << ": " << n.annotation->raw;
    }
  }
  EXPECT_EQ(calls, example.call_nodes);
  EXPECT_EQ(calls, count_node_lines(*text));
  EXPECT_GT(annotated, 0u);
  EXPECT_EQ(g.placeholders().size(), example.placeholders);
  for (size_t p : g.placeholders()) {
    ASSERT_TRUE(g.nodes[p].annotation.has_value()) << g.nodes[p].name;
    EXPECT_FALSE(std::holds_alternative<std::monostate>(g.nodes[p].annotation->parsed)) << g.nodes[p].name;
  }
  ASSERT_TRUE(g.output().has_value());
  EXPECT_EQ(*g.output(), g.nodes.size() - 1);
  // Every node reference points to an earlier node.
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    std::vector<const Argument*> stack;
    for (const Argument& a : g.nodes[i].args) stack.push_back(&a);
    for (const auto& [k, a] : g.nodes[i].kwargs) stack.push_back(&a);
    while (!stack.empty()) {
      const Argument* a = stack.back();
      stack.pop_back();
      if (a->is(Argument::Kind::Node)) {
        EXPECT_LT(a->node, i) << g.nodes[i].name;
      }
      for (const Argument& item : a->items) stack.push_back(&item);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Shared, FxExamples, ::testing::ValuesIn(kExamples));

}  // namespace
}  // namespace symshape::tracer
