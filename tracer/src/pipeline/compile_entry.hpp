// Stage 3, compile at lowering time: every guard the one ShapeEnv recorded in
// every stage, minimized and expressed over sources, as one cache entry.
#pragma once

#include "symshape/engine/shape_env.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/tracer/pipeline.hpp"

namespace symshape::tracer::pipeline_detail {

// The entry's guards (raw, kept, dropped with reasons, runtime assertions,
// per-stage counts, minimize stats and compile time); the caller fills in
// the inputs, failure count and trace time.
CompiledEntry compile_entry(const ShapeEnv& env, const MinimizeOptions& options);

}  // namespace symshape::tracer::pipeline_detail
