// `symshape --json`: the main job's report as one object (main_job_print.hpp
// documents its shape).
#include <cstdio>
#include <ostream>
#include <string>

#include "json_writer.hpp"
#include "main_job_print.hpp"

namespace symshape::cli {
namespace {

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::string boolean(bool b) { return b ? "true" : "false"; }

template <class T, class F>
std::string list_json(const std::vector<T>& items, F&& item_json) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + item_json(items[i]);
  return out + "]";
}

std::string kept_json(const KeptGuardRow& k) {
  return "{\"raw_index\": " + std::to_string(k.raw_index) + ", \"guard\": " + json_string(k.guard) +
         ", \"stage\": " + json_string(k.stage) + ", \"node\": " + json_string(k.node) + ", \"op\": " + json_string(k.op) +
         ", \"origin\": " + json_string(k.origin) + "}";
}

std::string mismatch_json(const CallMismatch& m) {
  return "{\"entry_id\": " + std::to_string(m.entry_id) + ", \"reason\": " + json_string(m.reason) + "}";
}

std::string call_json(const ReplayedCall& c) {
  return "{\"sizes\": " + json_string(c.sizes) + ", \"hit\": " + boolean(c.hit) + ", \"recompiled\": " +
         boolean(c.recompiled) + ", \"entry_id\": " + std::to_string(c.entry_id) + ", \"mismatches\": " +
         list_json(c.mismatches, mismatch_json) + ", \"error\": " + json_string(c.error) + "}";
}

std::string cost_json(const std::optional<LookupCost>& cost) {
  if (!cost) return "null";
  return "{\"lookup_ns\": " + number(cost->lookup_ns) + ", \"minimal_check_ns\": " + number(cost->minimal_check_ns) +
         ", \"raw_check_ns\": " + number(cost->raw_check_ns) + ", \"minimal_guards\": " +
         std::to_string(cost->minimal_guards) + ", \"raw_guards\": " + std::to_string(cost->raw_guards) + "}";
}

std::string model_json(const ModelReport& m) {
  std::string stages = "[";
  for (size_t i = 0; i < m.raw_per_stage.size(); ++i) {
    stages += (i ? ", " : "") + std::string("{\"stage\": ") + json_string(m.raw_per_stage[i].first) +
              ", \"raw\": " + std::to_string(m.raw_per_stage[i].second) + "}";
  }
  stages += "]";
  std::string reasons = "{";
  bool first = true;
  for (const auto& [reason, count] : m.dropped_by_reason) {
    reasons += (first ? "" : ", ") + json_string(reason) + ": " + std::to_string(count);
    first = false;
  }
  reasons += "}";
  return "{\"name\": " + json_string(m.name) + ", \"description\": " + json_string(m.description) +
         ", \"forward_nodes\": " + std::to_string(m.forward_nodes) + ", \"joint_nodes\": " +
         std::to_string(m.joint_nodes) + ", \"aot_forward_nodes\": " + std::to_string(m.aot_forward_nodes) +
         ", \"aot_backward_nodes\": " + std::to_string(m.aot_backward_nodes) + ", \"raw_per_stage\": " + stages + ", \"raw\": " + std::to_string(m.raw) +
         ", \"runtime_asserts\": " + std::to_string(m.runtime_asserts) + ", \"minimal\": " +
         list_json(m.kept, kept_json) + ", \"dropped\": " + std::to_string(m.dropped) +
         ", \"dropped_by_reason\": " + reasons + ", \"contradiction\": " +
         (m.contradiction ? json_string(*m.contradiction) : "null") + ", \"propagation_failures\": " +
         std::to_string(m.propagation_failures) + ", \"trace_seconds\": " + number(m.trace_seconds) +
         ", \"compile_seconds\": " + number(m.compile_seconds) + ", \"prover_queries\": " +
         std::to_string(m.prover_queries) + ", \"z3_checks\": " + std::to_string(m.z3_checks) +
         ", \"z3_share\": " + number(m.z3_share) + ", \"calls\": " + list_json(m.calls, call_json) +
         ", \"hits\": " + std::to_string(m.hits) + ", \"misses\": " + std::to_string(m.misses) +
         ", \"recompiles\": " + std::to_string(m.recompiles) + ", \"failed_recompiles\": " +
         std::to_string(m.failed_recompiles) + ", \"entries\": " + std::to_string(m.entries) +
         ", \"lookup\": " + cost_json(m.cost) + "}";
}

}  // namespace

void print_main_job_json(const MainJobReport& report, std::ostream& out) {
  out << "{\"models\": " << list_json(report.models, model_json) << ", \"seconds\": " << number(report.seconds)
      << "}\n";
}

}  // namespace symshape::cli
