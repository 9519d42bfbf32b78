// One compilation: capture, aot, compile, in that order, over one ShapeEnv.
#include <chrono>

#include "compile_entry.hpp"
#include "fakeify.hpp"
#include "symshape/tracer/pipeline.hpp"

namespace symshape::tracer {

PipelineRun run_pipeline(const Graph& forward, const JointGraph* joint, std::span<const RealInput> inputs,
                         const PipelineOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  PipelineRun run;
  run.env = std::make_unique<ShapeEnv>(options.env_options);
  const Graph* joint_graph = joint ? joint->graph : nullptr;
  run.capture.emplace(capture(forward, inputs, *run.env, options, joint_graph));
  if (joint) {
    if (options.private_aot_env) {
      // The old behaviour: aot makes its own fake tensors in its own env, and
      // nothing it learns reaches the cache entry.
      run.aot_env = std::make_unique<ShapeEnv>(options.env_options);
      const CapturedInputs own = pipeline_detail::fakeify(forward, inputs, *run.aot_env, joint_graph);
      run.aot.emplace(aot_trace(forward, *joint, own, *run.aot_env, options));
    } else {
      run.aot.emplace(aot_trace(forward, *joint, run.capture->inputs, *run.env, options));
    }
  }
  const double traced = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.entry = pipeline_detail::compile_entry(*run.env, options.minimize);
  run.entry.inputs.assign(inputs.begin(), inputs.end());
  run.entry.trace_seconds = traced;
  run.entry.propagation_failures = run.capture->forward.failures.size() + (run.aot ? run.aot->joint.failures.size() : 0);
  return run;
}

}  // namespace symshape::tracer
