// The capture -> aot pipeline and the cache it installs into (PyTorch PR
// 89373/90039: "example inputs to compilers are now fake tensors").
//
//  1. capture (like TorchDynamo): the real inputs become fake tensors ONCE, in
//     one ShapeEnv (stage "capture"); sources are named like Dynamo's
//     (`L['x'].size()[0]`); parameters are static; the forward graph is
//     propagated over those fake tensors.
//  2. aot (like aot_autograd): receives the SAME fake tensors (CapturedInputs,
//     which only capture() can create, so re-fakeifying is impossible by
//     construction) and traces the joint forward+backward graph with the SAME
//     ShapeEnv; its guards carry the stage "aot forward" or "aot backward".
//  3. compile at lowering time: only after both stages are ALL guards
//     collected, minimized, and expressed over sources, so the one cache entry
//     already holds every guard of every stage.
//  4. CompiledCache: checks a call's sizes against the entries, and on a miss
//     names the failing guard, re-traces with the new sizes (fresh ShapeEnv)
//     and installs a new entry.
//
// `PipelineOptions::private_aot_env` reproduces what PyTorch did before the
// PR: the aot stage re-fakeifies into its own ShapeEnv and its guards are
// never installed, so the cache accepts calls that break a backward guard.
//
// Ownership: a PipelineRun owns its ShapeEnv(s); CapturedInputs and every
// Value refer to expressions, which are interned process-wide and never freed,
// so they stay valid after the env is gone. CompiledCache copies the graphs
// it is given and owns its entries.
// Thread safety: nothing here is thread-safe; use one CompiledCache (and one
// pipeline run) per thread, or lock around it. Separate runs in separate
// threads are fine: the only shared state, the expression intern table, is
// locked.
// Cost: run_pipeline() and a CompiledCache miss cost a full trace of both
// graphs plus minimize() (micro- to milliseconds per graph, more when the
// Prover reaches Z3; bounded by MinimizeOptions::prover_budget); a hit costs
// one GuardProgram check per entry tried (tens of nanoseconds) and allocates
// nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "symshape/engine/shape_env.hpp"
#include "symshape/guards/guard_cache.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/tracer/fake_tensor.hpp"
#include "symshape/tracer/graph.hpp"
#include "symshape/tracer/op_registry.hpp"
#include "symshape/tracer/propagate.hpp"

namespace symshape::tracer {

// How one real input dimension is fakeified (torch._dynamo.mark_dynamic and
// friends). Duck: share the symbol of an earlier Duck dimension with the same
// size (PyTorch's default). Unbacked: a size-like data-dependent symbol (no
// hint; guards on it are runtime assertions, never cache checks).
enum class InputDimPolicy : uint8_t { Duck, Dynamic, Static, Unbacked };
const char* input_dim_policy_name(InputDimPolicy p);  // "duck", "dynamic", "static", "unbacked"

// One real input of the compiled function.
struct RealInput {
  // The forward graph's placeholder (`x_1`), or an extra input that only the
  // joint graph has (`target_1`).
  std::string name;
  std::vector<int64_t> sizes;
  // Empty: every dimension Duck. Otherwise one per dimension. A dimension
  // that the forward graph's annotation gives as a constant is Static
  // whatever is asked here (the graph was specialized there).
  std::vector<InputDimPolicy> policies = {};
  // Parameters are fakeified with static sizes (they specialize).
  bool parameter = false;
};

// Dynamo's names: placeholder `x_1` -> `L['x']` (a trailing `_1` stripped),
// its dimension 0 -> `L['x'].size()[0]`.
std::string input_source(std::string_view placeholder);
std::string input_size_source(std::string_view placeholder, size_t dim);

// One fakeified input.
struct CapturedTensor {
  std::string name;            // the placeholder name
  std::string source;          // L['x']
  std::vector<int64_t> sizes;  // the real sizes
  std::vector<InputDimPolicy> policies;  // as applied (Static where forced)
  bool parameter = false;
  Value value;  // the fake tensor, over the capture env's symbols
};

// The fake tensors of one capture, bound to the ShapeEnv that made them.
// Move-only, and only the capture stage can create one: a stage that holds a
// CapturedInputs received the capture's fake tensors; it cannot have made its
// own.
class CapturedInputs {
 public:
  CapturedInputs(CapturedInputs&&) noexcept = default;
  CapturedInputs& operator=(CapturedInputs&&) noexcept = default;
  CapturedInputs(const CapturedInputs&) = delete;
  CapturedInputs& operator=(const CapturedInputs&) = delete;

  // ShapeEnv::id() of the env the fake tensors' symbols belong to.
  uint64_t env_id() const { return env_id_; }
  std::span<const CapturedTensor> tensors() const { return tensors_; }
  // By placeholder name; nullptr when not captured.
  const CapturedTensor* find(std::string_view name) const;

 private:
  friend struct CaptureAccess;  // defined by the capture stage's source only
  CapturedInputs(uint64_t env_id, std::vector<CapturedTensor> tensors)
      : env_id_(env_id), tensors_(std::move(tensors)) {}
  uint64_t env_id_ = 0;
  std::vector<CapturedTensor> tensors_;
};

struct PipelineOptions {
  // Reproduce the bug the PR fixed (see the file comment).
  bool private_aot_env = false;
  ShapeEnvOptions env_options = {};
  MinimizeOptions minimize = {};
  const OpRegistry* registry = nullptr;  // nullptr: builtin_op_registry()
  size_t max_entries = 8;                // CompiledCache's GuardCache bound
};

// The aot stage's graph: a joint forward+backward graph (aot's `inner_f`, a
// printed joint such as examples/*_joint.txt, or derive_backward.hpp's
// DerivedJoint), or a backward-only dump. Placeholders are bound by name when
// they match a captured input, else `primals_N` / `argN_1` by position among
// the forward graph's placeholders; any other (tangents, saved activations,
// `target_1`) gets its value from its annotation, over the symbols learned
// while binding the others.
struct JointGraph {
  const Graph* graph = nullptr;
  // Nodes from here on are "aot backward". nullopt: a node is backward when it
  // depends on a `tangents_*` placeholder or on the loss seed (`aten.ones_like`
  // of a 0-dim tensor).
  std::optional<size_t> first_backward_node = {};
};

// Stage names (the provenance stage of each guard).
inline constexpr const char* kCaptureStage = "capture";
inline constexpr const char* kAotForwardStage = "aot forward";
inline constexpr const char* kAotBackwardStage = "aot backward";

struct CaptureResult {
  CapturedInputs inputs;
  PropagateResult forward;
};

// Stage 1: fakeifies `inputs` into `env` (stage "capture") and propagates
// `forward` over them. Every forward placeholder needs an input; an input may
// also name a placeholder only `extra_placeholders` has (the joint's
// `target_1`). TraceInputError (located) for an unknown name, a missing
// input, a wrong rank, a size that contradicts the graph's constant, or a
// policy list of the wrong length.
CaptureResult capture(const Graph& forward, std::span<const RealInput> inputs, ShapeEnv& env,
                      const PipelineOptions& options = {}, const Graph* extra_placeholders = nullptr);

struct AotResult {
  PropagateResult joint;
  std::vector<bool> backward;  // per joint node: traced as "aot backward"
};

// Stage 2: traces `joint` over `captured` with `env`, which must be the env
// that captured them (ShapeEnvUsageError otherwise: two envs' symbols are
// never mixed). `forward` is the captured forward graph (for positional
// binding). TraceInputError (located) for a placeholder that cannot be bound.
AotResult aot_trace(const Graph& forward, const JointGraph& joint, const CapturedInputs& captured, ShapeEnv& env,
                    const PipelineOptions& options = {});

// One guard of a compiled entry, over sources.
struct CompiledGuard {
  Expr condition;      // over sources: Eq(L['x'].size()[0], L['y'].size()[1])
  Expr env_condition;  // as the env recorded it (s0, s1, ...)
  GuardKind kind = GuardKind::Guard;
  GuardOrigin origin = GuardOrigin::Evaluate;
  Provenance provenance;  // stage, graph, node, op, reason; "symbol ranges" for range guards
};

struct DroppedCompiledGuard {
  size_t index = 0;  // into CompiledEntry::raw
  DroppedGuard drop;  // reason, minimize stage, kept guards (indices into raw) that imply it
  std::string reason;  // "duplicate of #3", "implied by #1, #7", "trivial"
};

struct StageGuardCount {
  std::string stage;
  size_t raw = 0;
};

// What stage 3 produces: the one cache entry's guard set and its story.
struct CompiledEntry {
  std::vector<RealInput> inputs;      // the real inputs it was compiled for
  std::vector<CompiledGuard> raw;     // every guard of every stage, in order (runtime assertions too)
  std::vector<size_t> kept;           // indices into raw: the minimal set the cache checks
  std::vector<DroppedCompiledGuard> dropped;
  std::vector<size_t> runtime_asserts;  // indices into raw: checked by the compiled code, not the cache
  std::vector<StageGuardCount> raw_per_stage;  // in first-appearance order
  std::optional<Contradiction> contradiction;  // the raw guards cannot all hold (nothing installed)
  MinimizeStats minimize_stats;
  size_t propagation_failures = 0;  // over both stages
  double trace_seconds = 0;         // capture + aot
  double compile_seconds = 0;       // guard collection + minimize
  // Share of Prover queries that reached Z3 (0 when none were asked).
  double z3_share() const;
  // The kept guards' conditions, over sources, in kept order.
  std::vector<Expr> kept_conditions() const;
};

// One whole compilation: capture, aot (when `joint` is given), compile.
struct PipelineRun {
  std::unique_ptr<ShapeEnv> env;      // the one env of capture and aot
  std::unique_ptr<ShapeEnv> aot_env;  // private_aot_env only: the aot stage's own env
  std::optional<CaptureResult> capture;
  std::optional<AotResult> aot;
  CompiledEntry entry;
};

// TraceInputError for bad inputs; node failures are counted in
// entry.propagation_failures and listed in the stages' results.
PipelineRun run_pipeline(const Graph& forward, const JointGraph* joint, std::span<const RealInput> inputs,
                         const PipelineOptions& options = {});

// The outcome of one CompiledCache::call.
struct CallOutcome {
  bool hit = false;
  bool recompiled = false;  // a miss that installed a new entry
  uint64_t entry_id = 0;    // the entry hit or installed
  // On a miss: one per entry, the failing guard (over sources) and its values.
  std::vector<EntryMismatch> mismatches;
  // A miss whose re-trace failed (node failures, contradiction): why; nothing installed.
  std::string error;
};

struct CompiledCacheStats {
  uint64_t calls = 0;
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t recompiles = 0;
  uint64_t failed_recompiles = 0;
};

// The pipeline's cache: compiled entries keyed by their source-level guards.
class CompiledCache {
 public:
  // `inputs` fixes the input order, ranks, policies and parameter flags of
  // every call (their sizes are not compiled until the first call). The
  // graphs are copied. TraceInputError for inputs the graphs reject.
  CompiledCache(const Graph& forward, std::optional<JointGraph> joint, std::vector<RealInput> inputs,
                PipelineOptions options = {});
  ~CompiledCache();
  CompiledCache(const CompiledCache&) = delete;
  CompiledCache& operator=(const CompiledCache&) = delete;

  // The inputs in call order.
  std::span<const RealInput> inputs() const { return inputs_; }
  // Total number of sizes a flat call passes (sum of the ranks).
  size_t flat_size() const { return flat_size_; }

  // `flat`: every input's sizes concatenated in inputs() order. A hit builds
  // no text and allocates nothing. std::invalid_argument for a wrong length.
  CallOutcome call(std::span<const int64_t> flat);
  // By placeholder name (every input named once, with its rank);
  // TraceInputError naming the input otherwise.
  CallOutcome call(const InputSizes& sizes);
  // The lookup alone (no recompilation, no statistics of this class): the
  // entry that `flat` hits, or nullptr. For measuring lookup cost.
  const CompiledEntry* lookup(std::span<const int64_t> flat);

  // Flat sizes for `sizes` (by name), validated as call() does.
  std::vector<int64_t> flatten(const InputSizes& sizes) const;

  const CompiledCacheStats& stats() const { return stats_; }
  GuardCacheStats guard_stats() const { return cache_.stats(); }
  size_t size() const { return cache_.size(); }
  const CompiledEntry* entry(uint64_t entry_id) { return cache_.find(entry_id); }
  // The most recent compilation's run (its env and stages); nullptr before the first.
  const PipelineRun* last_run() const { return last_run_.get(); }

 private:
  void fill_slots(std::span<const int64_t> flat);
  void map_slots();
  CallOutcome recompile(std::span<const int64_t> flat, CallOutcome outcome);

  Graph forward_;
  std::optional<Graph> joint_graph_;
  std::optional<size_t> first_backward_node_;
  std::vector<RealInput> inputs_;
  PipelineOptions options_;
  size_t flat_size_ = 0;
  GuardCache<CompiledEntry> cache_;
  // For each slot of the cache's layout: the index into a flat call.
  std::vector<uint32_t> slot_to_flat_;
  std::vector<int64_t> slots_;
  std::unique_ptr<PipelineRun> last_run_;
  CompiledCacheStats stats_;
};

}  // namespace symshape::tracer
