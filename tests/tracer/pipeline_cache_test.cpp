// CompiledCache: hits, misses that name the failing guard, recompiles; and
// the bug PR 89373/90039 fixed: an aot stage with a private ShapeEnv loses
// its guards, so the cache accepts a call that breaks a backward guard.
#include <gtest/gtest.h>

#include "pipeline_support.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape::tracer {
namespace {

using testing::read_one_graph;

// relu forward; its joint slices the gradient to 8 rows, a question about
// the batch size (`s0 < 8`) that only the backward asks.
constexpr const char* kForward = R"(class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1][s1, 1]cpu"):
        relu: "f32[s0, s1][s1, 1]cpu" = torch.ops.aten.relu.default(x_1);  x_1 = None
        return relu
)";

constexpr const char* kJoint = R"(class inner_f(torch.nn.Module):
    def forward(self, primals_1: "f32[s0, s1][s1, 1]cpu", tangents_1: "f32[s0, s1][s1, 1]cpu"):
        relu: "f32[s0, s1][s1, 1]cpu" = torch.ops.aten.relu.default(primals_1);  primals_1 = None
        threshold_backward: "f32[s0, s1][s1, 1]cpu" = torch.ops.aten.threshold_backward.default(tangents_1, relu, 0);  tangents_1 = None
        slice_1: "f32[8, s1][s1, 1]cpu" = torch.ops.aten.slice.Tensor(threshold_backward, 0, 0, 8);  threshold_backward = None
        return (relu, slice_1)
)";

struct Fixture {
  Graph forward = read_one_graph(kForward);
  Graph joint = read_one_graph(kJoint);
  CompiledCache cache(bool private_aot_env) {
    PipelineOptions options;
    options.private_aot_env = private_aot_env;
    return CompiledCache(forward, JointGraph{&joint}, {RealInput{"x_1", {16, 4}}}, options);
  }
};

CallOutcome call(CompiledCache& cache, int64_t rows, int64_t cols) {
  return cache.call(InputSizes{{"x_1", {rows, cols}}});
}

// The first call compiles the cache's first entry; its run.
const PipelineRun* compile_first(CompiledCache& cache) {
  EXPECT_TRUE(call(cache, 16, 4).recompiled);
  return cache.last_run();
}

bool mentions_backward_guard(const std::vector<EntryMismatch>& mismatches) {
  for (const EntryMismatch& m : mismatches) {
    if (to_sympy(m.guard).find("L['x'].size()[0]") != std::string::npos && m.reason.find("8") != std::string::npos) {
      return true;
    }
  }
  return false;
}

TEST(PipelineCache, HitsMissesAndRecompiles) {
  Fixture f;
  CompiledCache cache = f.cache(false);
  const CallOutcome first = call(cache, 16, 4);
  EXPECT_FALSE(first.hit);
  EXPECT_TRUE(first.recompiled) << first.error;
  EXPECT_TRUE(first.mismatches.empty());  // nothing to mismatch in an empty cache

  const CallOutcome same_shape_class = call(cache, 32, 5);
  EXPECT_TRUE(same_shape_class.hit);
  EXPECT_EQ(same_shape_class.entry_id, first.entry_id);

  // (4, 4) would duck-size both dimensions into one symbol (a guard that
  // they are equal); (4, 6) keeps them apart.
  const CallOutcome small = call(cache, 4, 6);
  EXPECT_FALSE(small.hit);
  EXPECT_TRUE(small.recompiled) << small.error;
  ASSERT_EQ(small.mismatches.size(), 1u);
  EXPECT_TRUE(mentions_backward_guard(small.mismatches)) << small.mismatches[0].reason;
  EXPECT_NE(small.entry_id, first.entry_id);

  EXPECT_TRUE(call(cache, 5, 7).hit);
  EXPECT_EQ(call(cache, 5, 7).entry_id, small.entry_id);
  EXPECT_EQ(call(cache, 100, 2).entry_id, first.entry_id);

  // A size of 1 is specialized: neither entry covers it.
  const CallOutcome one = call(cache, 1, 4);
  EXPECT_FALSE(one.hit);
  EXPECT_EQ(one.mismatches.size(), 2u);
  EXPECT_TRUE(one.recompiled) << one.error;
  EXPECT_TRUE(call(cache, 1, 9).hit);

  const CompiledCacheStats& s = cache.stats();
  EXPECT_EQ(s.calls, 8u);
  EXPECT_EQ(s.hits, 5u);
  EXPECT_EQ(s.misses, 3u);
  EXPECT_EQ(s.recompiles, 3u);
  EXPECT_EQ(s.failed_recompiles, 0u);
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.guard_stats().lookups, 8u);
}

TEST(PipelineCache, OneEnvInstallsTheBackwardGuard) {
  Fixture f;
  CompiledCache cache = f.cache(false);
  const PipelineRun* run = compile_first(cache);
  ASSERT_NE(run, nullptr);
  bool kept_backward = false;
  for (size_t k : run->entry.kept) kept_backward = kept_backward || run->entry.raw[k].provenance.stage == kAotBackwardStage;
  EXPECT_TRUE(kept_backward);
  // The call that satisfies every capture guard but breaks the backward's:
  // a miss naming that guard, then a recompile.
  const CallOutcome small = call(cache, 4, 4);
  EXPECT_FALSE(small.hit);
  EXPECT_TRUE(mentions_backward_guard(small.mismatches));
  EXPECT_TRUE(small.recompiled);
}

TEST(PipelineCache, PrivateAotEnvLosesTheBackwardGuard) {
  Fixture f;
  CompiledCache cache = f.cache(true);
  const PipelineRun* run = compile_first(cache);
  ASSERT_NE(run, nullptr);
  ASSERT_NE(run->aot_env, nullptr);
  // The aot stage did ask the backward's question, in its own env ...
  bool asked = false;
  for (const GuardRecord& g : run->aot_env->recorded_guards()) asked = asked || g.provenance.stage == kAotBackwardStage;
  EXPECT_TRUE(asked);
  // ... and none of it reached the entry.
  for (const CompiledGuard& g : run->entry.raw) EXPECT_NE(g.provenance.stage, kAotBackwardStage);
  // So the call that breaks the backward guard is (wrongly) accepted.
  const CallOutcome small = call(cache, 4, 4);
  EXPECT_TRUE(small.hit);
  EXPECT_FALSE(small.recompiled);
}

TEST(PipelineCache, FlatCallsAndLookupAgreeWithNamedCalls) {
  Fixture f;
  CompiledCache cache = f.cache(false);
  EXPECT_EQ(cache.flat_size(), 2u);
  EXPECT_EQ(cache.lookup(std::vector<int64_t>{16, 4}), nullptr);  // empty cache
  ASSERT_TRUE(cache.call(std::vector<int64_t>{16, 4}).recompiled);
  EXPECT_NE(cache.lookup(std::vector<int64_t>{20, 3}), nullptr);
  EXPECT_EQ(cache.lookup(std::vector<int64_t>{3, 3}), nullptr);
  EXPECT_THROW(cache.call(std::vector<int64_t>{16}), InvalidArgumentError);
}

TEST(PipelineCache, BadCallsAreNamedErrors) {
  Fixture f;
  CompiledCache cache = f.cache(false);
  EXPECT_THROW(cache.call(InputSizes{{"y_1", {2, 3}}}), TraceInputError);
  EXPECT_THROW(cache.call(InputSizes{{"x_1", {2, 3, 4}}}), TraceInputError);
  try {
    cache.call(InputSizes{{"x_1", {2}}});
    FAIL() << "a call of the wrong rank was accepted";
  } catch (const TraceInputError& e) {
    EXPECT_NE(std::string(e.what()).find("x_1"), std::string::npos) << e.what();
  }
  EXPECT_EQ(cache.stats().calls, 0u);
}

}  // namespace
}  // namespace symshape::tracer
