// The pipeline on the recorded forward/joint pairs of examples/: both stages
// trace without failure in one ShapeEnv, the entry holds guards of both
// stages with their stage names, and the kept set is equivalent to the raw
// set at random sizes (brute force).
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "pipeline_support.hpp"
#include "symshape/tracer/pipeline_inputs.hpp"

namespace symshape::tracer {
namespace {

using testing::all_hold;
using testing::checked_raw;
using testing::read_example;
using testing::read_one_graph;

class PipelineExamples : public ::testing::TestWithParam<const char*> {};

size_t stage_count(const CompiledEntry& entry, const std::string& stage) {
  for (const StageGuardCount& c : entry.raw_per_stage) {
    if (c.stage == stage) return c.raw;
  }
  return 0;
}

TEST_P(PipelineExamples, BothStagesTraceInOneEnvAndTheKeptSetIsEquivalent) {
  const std::string model = GetParam();
  const Graph forward = read_one_graph(read_example(model + "_forward.txt"));
  const Graph joint_graph = read_one_graph(read_example(model + "_joint.txt"));
  const std::vector<RealInput> inputs = default_real_inputs(forward);
  const JointGraph joint{&joint_graph};
  const PipelineRun run = run_pipeline(forward, &joint, inputs);

  std::string failures;
  for (const NodeFailure& f : run.capture->forward.failures) failures += f.message + "\n";
  for (const NodeFailure& f : run.aot->joint.failures) failures += f.message + "\n";
  EXPECT_EQ(run.entry.propagation_failures, 0u) << failures;
  EXPECT_FALSE(run.entry.contradiction.has_value());
  EXPECT_EQ(run.aot_env, nullptr);

  // Stage names: every guard has one of the pipeline's, and both stages raised some.
  const std::set<std::string> stages = {kCaptureStage, kAotForwardStage, kAotBackwardStage, "symbol ranges"};
  size_t total = 0;
  for (const StageGuardCount& c : run.entry.raw_per_stage) {
    EXPECT_TRUE(stages.count(c.stage)) << c.stage;
    total += c.raw;
  }
  EXPECT_EQ(total, run.entry.raw.size());
  EXPECT_GT(stage_count(run.entry, kCaptureStage), 0u);
  EXPECT_GT(stage_count(run.entry, kAotForwardStage) + stage_count(run.entry, kAotBackwardStage), 0u)
      << "no aot guard for " << model;
  // The joint graph has a backward: some of its nodes are traced as such.
  size_t backward_nodes = 0;
  for (bool b : run.aot->backward) backward_nodes += b;
  EXPECT_GT(backward_nodes, 0u);

  // Every kept and dropped guard is accounted for once, dropped ones with a reason.
  EXPECT_EQ(run.entry.kept.size() + run.entry.dropped.size() + run.entry.runtime_asserts.size(), run.entry.raw.size());
  for (const DroppedCompiledGuard& d : run.entry.dropped) EXPECT_FALSE(d.reason.empty());

  // Equivalence at random points: the forward graph's symbols at random
  // values (sizes consistent with the graph, where most guards hold), and
  // each source moved on its own (where guards tying sources fail).
  const std::vector<Expr> raw = checked_raw(run.entry);
  const std::vector<Expr> kept = run.entry.kept_conditions();
  std::mt19937_64 rng(17);
  std::uniform_int_distribution<int64_t> size(0, 130);
  std::bernoulli_distribution move_one(0.5);
  int raw_held = 0;
  const int points = 400;
  for (int trial = 0; trial < points; ++trial) {
    Assignment graph_values;
    for (size_t i : forward.placeholders()) {
      const auto& ann = std::get<TensorAnnotation>(forward.nodes[i].annotation->parsed);
      for (Expr d : ann.sizes) {
        for (Expr s : free_symbols(d)) graph_values.emplace(s, size(rng));
      }
    }
    Assignment at;
    for (size_t i : forward.placeholders()) {
      const Node& node = forward.nodes[i];
      const auto& ann = std::get<TensorAnnotation>(node.annotation->parsed);
      for (size_t d = 0; d < ann.sizes.size(); ++d) {
        at[symbol(input_size_source(node.name, d))] = evaluate(ann.sizes[d], graph_values);
      }
    }
    if (move_one(rng)) at.begin()->second = size(rng);
    const bool raw_holds = all_hold(raw, at);
    raw_held += raw_holds;
    ASSERT_EQ(raw_holds, all_hold(kept, at)) << model << " trial " << trial;
  }
  // The points reach both sides of the guards.
  EXPECT_GT(raw_held, 0);
  EXPECT_LT(raw_held, points);
}

INSTANTIATE_TEST_SUITE_P(Models, PipelineExamples,
                         ::testing::Values("mlp", "resnet_block", "transformer_block", "unet"));

}  // namespace
}  // namespace symshape::tracer
