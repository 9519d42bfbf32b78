// Every example graph traces with no failure and checks with no mismatch:
// the 13 public dumps next to the repository (skipped when absent) and the
// graphs of examples/ (recorded with PyTorch 1.13's symbolic make_fx by
// examples/record_examples.py). PyTorch's annotation on every node is what
// the rules must reproduce.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "fx_examples.hpp"
#include "symshape/tracer/fx_reader.hpp"
#include "symshape/tracer/trace.hpp"
#include "trace_support.hpp"

namespace symshape::tracer {
namespace {

const char* const kSharedExamples[] = {
    "depyf_toy_function_backward.txt",
    "depyf_toy_function_forward.txt",
    "depyf_toy_function_joint.txt",
    "mnist_cnn_dynamic_backward.txt",
    "mnist_cnn_dynamic_forward.txt",
    "mnist_cnn_dynamic_inference.txt",
    "ngocson_bmm_sigmoid.txt",
    "vfdev_affine_grid_sampler_bicubic_oldfmt_large.txt",
    "vfdev_upsample_bilinear_aa_u8_oldfmt.txt",
    "vfdev_upsample_bilinear_align_corners_pr.txt",
    "vfdev_upsample_bilinear_f32_nightly.txt",
    "vfdev_upsample_bilinear_u8_dyn_nightly.txt",
    "vfdev_upsample_bilinear_u8_dyn_pr.txt",
};

const char* const kOwnExamples[] = {
    "mlp_forward.txt",          "mlp_joint.txt",         "resnet_block_forward.txt",
    "resnet_block_joint.txt",   "unet_forward.txt",      "unet_joint.txt",
    "transformer_block_forward.txt", "transformer_block_joint.txt",
    "tiny_transformer_forward.txt",  "tiny_transformer_joint.txt",
    "small_convnet_forward.txt",     "small_convnet_joint.txt",
};

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Traces every graph of `text`; returns the number of nodes checked.
size_t expect_checks_clean(const std::string& text, const std::string& file) {
  FxReadResult read = read_fx(text, file);
  for (const FxDiagnostic& d : read.errors) ADD_FAILURE() << d.format();
  EXPECT_FALSE(read.graphs.empty());
  size_t checked = 0;
  for (const Graph& graph : read.graphs) {
    const TraceResult t = trace_graph(graph);
    EXPECT_TRUE(t.propagation.failures.empty() && t.check.mismatches.empty())
        << file << ": " << t.propagation.failures.size() << " failures, " << t.check.mismatches.size()
        << " mismatches:\n" << testing::problems(graph, t);
    checked += t.check.nodes;
  }
  return checked;
}

class SharedExample : public ::testing::TestWithParam<const char*> {};

TEST_P(SharedExample, ChecksWithoutMismatch) {
  const std::optional<std::string> text = read_fx_example(GetParam());
  if (!text) GTEST_SKIP() << "no " << fx_examples_dir().string() << " here";
  EXPECT_GT(expect_checks_clean(*text, GetParam()), 0u);
}

INSTANTIATE_TEST_SUITE_P(FxExamples, SharedExample, ::testing::ValuesIn(kSharedExamples));

class OwnExample : public ::testing::TestWithParam<const char*> {};

TEST_P(OwnExample, ChecksWithoutMismatch) {
  const std::filesystem::path path = std::filesystem::path(SYMSHAPE_SOURCE_DIR) / "examples" / GetParam();
  const std::optional<std::string> text = read_file(path);
  ASSERT_TRUE(text) << "cannot read " << path;
  EXPECT_GT(expect_checks_clean(*text, GetParam()), 0u);
}

INSTANTIATE_TEST_SUITE_P(Examples, OwnExample, ::testing::ValuesIn(kOwnExamples));

// The list above is every graph in examples/: a new one is not forgotten.
TEST(OwnExamples, ListIsComplete) {
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(SYMSHAPE_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() == ".txt") ++files;
  }
  EXPECT_EQ(files, std::size(kOwnExamples));
}

}  // namespace
}  // namespace symshape::tracer
