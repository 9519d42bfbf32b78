// The main job behind a bare `symshape` (issue 9): each example model's
// forward and backward traced through ONE ShapeEnv (capture stage like
// TorchDynamo, aot stage like aot_autograd), every guard collected at
// lowering time and minimized, installed in the pipeline's cache, then a
// stream of calls with varying sizes replayed against that cache.
//
// run_main_job() computes everything into a MainJobReport (no printing);
// main_job_text.cpp and main_job_json.cpp print it. Every number in the
// report is measured or counted by this run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace symshape::cli {

struct KeptGuardRow {
  size_t raw_index = 0;  // 1-based position in the raw list, as printed
  std::string guard;     // over sources (L['x'].size()[0])
  std::string stage, node, op;
  std::string origin;  // guard_origin_name: "evaluate", "static_dim" (a parameter's size), ...
};

struct CallMismatch {
  uint64_t entry_id = 0;
  std::string reason;  // `Eq(L['x'].size()[0], 1) failed: L['x'].size()[0]=4`
};

struct ReplayedCall {
  std::string sizes;  // the non-parameter inputs' sizes, e.g. "tokens=[3, 12]"
  bool hit = false;
  bool recompiled = false;
  uint64_t entry_id = 0;
  std::vector<CallMismatch> mismatches;  // miss: per entry in lookup order (oldest first)
  std::string error;  // miss whose re-trace failed
};

struct LookupCost {
  // Best of several timed loops, in-process, ns per call.
  double lookup_ns = 0;         // CompiledCache::lookup of a hit (slot fill + minimal set)
  double minimal_check_ns = 0;  // the minimal set's GuardProgram alone
  double raw_check_ns = 0;      // a GuardProgram of every raw guard at the same sizes
  size_t minimal_guards = 0, raw_guards = 0;
};

struct ModelReport {
  std::string name, description;
  size_t forward_nodes = 0, joint_nodes = 0;  // call nodes of the recorded graphs
  // Call nodes of the joint graph the aot stage traced at the first
  // compilation, by stage (so "aot backward 0 guards" reads as: traced, and
  // every question answered by what earlier stages recorded).
  size_t aot_forward_nodes = 0, aot_backward_nodes = 0;
  // The first compilation (the recorded sizes).
  // Stage -> raw guards: capture, aot forward, aot backward always (a stage
  // whose questions the facts of earlier stages answered adds 0), then any
  // other stage the entry names (the symbols' range guards).
  std::vector<std::pair<std::string, size_t>> raw_per_stage;
  size_t raw = 0, runtime_asserts = 0;
  std::vector<KeptGuardRow> kept;
  std::map<std::string, size_t> dropped_by_reason;  // "duplicate", "trivial", "implied"
  size_t dropped = 0;
  std::optional<std::string> contradiction;
  size_t propagation_failures = 0;
  double trace_seconds = 0, compile_seconds = 0;
  uint64_t prover_queries = 0, z3_checks = 0;
  double z3_share = 0;
  // The replay.
  std::vector<ReplayedCall> calls;
  uint64_t hits = 0, misses = 0, recompiles = 0, failed_recompiles = 0;
  size_t entries = 0;
  std::optional<LookupCost> cost;  // absent when the first compilation installed nothing
};

struct MainJobReport {
  std::vector<ModelReport> models;
  double seconds = 0;  // the whole job, wall clock
};

// Runs the job. Throws std::runtime_error only for a build mistake (an
// embedded graph that does not read); trace failures are in the report.
MainJobReport run_main_job();

}  // namespace symshape::cli
