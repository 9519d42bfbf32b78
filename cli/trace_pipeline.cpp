// `symshape trace --backward / --calls`: runs the pipeline, prints its entry
// (per-stage counts, the minimal set with provenance, drop reasons) and the
// replayed calls.
#include <cstdio>
#include <sstream>

#include "common.hpp"
#include "json_writer.hpp"
#include "trace_pipeline.hpp"
#include "trace_report.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape::cli {
namespace {

using tracer::CompiledGuard;
using tracer::CompiledEntry;

std::string sizes_text(const std::vector<int64_t>& sizes) {
  std::string out;
  for (size_t i = 0; i < sizes.size(); ++i) out += (i ? "," : "") + std::to_string(sizes[i]);
  return out;
}

std::string provenance_text(const CompiledGuard& g) {
  const Provenance& p = g.provenance;
  std::string out = "[" + p.stage + "] " + guard_origin_name(g.origin);
  if (!p.node.empty()) out += " node " + p.node;
  if (!p.operation.empty()) out += " (" + p.operation + ")";
  if (!p.location.empty()) out += " at " + p.location;
  if (!p.reason.empty()) out += ": " + p.reason;
  return out;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", s);
  return buf;
}

void print_entry_text(const CompiledEntry& e, std::ostream& out) {
  out << "pipeline inputs:";
  for (const tracer::RealInput& in : e.inputs) out << ' ' << in.name << '=' << sizes_text(in.sizes);
  out << "\nraw guards: " << e.raw.size() << " (";
  for (size_t i = 0; i < e.raw_per_stage.size(); ++i) {
    out << (i ? ", " : "") << e.raw_per_stage[i].stage << ' ' << e.raw_per_stage[i].raw;
  }
  out << ")\nminimal set: " << e.kept.size() << " guards (" << e.dropped.size() << " dropped, "
      << e.runtime_asserts.size() << " runtime assertions)\n";
  for (size_t k : e.kept) out << "  #" << k << ' ' << to_sympy(e.raw[k].condition) << "  " << provenance_text(e.raw[k]) << '\n';
  if (!e.dropped.empty()) out << "dropped:\n";
  for (const tracer::DroppedCompiledGuard& d : e.dropped) {
    out << "  #" << d.index << ' ' << to_sympy(e.raw[d.index].condition) << ": " << d.reason << "  "
        << provenance_text(e.raw[d.index]) << '\n';
  }
  if (!e.runtime_asserts.empty()) out << "runtime assertions:\n";
  for (size_t k : e.runtime_asserts) {
    out << "  #" << k << ' ' << to_sympy(e.raw[k].condition) << "  " << provenance_text(e.raw[k]) << '\n';
  }
  if (e.contradiction) out << "contradiction: the raw guards cannot all hold\n";
  out << "compile: trace " << seconds_text(e.trace_seconds) << " s, minimize " << seconds_text(e.compile_seconds)
      << " s, prover queries " << e.minimize_stats.prover_queries << ", reached z3 "
      << static_cast<int>(e.z3_share() * 100.0 + 0.5) << "%\n";
}

std::string guard_json(const CompiledEntry& e, size_t i) {
  const CompiledGuard& g = e.raw[i];
  const Provenance& p = g.provenance;
  std::string status = "\"kept\"";
  for (size_t k : e.runtime_asserts) status = k == i ? "\"runtime_assert\"" : status;
  std::string dropped = "null";
  for (const tracer::DroppedCompiledGuard& d : e.dropped) {
    if (d.index == i) {
      status = "\"dropped\"";
      dropped = json_string(d.reason);
    }
  }
  return "{\"index\": " + std::to_string(i) + ", \"guard\": " + json_string(to_sympy(g.condition)) +
         ", \"env_guard\": " + json_string(to_sympy(g.env_condition)) + ", \"kind\": " +
         json_string(guard_kind_name(g.kind)) + ", \"origin\": " + json_string(guard_origin_name(g.origin)) +
         ", \"stage\": " + json_string(p.stage) + ", \"graph\": " + json_string(p.graph) + ", \"node\": " +
         json_string(p.node) + ", \"op\": " + json_string(p.operation) + ", \"location\": " + json_string(p.location) +
         ", \"reason\": " + json_string(p.reason) + ", \"status\": " + status + ", \"dropped\": " + dropped + "}";
}

std::string entry_json(const CompiledEntry& e) {
  std::ostringstream out;
  out << "{\"inputs\": [";
  for (size_t i = 0; i < e.inputs.size(); ++i) {
    out << (i ? ", " : "") << "{\"name\": " << json_string(e.inputs[i].name) << ", \"sizes\": ["
        << sizes_text(e.inputs[i].sizes) << "], \"parameter\": " << (e.inputs[i].parameter ? "true" : "false") << "}";
  }
  out << "], \"raw_per_stage\": [";
  for (size_t i = 0; i < e.raw_per_stage.size(); ++i) {
    out << (i ? ", " : "") << "{\"stage\": " << json_string(e.raw_per_stage[i].stage)
        << ", \"raw\": " << e.raw_per_stage[i].raw << "}";
  }
  out << "], \"guards\": [";
  for (size_t i = 0; i < e.raw.size(); ++i) out << (i ? ", " : "") << guard_json(e, i);
  out << "], \"minimal\": [";
  for (size_t k = 0; k < e.kept.size(); ++k) out << (k ? ", " : "") << json_string(to_sympy(e.raw[e.kept[k]].condition));
  out << "], \"contradiction\": " << (e.contradiction ? "true" : "false")
      << ", \"propagation_failures\": " << e.propagation_failures << ", \"trace_seconds\": " << e.trace_seconds
      << ", \"compile_seconds\": " << e.compile_seconds << ", \"prover_queries\": " << e.minimize_stats.prover_queries
      << ", \"z3_share\": " << e.z3_share() << "}";
  return out.str();
}

std::string call_sizes_text(const tracer::InputSizes& sizes) {
  std::string out;
  for (const auto& [name, dims] : sizes) out += (out.empty() ? "" : " ") + name + "=" + sizes_text(dims);
  return out;
}

std::string outcome_text(const tracer::CallOutcome& o) {
  if (o.hit) return "hit entry " + std::to_string(o.entry_id);
  std::string out = "miss";
  for (const EntryMismatch& m : o.mismatches) out += "; entry " + std::to_string(m.entry_id) + ": " + m.reason;
  if (o.recompiled) return out + "; recompiled entry " + std::to_string(o.entry_id);
  return out + "; recompile failed: " + o.error;
}

std::string outcome_json(const PipelineCall& call, const tracer::CallOutcome& o) {
  std::string out = "{\"line\": " + std::to_string(call.line) + ", \"sizes\": {";
  bool first = true;
  for (const auto& [name, dims] : call.sizes) {
    out += (first ? "" : ", ") + json_string(name) + ": [" + sizes_text(dims) + "]";
    first = false;
  }
  out += "}, \"hit\": " + std::string(o.hit ? "true" : "false") + ", \"recompiled\": " + (o.recompiled ? "true" : "false") +
         ", \"entry\": " + std::to_string(o.entry_id) + ", \"mismatches\": [";
  for (size_t i = 0; i < o.mismatches.size(); ++i) {
    out += (i ? ", " : "") + std::string("{\"entry\": ") + std::to_string(o.mismatches[i].entry_id) +
           ", \"guard\": " + json_string(to_sympy(o.mismatches[i].guard)) +
           ", \"reason\": " + json_string(o.mismatches[i].reason) + "}";
  }
  return out + "], \"error\": " + (o.error.empty() ? "null" : json_string(o.error)) + "}";
}

// Node failures of a run, located, on io.err; true when there were any.
bool report_failures(const tracer::PipelineRun& run, const PipelineCliRequest& req, CommandIO& io) {
  for (const tracer::NodeFailure& f : run.capture->forward.failures) {
    io.err << located_failure(f, f.kind == tracer::NodeFailure::Kind::Skipped ? std::string() : req.forward_text) << '\n';
  }
  if (run.aot) {
    for (const tracer::NodeFailure& f : run.aot->joint.failures) {
      io.err << located_failure(f, f.kind == tracer::NodeFailure::Kind::Skipped ? std::string() : req.joint_text) << '\n';
    }
  }
  return run.entry.propagation_failures > 0;
}

}  // namespace

PipelineCliResult run_pipeline_cli(const PipelineCliRequest& req, bool json, CommandIO& io) {
  PipelineCliResult result;
  std::optional<tracer::JointGraph> joint;
  if (req.joint) joint = tracer::JointGraph{&*req.joint, req.first_backward_node};
  const tracer::PipelineRun run = tracer::run_pipeline(*req.forward, joint ? &*joint : nullptr, req.inputs);
  if (report_failures(run, req, io)) result.exit_code = kExitUsage;
  std::ostringstream js;
  js << "{\"forward\": " << json_string(req.forward->file) << ", \"joint\": "
     << (req.joint ? json_string(req.derived ? "derived" : req.joint->file) : std::string("null")) << ", \"entry\": " << entry_json(run.entry);
  if (!json) {
    io.out << "\npipeline: capture " << req.forward->file;
    if (req.joint) io.out << ", aot " << (req.derived ? "(derived from the forward)" : req.joint->file);
    io.out << '\n';
    print_entry_text(run.entry, io.out);
  }
  if (req.replay && result.exit_code == 0) {
    tracer::CompiledCache cache(*req.forward, joint, req.inputs);
    tracer::InputSizes first;
    for (const tracer::RealInput& in : req.inputs) first.emplace(in.name, in.sizes);
    std::vector<PipelineCall> calls = {PipelineCall{0, first}};
    calls.insert(calls.end(), req.calls.begin(), req.calls.end());
    js << ", \"calls\": [";
    if (!json) io.out << "calls (the first compiles the pipeline inputs):\n";
    for (size_t i = 0; i < calls.size(); ++i) {
      const tracer::CallOutcome o = cache.call(calls[i].sizes);
      js << (i ? ", " : "") << outcome_json(calls[i], o);
      if (!json) {
        io.out << "  " << (calls[i].line ? "line " + std::to_string(calls[i].line) : std::string("inputs")) << " ("
               << call_sizes_text(calls[i].sizes) << "): " << outcome_text(o) << '\n';
      }
    }
    const tracer::CompiledCacheStats& s = cache.stats();
    js << "], \"stats\": {\"calls\": " << s.calls << ", \"hits\": " << s.hits << ", \"misses\": " << s.misses
       << ", \"recompiles\": " << s.recompiles << ", \"failed_recompiles\": " << s.failed_recompiles
       << ", \"entries\": " << cache.size() << ", \"guards_checked_per_lookup\": "
       << cache.guard_stats().guards_checked_per_lookup() << "}";
    if (!json) {
      io.out << "cache: calls=" << s.calls << " hits=" << s.hits << " misses=" << s.misses
             << " recompiles=" << s.recompiles << " failed_recompiles=" << s.failed_recompiles
             << " entries=" << cache.size() << '\n'
             << "guards: " << cache.guard_stats().to_string() << '\n';
    }
  }
  js << "}";
  result.json = js.str();
  return result;
}

}  // namespace symshape::cli
