// The capture and aot stages on their own: sources and policies, binding
// joint placeholders (by name, primals_N, annotation), the forward/backward
// split, the one-env rule, and located errors for bad inputs.
#include <gtest/gtest.h>

#include "pipeline_support.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/derive_backward.hpp"
#include "symshape/tracer/pipeline_inputs.hpp"

namespace symshape::tracer {
namespace pipeline_stages_test {

using testing::read_example;
using testing::read_one_graph;

constexpr const char* kForward = R"(class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1][s1, 1]cpu", w_1: "f32[s2, s1][s1, 1]cpu"):
        t: "f32[s1, s2][1, s1]cpu" = torch.ops.aten.t.default(w_1);  w_1 = None
        mm: "f32[s0, s2][s2, 1]cpu" = torch.ops.aten.mm.default(x_1, t);  x_1 = t = None
        return mm
)";

// A joint whose loss compares with an extra input of a new size symbol s7.
constexpr const char* kJointWithTarget = R"(class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1][s1, 1]cpu", w_1: "f32[s2, s1][s1, 1]cpu", target_1: "f32[s0, s7][s7, 1]cpu"):
        t: "f32[s1, s2][1, s1]cpu" = torch.ops.aten.t.default(w_1);  w_1 = None
        mm: "f32[s0, s2][s2, 1]cpu" = torch.ops.aten.mm.default(x_1, t);  x_1 = t = None
        sub: "f32[s0, s2][s2, 1]cpu" = torch.ops.aten.sub.Tensor(mm, target_1);  mm = target_1 = None
        sum_1: "f32[][]cpu" = torch.ops.aten.sum.default(sub);  sub = None
        ones_like: "f32[][]cpu" = torch.ops.aten.ones_like.default(sum_1, pin_memory = False, memory_format = torch.preserve_format)
        return (sum_1, ones_like)
)";

std::vector<RealInput> forward_inputs() { return {RealInput{"x_1", {8, 32}}, RealInput{"w_1", {16, 32}}}; }

TEST(PipelineStages, CaptureNamesSourcesLikeDynamoAndSharesDuckSizes) {
  EXPECT_EQ(input_source("x_1"), "L['x']");
  EXPECT_EQ(input_source("x"), "L['x']");
  EXPECT_EQ(input_size_source("w_1", 1), "L['w'].size()[1]");
  const Graph forward = read_one_graph(kForward);
  ShapeEnv env;
  const CaptureResult c = capture(forward, forward_inputs(), env);
  EXPECT_TRUE(c.forward.failures.empty());
  EXPECT_EQ(c.inputs.env_id(), env.id());
  ASSERT_EQ(env.sources().size(), 4u);
  EXPECT_EQ(env.sources()[0].name, "L['x'].size()[0]");
  // x's dim 1 and w's dim 1 are both 32: duck sizing gives them one symbol.
  EXPECT_EQ(c.inputs.find("x_1")->value.as_tensor().sizes[1], c.inputs.find("w_1")->value.as_tensor().sizes[1]);
  for (const GuardRecord& g : env.recorded_guards()) EXPECT_EQ(g.provenance.stage, kCaptureStage);
}

TEST(PipelineStages, ParametersAndGraphConstantsAreStatic) {
  const Graph forward = read_one_graph(kForward);
  ShapeEnv env;
  std::vector<RealInput> inputs = forward_inputs();
  inputs[1].parameter = true;
  inputs[0].policies = {InputDimPolicy::Dynamic, InputDimPolicy::Dynamic};
  const CaptureResult c = capture(forward, inputs, env);
  const FakeTensor& w = c.inputs.find("w_1")->value.as_tensor();
  EXPECT_TRUE(w.sizes[0].is_integer());
  EXPECT_TRUE(w.sizes[1].is_integer());
  EXPECT_EQ(c.inputs.find("w_1")->policies[0], InputDimPolicy::Static);
  const FakeTensor& x = c.inputs.find("x_1")->value.as_tensor();
  EXPECT_TRUE(x.sizes[1].is_symbol());
  // mm needs x's dim 1 to be w's (static 32): a guard of the capture stage.
  bool pinned = false;
  for (const GuardRecord& g : env.produce_source_guards()) {
    pinned = pinned || to_sympy(g.condition) == "Eq(L['x'].size()[1], 32)";
  }
  EXPECT_TRUE(pinned);
}

TEST(PipelineStages, AotRefusesFakeTensorsOfAnotherEnv) {
  const Graph forward = read_one_graph(kForward);
  ShapeEnv capture_env;
  ShapeEnv other;
  EXPECT_NE(capture_env.id(), other.id());
  const CaptureResult c = capture(forward, forward_inputs(), capture_env);
  const Graph joint = read_one_graph(kForward);
  EXPECT_THROW(aot_trace(forward, JointGraph{&joint}, c.inputs, other), ShapeEnvUsageError);
  EXPECT_NO_THROW(aot_trace(forward, JointGraph{&joint}, c.inputs, capture_env));
}

TEST(PipelineStages, AnExtraInputWithANewSymbolMustBeGiven) {
  const Graph forward = read_one_graph(kForward);
  const Graph joint_graph = read_one_graph(kJointWithTarget);
  const JointGraph joint{&joint_graph};
  try {
    run_pipeline(forward, &joint, forward_inputs());
    FAIL() << "target_1's s7 was invented";
  } catch (const TraceInputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("target_1"), std::string::npos) << msg;
    EXPECT_NE(msg.find("s7"), std::string::npos) << msg;
    EXPECT_EQ(e.span.line, 2);
  }
  std::vector<RealInput> inputs = forward_inputs();
  inputs.push_back(RealInput{"target_1", {8, 16}});
  const PipelineRun run = run_pipeline(forward, &joint, inputs);
  EXPECT_EQ(run.entry.propagation_failures, 0u);
  // target_1 is captured like the forward's inputs: its sizes have sources,
  // and duck sizing ties them to x's and w's.
  const auto& backward = run.aot->backward;
  EXPECT_FALSE(backward[*joint_graph.find("sum_1")]);
  EXPECT_TRUE(backward[*joint_graph.find("ones_like")]);
  bool target_source = false;
  for (const CompiledGuard& g : run.entry.raw) {
    target_source = target_source || to_sympy(g.condition).find("L['target']") != std::string::npos;
  }
  EXPECT_TRUE(target_source);
}

TEST(PipelineStages, MlpJointSplitsAtTheLossSeed) {
  const Graph forward = read_one_graph(read_example("mlp_forward.txt"));
  const Graph joint_graph = read_one_graph(read_example("mlp_joint.txt"));
  std::vector<RealInput> inputs = {{"x_1", {64, 80}}, {"w1_1", {96, 80}}, {"b1_1", {96}}, {"w2_1", {112, 96}},
                                   {"b2_1", {112}}};
  const JointGraph joint{&joint_graph};
  const PipelineRun run = run_pipeline(forward, &joint, inputs);
  EXPECT_EQ(run.entry.propagation_failures, 0u);
  const auto& b = run.aot->backward;
  for (const char* fwd : {"t", "addmm", "relu", "sub", "mul", "sum_1", "sym_size"}) {
    EXPECT_FALSE(b[*joint_graph.find(fwd)]) << fwd;
  }
  for (const char* bwd : {"ones_like", "expand", "mm", "threshold_backward", "view_1", "t_8"}) {
    EXPECT_TRUE(b[*joint_graph.find(bwd)]) << bwd;
  }
  // An explicit split (derive_backward.hpp's first_backward_node) wins.
  const JointGraph split{&joint_graph, *joint_graph.find("t_2")};
  const PipelineRun run2 = run_pipeline(forward, &split, inputs);
  EXPECT_FALSE(run2.aot->backward[*joint_graph.find("expand")]);
  EXPECT_TRUE(run2.aot->backward[*joint_graph.find("mm")]);
}

// derive_backward.hpp's joint: same placeholders as the forward, bound by
// name; its first backward node splits the stages.
TEST(PipelineStages, ADerivedJointRunsOverTheCapturedTensors) {
  for (const char* model : {"mlp", "resnet_block", "transformer_block"}) {
    const Graph forward = read_one_graph(read_example(std::string(model) + "_forward.txt"));
    const DerivedJoint derived = derive_joint(forward);
    const JointGraph joint{&derived.graph, derived.first_backward_node};
    const PipelineRun run = run_pipeline(forward, &joint, default_real_inputs(forward));
    std::string failures;
    for (const NodeFailure& f : run.aot->joint.failures) failures += f.message + "\n";
    EXPECT_EQ(run.entry.propagation_failures, 0u) << model << "\n" << failures;
    for (size_t i = 0; i < derived.graph.nodes.size(); ++i) {
      const bool call = derived.graph.nodes[i].op == NodeOp::CallFunction;
      EXPECT_EQ(run.aot->backward[i], call && i >= derived.first_backward_node) << model << " node " << i;
    }
  }
}

TEST(PipelineStages, PrimalsAreBoundByPosition) {
  const Graph forward = read_one_graph(kForward);
  const Graph joint_graph = read_one_graph(R"(class inner_f(torch.nn.Module):
    def forward(self, primals_1: "f32[s0, s1][s1, 1]cpu", primals_2: "f32[s2, s1][s1, 1]cpu", tangents_1: "f32[s0, s2][s2, 1]cpu"):
        t: "f32[s1, s2][1, s1]cpu" = torch.ops.aten.t.default(primals_2);  primals_2 = None
        mm: "f32[s0, s2][s2, 1]cpu" = torch.ops.aten.mm.default(primals_1, t);  t = None
        mm_1: "f32[s0, s1][s1, 1]cpu" = torch.ops.aten.mm.default(tangents_1, primals_2);  tangents_1 = None
        return (mm, mm_1)
)");
  const JointGraph joint{&joint_graph};
  const PipelineRun run = run_pipeline(forward, &joint, forward_inputs());
  EXPECT_EQ(run.entry.propagation_failures, 0u);
  EXPECT_FALSE(run.aot->backward[*joint_graph.find("mm")]);
  EXPECT_TRUE(run.aot->backward[*joint_graph.find("mm_1")]);
  const FakeTensor& grad = run.aot->joint.values[*joint_graph.find("mm_1")].as_tensor();
  EXPECT_EQ(grad.sizes, run.capture->inputs.find("x_1")->value.as_tensor().sizes);
}

TEST(PipelineStages, BadInputsAreLocatedErrors) {
  const Graph forward = read_one_graph(kForward);
  ShapeEnv env;
  auto expect_error = [&](std::vector<RealInput> inputs, const std::string& needle, int line) {
    try {
      capture(forward, inputs, env);
      ADD_FAILURE() << "accepted: " << needle;
    } catch (const TraceInputError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
      EXPECT_EQ(e.span.line, line) << e.what();
      EXPECT_EQ(e.span.file, "test.txt");
    }
  };
  std::vector<RealInput> unknown = forward_inputs();
  unknown.push_back(RealInput{"y_1", {2}});
  expect_error(unknown, "no placeholder named y_1", 0);
  std::vector<RealInput> rank = forward_inputs();
  rank[0].sizes = {8, 32, 2};
  expect_error(rank, "x_1", 2);
  expect_error({forward_inputs()[0]}, "w_1", 2);
  std::vector<RealInput> policies = forward_inputs();
  policies[0].policies = {InputDimPolicy::Static};
  expect_error(policies, "policies", 2);
  std::vector<RealInput> negative = forward_inputs();
  negative[1].sizes[0] = -1;
  expect_error(negative, "negative", 2);
}

}  // namespace pipeline_stages_test
}  // namespace symshape::tracer
