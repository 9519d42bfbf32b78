// End-to-end tests of `symshape trace --backward` and `--calls`: the
// pipeline's per-stage counts and minimal set, the replayed calls, --json,
// and located errors for bad calls files and inputs.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "json_reader.hpp"
#include "run_cli.hpp"

namespace symshape {
namespace {

using testing::Json;
using testing::parse_json;
using testing::run_cli;

std::string example(const std::string& name) { return std::string(SYMSHAPE_SOURCE_DIR) + "/examples/" + name; }

// A file in the test's temp dir holding `text`; removed at the end of the test.
struct TempFile {
  std::string path;
  TempFile(const std::string& name, const std::string& text) : path(::testing::TempDir() + name) {
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

// relu forward; the joint's backward slices 8 rows (asks `s0 < 8`).
const std::string kForward =
    "class GraphModule(torch.nn.Module):\n"
    "    def forward(self, x_1: \"f32[s0, s1][s1, 1]cpu\"):\n"
    "        relu: \"f32[s0, s1][s1, 1]cpu\" = torch.ops.aten.relu.default(x_1);  x_1 = None\n"
    "        return relu\n";
const std::string kJoint =
    "class inner_f(torch.nn.Module):\n"
    "    def forward(self, primals_1: \"f32[s0, s1][s1, 1]cpu\", tangents_1: \"f32[s0, s1][s1, 1]cpu\"):\n"
    "        relu: \"f32[s0, s1][s1, 1]cpu\" = torch.ops.aten.relu.default(primals_1);  primals_1 = None\n"
    "        threshold_backward: \"f32[s0, s1][s1, 1]cpu\" = "
    "torch.ops.aten.threshold_backward.default(tangents_1, relu, 0);  tangents_1 = None\n"
    "        slice_1: \"f32[8, s1][s1, 1]cpu\" = torch.ops.aten.slice.Tensor(threshold_backward, 0, 0, 8)\n"
    "        return (relu, slice_1)\n";

TEST(TracePipelineCli, BackwardPrintsStagesMinimalSetAndReasons) {
  auto r = run_cli({"trace", example("mlp_forward.txt"), "--backward", example("mlp_joint.txt")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string& out = r.out;
  // The plain trace report comes first, unchanged.
  EXPECT_NE(out.find("hints: "), std::string::npos) << out;
  EXPECT_NE(out.find("pipeline: capture " + example("mlp_forward.txt") + ", aot " + example("mlp_joint.txt")),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("raw guards: "), std::string::npos) << out;
  EXPECT_NE(out.find("capture "), std::string::npos) << out;
  EXPECT_NE(out.find("minimal set: "), std::string::npos) << out;
  EXPECT_NE(out.find("L['x'].size()[0]"), std::string::npos) << out;
  EXPECT_NE(out.find("[capture]"), std::string::npos) << out;
}

TEST(TracePipelineCli, DeriveBackwardRunsTheDerivedJoint) {
  auto r = run_cli({"trace", example("mlp_forward.txt"), "--derive-backward"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("pipeline: capture " + example("mlp_forward.txt") + ", aot (derived from the forward)\n"),
            std::string::npos)
      << r.out;
  auto both = run_cli({"trace", example("mlp_forward.txt"), "--derive-backward", "--backward",
                       example("mlp_joint.txt")});
  EXPECT_EQ(both.exit_code, 2);
}

TEST(TracePipelineCli, CallsReplayHitsMissesAndRecompiles) {
  TempFile forward("pipeline_cli_forward.txt", kForward);
  TempFile joint("pipeline_cli_joint.txt", kJoint);
  TempFile calls("pipeline_cli_calls.txt", "# batch sizes\nx=32,5\n\nx_1=4,6\nx=5,7\n");
  auto r = run_cli({"trace", forward.path, "--backward", joint.path, "--input", "x_1=16,4", "--calls", calls.path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string& out = r.out;
  EXPECT_NE(out.find("  inputs (x_1=16,4): miss; recompiled entry 1\n"), std::string::npos) << out;
  // The backward's guard, kept with its provenance; the range it repeats, dropped with its reason.
  EXPECT_NE(out.find("raw guards: 3 (aot backward 1, symbol ranges 2)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  #0 L['x'].size()[0] >= 8  [aot backward] evaluate node slice_1 (aten.slice.Tensor) at " +
                     joint.path + ":5: slice: clamp end\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("dropped:\n  #1 L['x'].size()[0] >= 8: duplicate of #0  [symbol ranges]"), std::string::npos)
      << out;
  EXPECT_NE(out.find("  line 2 (x_1=32,5): hit entry 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  line 4 (x_1=4,6): miss; entry 1: L['x'].size()[0] >= 8 failed: L['x'].size()[0]=4; "
                     "recompiled entry 2\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("  line 5 (x_1=5,7): hit entry 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("cache: calls=4 hits=2 misses=2 recompiles=2 failed_recompiles=0 entries=2\n"), std::string::npos)
      << out;
}

TEST(TracePipelineCli, JsonCarriesThePipeline) {
  TempFile forward("pipeline_cli_json_forward.txt", kForward);
  TempFile joint("pipeline_cli_json_joint.txt", kJoint);
  TempFile calls("pipeline_cli_json_calls.txt", "x=4,6\n");
  auto r = run_cli({"trace", forward.path, "--backward", joint.path, "--input", "x_1=16,4", "--calls", calls.path,
                    "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const Json doc = parse_json(r.out);
  EXPECT_EQ(doc.at("graphs").array.size(), 1u);  // the plain trace is still there
  const Json& p = doc.at("pipeline");
  bool backward_kept = false;
  for (const Json& g : p.at("entry").at("guards").array) {
    backward_kept = backward_kept || (g.at("stage").string == "aot backward" && g.at("status").string == "kept");
  }
  EXPECT_TRUE(backward_kept) << r.out;
  ASSERT_EQ(p.at("calls").array.size(), 2u);
  EXPECT_FALSE(p.at("calls").array[1].at("hit").boolean);
  EXPECT_TRUE(p.at("calls").array[1].at("recompiled").boolean);
  EXPECT_EQ(p.at("calls").array[1].at("mismatches").array.at(0).at("guard").string, "L['x'].size()[0] >= 8");
  EXPECT_EQ(p.at("stats").at("recompiles").number, 2);
  // Without the flags there is no pipeline member.
  auto plain = run_cli({"trace", forward.path, "--json"});
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(parse_json(plain.out).object.count("pipeline"), 0u);
}

TEST(TracePipelineCli, BadCallsAndInputsAreLocated) {
  TempFile forward("pipeline_cli_bad_forward.txt", kForward);
  TempFile joint("pipeline_cli_bad_joint.txt", kJoint);
  TempFile unknown("pipeline_cli_bad_calls.txt", "x=4,4\n  y=3\n");
  auto r = run_cli({"trace", forward.path, "--backward", joint.path, "--calls", unknown.path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(unknown.path + ":2:3: no input named y"), std::string::npos) << r.err;

  TempFile bad_size("pipeline_cli_bad_size.txt", "x=4,four\n");
  r = run_cli({"trace", forward.path, "--calls", bad_size.path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad_size.path + ":1:3: x_1: 'four' is not a size"), std::string::npos) << r.err;

  TempFile rank("pipeline_cli_rank.txt", "x=4,4,4\n");
  r = run_cli({"trace", forward.path, "--calls", rank.path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(rank.path + ":1:1: x_1 has 2 dimensions, the call gives 3"), std::string::npos) << r.err;

  r = run_cli({"trace", forward.path, "--backward", joint.path + ".missing"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot read"), std::string::npos) << r.err;

  // A joint input with a size symbol nothing else fixes must be given.
  TempFile extra("pipeline_cli_extra_joint.txt",
                 "class GraphModule(torch.nn.Module):\n"
                 "    def forward(self, x_1: \"f32[s0, s1][s1, 1]cpu\", target_1: \"f32[s0, s9][s9, 1]cpu\"):\n"
                 "        relu: \"f32[s0, s1][s1, 1]cpu\" = torch.ops.aten.relu.default(x_1)\n"
                 "        return (relu,)\n");
  r = run_cli({"trace", forward.path, "--backward", extra.path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(extra.path + ":2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("target_1"), std::string::npos) << r.err;
  r = run_cli({"trace", forward.path, "--backward", extra.path, "--input", "target_1=64,3"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace symshape
