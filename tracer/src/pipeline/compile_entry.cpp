#include "compile_entry.hpp"

#include <algorithm>
#include <chrono>
#include <unordered_set>

namespace symshape::tracer::pipeline_detail {
namespace {

// produce_guards() gives range guards no stage: they belong to no stage but
// to the symbols every stage shares.
constexpr const char* kRangeStage = "symbol ranges";

std::string drop_reason_text(const DroppedGuard& d) {
  std::string by;
  for (size_t k : d.by) by += (by.empty() ? "#" : ", #") + std::to_string(k);
  switch (d.reason) {
    case DropReason::Duplicate: return "duplicate of " + by;
    case DropReason::Trivial: return "trivial";
    case DropReason::Implied: return by.empty() ? "implied by the symbol domain" : "implied by " + by;
  }
  return "?";
}

void count_stage(std::vector<StageGuardCount>& counts, const std::string& stage) {
  for (StageGuardCount& c : counts) {
    if (c.stage == stage) {
      ++c.raw;
      return;
    }
  }
  counts.push_back({stage, 1});
}

}  // namespace

CompiledEntry compile_entry(const ShapeEnv& env, const MinimizeOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  CompiledEntry entry;
  const std::vector<GuardRecord> records = env.produce_guards();
  const std::vector<GuardRecord> in_sources = env.produce_source_guards();
  std::unordered_set<Expr, ExprHash> source_symbols;
  for (const SourceInfo& s : env.sources()) source_symbols.insert(symbol(s.name));
  // The cache checks what it can read off a call's sizes: guards over sources.
  // Anything else (an assertion over an unbacked size) the compiled code asserts.
  std::vector<Expr> checked;
  std::vector<size_t> checked_raw;
  for (size_t i = 0; i < records.size(); ++i) {
    CompiledGuard g{in_sources[i].condition, records[i].condition, records[i].kind, records[i].origin,
                    records[i].provenance};
    if (g.provenance.stage.empty()) g.provenance.stage = kRangeStage;
    count_stage(entry.raw_per_stage, g.provenance.stage);
    bool over_sources = g.kind == GuardKind::Guard;
    for (Expr s : free_symbols(g.condition)) over_sources = over_sources && source_symbols.count(s);
    if (over_sources) {
      checked.push_back(g.condition);
      checked_raw.push_back(i);
    } else {
      entry.runtime_asserts.push_back(i);
    }
    entry.raw.push_back(std::move(g));
  }
  MinimizeResult m = minimize(std::span<const Expr>(checked), options);
  entry.minimize_stats = m.stats;
  if (m.contradiction) {
    entry.contradiction = m.contradiction;
    for (size_t& k : entry.contradiction->core) k = checked_raw[k];
  }
  for (size_t k : m.kept) entry.kept.push_back(checked_raw[k]);
  for (DroppedGuard d : m.dropped) {
    d.index = checked_raw[d.index];
    for (size_t& k : d.by) k = checked_raw[k];
    entry.dropped.push_back({d.index, d, drop_reason_text(d)});
  }
  entry.compile_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return entry;
}

}  // namespace symshape::tracer::pipeline_detail

namespace symshape::tracer {

double CompiledEntry::z3_share() const {
  const MinimizeStats& m = minimize_stats;
  if (m.prover_queries == 0) return 0.0;
  // A question left Unknown got there through Z3 (the cheap tiers answer or pass).
  const uint64_t reached = m.answered_by[static_cast<int>(ProverTier::Z3)] + m.unknown;
  return std::min(1.0, static_cast<double>(reached) / static_cast<double>(m.prover_queries));
}

std::vector<Expr> CompiledEntry::kept_conditions() const {
  std::vector<Expr> out;
  out.reserve(kept.size());
  for (size_t k : kept) out.push_back(raw[k].condition);
  return out;
}

}  // namespace symshape::tracer
