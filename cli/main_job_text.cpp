// The main job's screen (a bare `symshape`): one block per model.
#include <algorithm>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

#include "main_job_print.hpp"

namespace symshape::cli {
namespace {

// The minimal set is shown in full up to this many guards (the screen stays
// one screen); --json always lists every guard.
constexpr size_t kMaxKeptRows = 8;

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string pad(const std::string& s, size_t width) { return s.size() >= width ? s : s + std::string(width - s.size(), ' '); }

// A parameter's size guard (static_dim): every parameter has them, so the
// screen counts them in one line and lists the guards the graph raised.
bool is_parameter_size(const KeptGuardRow& k) { return k.origin == "static_dim"; }

void print_kept(const ModelReport& m, std::ostream& out) {
  std::vector<const KeptGuardRow*> rows;
  const KeptGuardRow* parameter_example = nullptr;
  size_t parameter_sizes = 0;
  for (const KeptGuardRow& k : m.kept) {
    if (!is_parameter_size(k)) {
      rows.push_back(&k);
    } else if (parameter_sizes++ == 0) {
      parameter_example = &k;
    }
  }
  const size_t shown = std::min(rows.size(), kMaxKeptRows);
  size_t w_index = 0, w_guard = 0, w_stage = 0, w_node = 0;
  for (size_t i = 0; i < shown; ++i) {
    const KeptGuardRow& k = *rows[i];
    w_index = std::max(w_index, std::to_string(k.raw_index).size() + 1);
    w_guard = std::max(w_guard, k.guard.size());
    w_stage = std::max(w_stage, k.stage.size());
    w_node = std::max(w_node, k.node.size());
  }
  for (size_t i = 0; i < shown; ++i) {
    const KeptGuardRow& k = *rows[i];
    out << "    " << pad("#" + std::to_string(k.raw_index), w_index) << "  " << pad(k.guard, w_guard) << "  "
        << pad(k.stage, w_stage) << "  " << pad(k.node.empty() ? "-" : k.node, w_node) << "  "
        << (k.op.empty() ? "-" : k.op) << '\n';
  }
  if (rows.size() > shown) out << "    ... and " << rows.size() - shown << " more (symshape --json lists all)\n";
  if (parameter_example != nullptr) {
    out << "    + " << parameter_sizes << " parameter sizes, static (parameters specialize), e.g. "
        << parameter_example->guard << '\n';
  }
}

void print_replay(const ModelReport& m, std::ostream& out) {
  size_t w_sizes = 0;
  for (const ReplayedCall& c : m.calls) w_sizes = std::max(w_sizes, c.sizes.size());
  for (size_t i = 0; i < m.calls.size(); ++i) {
    const ReplayedCall& c = m.calls[i];
    out << "    " << pad(std::to_string(i + 1), 3) << pad(c.sizes, w_sizes) << "  ";
    if (c.hit) {
      out << "hit entry " << c.entry_id << '\n';
      continue;
    }
    if (c.mismatches.empty()) {
      out << "miss (empty cache)";
    } else {
      // The oldest entry first: the one compiled for the recorded sizes.
      out << "miss (entry " << c.mismatches.front().entry_id << ": " << c.mismatches.front().reason;
      if (c.mismatches.size() > 1) out << "; " << c.mismatches.size() - 1 << " more entries failed";
      out << ")";
    }
    if (c.recompiled) out << " -> compiled entry " << c.entry_id;
    if (!c.error.empty()) out << " -> not compiled: " << c.error;
    out << '\n';
  }
}

void print_model(const ModelReport& m, std::ostream& out) {
  out << m.name << ": " << m.description << "\n  traced at the recorded sizes: capture " << m.forward_nodes
      << " call nodes (forward graph), aot " << m.aot_forward_nodes << " + " << m.aot_backward_nodes
      << " (joint graph: forward + backward)\n";
  out << "  raw guards:";
  for (size_t i = 0; i < m.raw_per_stage.size(); ++i) {
    out << (i ? ", " : " ") << m.raw_per_stage[i].first << " " << m.raw_per_stage[i].second;
  }
  out << " = " << m.raw << (m.runtime_asserts ? " (" + std::to_string(m.runtime_asserts) + " runtime asserts)" : "")
      << '\n';
  if (m.contradiction) out << "  the raw guards contradict each other: " << *m.contradiction << '\n';
  if (m.propagation_failures) out << "  " << m.propagation_failures << " nodes failed to propagate\n";
  out << "  minimal set: " << m.kept.size() << " guards (raw #, guard over inputs, stage, node, op)\n";
  print_kept(m, out);
  out << "  dropped " << m.dropped;
  bool first = true;
  for (const auto& [reason, count] : m.dropped_by_reason) {
    out << (first ? ": " : ", ") << count << " " << reason;
    first = false;
  }
  out << "\n  time: trace " << fixed(m.trace_seconds * 1e3, 1) << " ms, minimize " << fixed(m.compile_seconds * 1e3, 1)
      << " ms; " << m.prover_queries << " Prover queries, " << m.z3_checks << " reached Z3 ("
      << fixed(m.z3_share * 100, 1) << "%)\n";
  out << "  replay of " << m.calls.size() << " calls against the cache:\n";
  print_replay(m, out);
  out << "  hits " << m.hits << ", misses " << m.misses << ", recompiles " << m.recompiles;
  if (m.failed_recompiles) out << ", failed recompiles " << m.failed_recompiles;
  out << ", entries " << m.entries << '\n';
  if (m.cost) {
    const LookupCost& c = *m.cost;
    out << "  lookup (hit): " << fixed(c.lookup_ns, 0) << " ns; its " << c.minimal_guards << " guards alone "
        << fixed(c.minimal_check_ns, 0) << " ns; checking the " << c.raw_guards << " raw guards "
        << fixed(c.raw_check_ns, 0) << " ns (" << fixed(c.raw_check_ns / c.minimal_check_ns, 1) << "x)\n";
  }
}

}  // namespace

void print_main_job_text(const MainJobReport& report, std::ostream& out) {
  out << "symshape: no command given, so here is the main job ('symshape --help' lists the commands).\n"
         "Each model's forward and backward graphs (recorded with PyTorch 1.13) are traced through ONE\n"
         "ShapeEnv: capture stage (like TorchDynamo), then aot stage (like aot_autograd) on the same\n"
         "fake tensors. At lowering time every guard is minimized, the set is installed in a guard\n"
         "cache, and a stream of calls with other sizes is replayed against it.\n";
  for (const ModelReport& m : report.models) {
    out << '\n';
    print_model(m, out);
  }
  out << "\nwhole job: " << fixed(report.seconds, 2) << " s. symshape --json prints the same as one object.\n";
}

}  // namespace symshape::cli
