// Printing the main job's report (main_job.hpp): the one-screen text of a
// bare `symshape`, and the one JSON object of `symshape --json`.
#pragma once

#include <ostream>

#include "main_job.hpp"

namespace symshape::cli {

void print_main_job_text(const MainJobReport& report, std::ostream& out);

// {"models": [{"name", "description", "forward_nodes", "joint_nodes",
//   "aot_forward_nodes", "aot_backward_nodes",
//   "raw_per_stage": [{"stage", "raw"}], "raw", "runtime_asserts",
//   "minimal": [{"raw_index", "guard", "stage", "node", "op", "origin"}],
//   "dropped", "dropped_by_reason": {REASON: N}, "contradiction",
//   "propagation_failures", "trace_seconds", "compile_seconds",
//   "prover_queries", "z3_checks", "z3_share",
//   "calls": [{"sizes", "hit", "recompiled", "entry_id",
//              "mismatches": [{"entry_id", "reason"}], "error"}],
//   "hits", "misses", "recompiles", "failed_recompiles", "entries",
//   "lookup": {"lookup_ns", "minimal_check_ns", "raw_check_ns",
//              "minimal_guards", "raw_guards"} or null}],
//  "seconds"}
void print_main_job_json(const MainJobReport& report, std::ostream& out);

}  // namespace symshape::cli
