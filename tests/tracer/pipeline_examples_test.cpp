// The pipeline on the recorded forward/joint pairs of examples/: both stages
// trace without failure in one ShapeEnv, the entry holds guards of both
// stages with their stage names, and the kept set is equivalent to the raw
// set at random sizes (brute force).
#include <gtest/gtest.h>

#include <iterator>
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
  // The aot stage traced over the captured fake tensors themselves: its
  // first placeholder holds the capture's value for the first input. (Its
  // own questions are all decided by what the capture learned, so these
  // joints add no guard of their own; see AotGuardsJoinTheEntry.)
  const size_t first = joint_graph.placeholders().front();
  EXPECT_EQ(run.aot->joint.values[first].as_tensor().sizes,
            run.capture->inputs.tensors().front().value.as_tensor().sizes);
  // The joint graph has a backward: some of its nodes are traced as such.
  size_t backward_nodes = 0;
  for (bool b : run.aot->backward) backward_nodes += b;
  EXPECT_GT(backward_nodes, 0u);

  // Every kept and dropped guard is accounted for once, dropped ones with a reason.
  EXPECT_EQ(run.entry.kept.size() + run.entry.dropped.size() + run.entry.runtime_asserts.size(), run.entry.raw.size());
  for (const DroppedCompiledGuard& d : run.entry.dropped) EXPECT_FALSE(d.reason.empty());

  // Equivalence at random points: the forward graph's symbols, each at its
  // hint (the size the input had) or at a random value (sizes consistent
  // with the graph, where most guards hold), and then one source moved on
  // its own (where guards tying sources fail).
  Assignment hints;
  for (size_t k = 0; k < inputs.size(); ++k) {
    const Node& node = forward.nodes[*forward.find(inputs[k].name)];
    const auto& ann = std::get<TensorAnnotation>(node.annotation->parsed);
    for (size_t d = 0; d < ann.sizes.size(); ++d) {
      if (ann.sizes[d].is_symbol()) hints.emplace(ann.sizes[d], inputs[k].sizes[d]);
    }
  }
  const std::vector<Expr> raw = checked_raw(run.entry);
  const std::vector<Expr> kept = run.entry.kept_conditions();
  std::mt19937_64 rng(17);
  std::uniform_int_distribution<int64_t> size(0, 130);
  std::bernoulli_distribution coin(0.5);
  int raw_held = 0;
  const int points = 400;
  for (int trial = 0; trial < points; ++trial) {
    Assignment graph_values;
    for (const auto& [sym, hint] : hints) graph_values.emplace(sym, coin(rng) ? hint : size(rng));
    Assignment at;
    for (size_t i : forward.placeholders()) {
      const Node& node = forward.nodes[i];
      const auto& ann = std::get<TensorAnnotation>(node.annotation->parsed);
      for (size_t d = 0; d < ann.sizes.size(); ++d) {
        at[symbol(input_size_source(node.name, d))] = evaluate(ann.sizes[d], graph_values);
      }
    }
    if (coin(rng)) {
      auto moved = at.begin();
      std::advance(moved, std::uniform_int_distribution<size_t>(0, at.size() - 1)(rng));
      moved->second = size(rng);
    }
    const bool raw_holds = all_hold(raw, at);
    raw_held += raw_holds;
    ASSERT_EQ(raw_holds, all_hold(kept, at)) << model << " trial " << trial;
  }
  // The points reach both sides of the guards.
  EXPECT_GT(raw_held, 0);
  EXPECT_LT(raw_held, points);
}

// mlp's joint compares the output with `target_1`, an input the forward does
// not have. Given as a dynamic input, its sizes get sources of their own, and
// only the aot stage learns that they must match x's and w2's.
TEST(PipelineExamplesAot, AotGuardsJoinTheEntry) {
  const Graph forward = read_one_graph(read_example("mlp_forward.txt"));
  const Graph joint_graph = read_one_graph(read_example("mlp_joint.txt"));
  std::vector<RealInput> inputs = default_real_inputs(forward);
  inputs.push_back(RealInput{"target_1", {inputs[0].sizes[0], inputs[3].sizes[0]},
                             {InputDimPolicy::Dynamic, InputDimPolicy::Dynamic}});
  const JointGraph joint{&joint_graph};
  const PipelineRun run = run_pipeline(forward, &joint, inputs);
  EXPECT_EQ(run.entry.propagation_failures, 0u);
  EXPECT_GT(stage_count(run.entry, kAotForwardStage), 0u);
  bool kept_aot = false;
  for (size_t k : run.entry.kept) kept_aot = kept_aot || run.entry.raw[k].provenance.stage == kAotForwardStage;
  EXPECT_TRUE(kept_aot);
  // The same call with a target of another batch size breaks an aot guard.
  Assignment at;
  for (const RealInput& in : inputs) {
    for (size_t d = 0; d < in.sizes.size(); ++d) at[symbol(input_size_source(in.name, d))] = in.sizes[d];
  }
  EXPECT_TRUE(all_hold(run.entry.kept_conditions(), at));
  at[symbol("L['target'].size()[0]")] += 1;
  EXPECT_FALSE(all_hold(run.entry.kept_conditions(), at));
}

INSTANTIATE_TEST_SUITE_P(Pipeline, PipelineExamples,
                         ::testing::Values("mlp", "resnet_block", "transformer_block", "unet"));

}  // namespace
}  // namespace symshape::tracer
