// ShapeEnv: the object a compiler asks every shape question.
//
// It creates size symbols for the input dimensions it is shown (remembering the
// concrete size seen, the "hint", and where the size came from, its "sources"),
// and answers boolean questions about expressions over them. An answer that the
// known facts decide costs nothing; an answer that only the hints decide is
// recorded as a guard (the condition as it held, with provenance), and the env
// learns from it: equalities become replacements, one-symbol bounds narrow
// ranges, `Eq(Mod(a, b), 0)` makes `a // b` exact. The guards, together with the
// symbols' ranges and source equalities, are what `produce_guards()` hands to
// the cache: compiled code is valid exactly for inputs that satisfy them.
//
// Semantics follow PyTorch's ShapeEnv (torch/fx/experimental/symbolic_shapes.py):
// duck sizing, 0/1 specialization, unbacked symbols with DataDependentError,
// runtime assertions, replacements choosing the newest symbol to eliminate.
//
// Cheap reasoning answers first (replacements, divisibility, ranges); the
// Prover (owned by the env, Z3 created lazily inside it) is asked only when the
// cheap tiers cannot decide. Every call sequence is deterministic: the same calls
// give the same symbols, guards and replacements in every run.
//
// Thread safety: one ShapeEnv must not be used by two threads at once (one per
// compilation, shared by all its stages). Separate ShapeEnvs may be used on
// separate threads at the same time: they share only the interned expression
// table (thread-safe, see expr.hpp) and the id counter (atomic); each owns its
// Prover and so its own Z3 context (tests/concurrency).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "symshape/engine/engine_errors.hpp"
#include "symshape/engine/guard_record.hpp"
#include "symshape/engine/prover.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/expr.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape {

// How one input dimension becomes symbolic.
enum class DimPolicy : uint8_t {
  Dynamic,  // always a fresh symbol
  Duck,     // share the symbol of an earlier Duck dimension with the same hint
  Static,   // the hint becomes a constant (with a guard that the source equals it)
};
const char* dim_policy_name(DimPolicy p);

struct ShapeEnvOptions {
  // A size seen as 0 or 1 becomes that constant (guarded); other backed sizes
  // get the range [2, oo). Off: every backed size gets [0, oo).
  bool specialize_zero_one = true;
  // Off: DimPolicy::Duck behaves like Dynamic.
  bool duck_shape = true;
  // On: every unbacked symbol is created size-like, as if
  // create_unbacked_symbol(/*size_like=*/true) (the env's analogue of the
  // CLI's --all-sizes). Off (the default, PyTorch's rule): an unbacked symbol
  // is any integer unless created size-like or bounded by a runtime assertion.
  bool unbacked_nonnegative = false;
  // Off: evaluate() never asks the Prover (only cheap tiers, then hints). For
  // measurements and for callers that cannot afford Z3.
  bool use_prover = true;
  // On: simplify() and the decisions are remembered until the facts change
  // (an answer is only reused under the facts it was computed with). Off:
  // recomputed every time; for tests that show the memo changes nothing.
  bool memoize = true;
  // rlimit and seed for the env's Prover (its symbol domain is by kind, which
  // agrees with the env's names: s<N> sizes, u<N> any integer; the env also
  // states every symbol's range as an explicit fact).
  unsigned prover_rlimit = ProverOptions{}.rlimit;
  unsigned prover_seed = ProverOptions{}.seed;
};

// What the env knows about one symbol.
struct SymbolInfo {
  Expr symbol;                      // s0, s1, ... (backed) or u0, u1, ... (unbacked)
  bool backed = true;
  std::optional<int64_t> hint;      // the size seen; none for unbacked symbols
  std::vector<std::string> sources;  // first one names the symbol in source-level guards
  ValueRange range;                 // current range (narrowed by guards)
  DimPolicy policy = DimPolicy::Dynamic;
};

// One source (an input dimension) and what it became.
struct SourceInfo {
  std::string name;  // e.g. L['x'].size()[0]
  int64_t hint = 0;
  Expr value;        // the symbol, or the constant for specialized/static sizes
};

// Counters for measurements (bench/) and tests. The decided_by_* counters
// count every decision (evaluate, expect_true, evaluate_int, try_decide).
struct ShapeEnvStats {
  uint64_t evaluate_calls = 0;
  uint64_t decided_by_simplify = 0;  // replacements + divisibility + ranges
  uint64_t decided_by_prover = 0;
  uint64_t decided_by_hint = 0;      // a guard was recorded
  uint64_t memo_hits = 0;            // simplify() or decisions answered from the memo
};

class ShapeEnv {
 public:
  explicit ShapeEnv(ShapeEnvOptions options = {});
  ~ShapeEnv();
  ShapeEnv(const ShapeEnv&) = delete;
  ShapeEnv& operator=(const ShapeEnv&) = delete;

  const ShapeEnvOptions& options() const;

  // Unique among the envs of this process (never reused). Symbols are
  // interned by name, so two envs both have an `s0` that are the same Expr;
  // a stage that receives fake tensors checks the id of the env that made
  // them against the env it traces with, so two envs' symbols never mix.
  uint64_t id() const;

  // The stage that provenance gets when a caller leaves `stage` empty
  // (the pipeline sets "capture", then "aot", on the one shared env).
  void set_stage(std::string stage);
  const std::string& stage() const;

  // --- symbols ---------------------------------------------------------------
  // The expression standing for a size `hint` read from `source`: a symbol, or a
  // constant when the policy or 0/1 specialization makes it static (then a
  // guard `Eq(source, hint)` is recorded). Asking again for a known source with
  // the same hint returns the same expression; a different hint throws
  // ShapeEnvUsageError, as does a negative hint.
  Expr create_symbol(int64_t hint, std::string_view source, DimPolicy policy = DimPolicy::Duck);
  // A data-dependent integer (u0, u1, ...): no hint, no source, any integer.
  // size_like (PyTorch's create_unbacked_symint + torch._check_is_size, what
  // nonzero() and .item() used as a size do): its range is [0, oo), and the
  // runtime assertion `u0 >= 0` that enforces it is recorded (origin
  // SizeLikeUnbacked), so the guard list alone says what the code checks.
  Expr create_unbacked_symbol(bool size_like = false);

  std::span<const SymbolInfo> symbols() const;       // creation order
  std::span<const SourceInfo> sources() const;       // registration order
  const SymbolInfo& symbol_info(Expr symbol) const;  // ShapeEnvUsageError if unknown
  bool is_known_symbol(Expr symbol) const;
  ValueRange range_of(Expr symbol) const;
  // Every env symbol's current range (symbols it did not create: any integer),
  // the domain for range reasoning over its expressions (bound, simplify).
  const RangeEnv& range_env() const;
  // Every backed symbol at its hint.
  Assignment hint_assignment() const;
  // Every source symbol (symbol(source name)) at the size seen for it.
  Assignment source_assignment() const;

  // --- questions ---------------------------------------------------------------
  // Decides `cond` (see the file comment). Throws DataDependentError when the
  // facts do not decide a condition that involves unbacked symbols.
  bool evaluate(Expr cond, const Provenance& provenance = {});
  // Records `cond` as a runtime assertion unless the facts prove it, learns
  // from it, and returns true. Throws GuardViolation when the facts refute it
  // or the hints contradict it.
  bool expect_true(Expr cond, const Provenance& provenance = {});
  // The value of integer `e` at the hints; unless the facts fix it already, a
  // guard Eq(e, value) is recorded (specializing e). DataDependentError for
  // unhinted expressions.
  int64_t evaluate_int(Expr e, const Provenance& provenance = {});
  int64_t guard_int(Expr e, const Provenance& provenance = {}) { return evaluate_int(e, provenance); }
  // The value at the hints, recording nothing. DataDependentError if unhinted.
  int64_t size_hint(Expr e) const;
  // true only if the facts prove `cond`. Never records, never uses hints.
  bool statically_known_true(Expr cond);
  // true / false if the facts decide `cond`, nullopt otherwise. Never records.
  std::optional<bool> try_decide(Expr cond);
  // `e` with replacements, divisibility and ranges applied: equivalent to `e`
  // under the facts. Never records, never asks the Prover.
  Expr simplify(Expr e) const;
  // `e` with replacements applied only.
  Expr apply_replacements(Expr e) const;

  // --- facts -----------------------------------------------------------------
  // The guards and runtime assertions recorded so far, in order (without the
  // range guards that produce_guards() adds).
  std::span<const GuardRecord> recorded_guards() const;
  // Eliminated symbol -> expression over surviving symbols, in elimination order.
  std::vector<std::pair<Expr, Expr>> replacements() const;
  // Known (a, b) with a % b == 0, over surviving symbols.
  std::vector<std::pair<Expr, Expr>> divisibility_facts() const;
  // Is `a % b == 0` a recorded fact (after replacements)?
  bool known_divisible(Expr a, Expr b) const;

  // The raw guard list: every recorded guard and runtime assertion in order,
  // then each backed symbol's range guards (`s0 >= 2`; the upper bound if
  // finite). Source equalities and specializations are among the recorded
  // guards (recorded when the symbol was created).
  std::vector<GuardRecord> produce_guards() const;
  // `cond` with each backed symbol replaced by the symbol named after its first
  // source (s0 -> L['x'].size()[0]); to_python() of the result is guard code.
  Expr in_sources(Expr cond) const;
  // produce_guards() with every condition rewritten by in_sources().
  std::vector<GuardRecord> produce_source_guards() const;

  // --- speculation -------------------------------------------------------------
  // push() saves the env's state; pop() restores it exactly: symbols, sources,
  // guards, replacements, ranges and divisibility created or learned since the
  // matching push() are forgotten, and the Prover's fact stack is popped too.
  void push();
  void pop();
  size_t scope_depth() const;

  Prover& prover();
  const ShapeEnvStats& stats() const;

  // Opaque; defined in engine/src/shape_env_state.hpp, which the sources split
  // across files share.
  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace symshape
