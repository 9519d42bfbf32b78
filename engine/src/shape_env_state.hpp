// The ShapeEnv's private state, shared by the shape_env_*.cpp files.
//
// Everything a push() must be able to restore lives in ShapeEnvFacts, which is
// copied whole on push(): speculative scopes are rare and the state is small
// (tens of symbols and guards), so a snapshot is simpler and safer than an
// undo log, and pop() restores exactly what was there.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "shape_env_memo.hpp"
#include "symshape/engine/shape_env.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape {

// a % b == 0, with the nodes it lets us rewrite precomputed.
struct DivisibilityFact {
  Expr dividend;
  Expr divisor;
  Expr mod_node;       // mod(dividend, divisor): rewritten to 0
  Expr floordiv_node;  // floordiv(dividend, divisor): b * (a // b) rewritten to a
};

struct ShapeEnvFacts {
  std::vector<SymbolInfo> symbols;  // creation order
  std::unordered_map<Expr, size_t, ExprHash> symbol_index;
  std::vector<SourceInfo> sources;
  std::unordered_map<std::string, size_t> source_index;
  // Duck sizing: hint -> the first Duck symbol created with it.
  std::map<int64_t, Expr> duck_symbol_by_hint;
  int64_t next_backed = 0;
  int64_t next_unbacked = 0;

  Assignment hints;  // backed symbol -> hint
  RangeEnv ranges;   // every env symbol listed; default (foreign symbols): any integer

  std::vector<GuardRecord> guards;
  // Conditions known to hold (recorded guards and assertions, kept in the
  // current replaced form): a repeated question is answered by a set lookup.
  std::unordered_set<Expr, ExprHash> known_true;

  // Eliminated symbol -> expression over surviving symbols only (so one
  // substitution pass suffices and no cycle can form).
  Substitution replacements;
  std::vector<Expr> replacement_order;

  std::vector<DivisibilityFact> divisibility;

  // Identifies these facts for the memo (shape_env_memo.hpp); replaced by a
  // fresh number whenever anything above changes.
  uint64_t generation = 0;
};

struct ShapeEnv::State {
  explicit State(ShapeEnvOptions opts);

  ShapeEnvOptions options;
  uint64_t id = 0;  // ShapeEnv::id()
  std::string stage;
  ShapeEnvFacts facts;
  std::vector<ShapeEnvFacts> saved;  // push() stack
  Prover prover;
  mutable ShapeEnvStats stats;  // simplify() is const and counts its memo hits
  mutable ShapeEnvMemo memo;
  uint64_t last_generation = 0;

  // Called after every change to `facts` (not the guard list alone, which
  // no answer depends on): answers memoized before it are not reused.
  void facts_changed() { facts.generation = ++last_generation; }
  void sync_memo() const { memo.sync(facts.generation, prover.facts_version()); }

  // --- symbols (shape_env_symbols.cpp) ---
  const SymbolInfo* find_symbol(Expr sym) const;
  // DataDependentError for `simplified` (reduced from `original`), naming its
  // unbacked symbols; `what` is the question ("guard on", "specialize").
  [[noreturn]] void throw_data_dependent(Expr simplified, Expr original, const char* what) const;
  SymbolInfo& mutable_symbol(Expr sym);
  void register_source(std::string_view name, int64_t hint, Expr value);
  Provenance fill_stage(Provenance p) const;
  // ShapeEnvUsageError unless every symbol of `e` was created by this env.
  void require_known_symbols(Expr e) const;
  bool has_unbacked(Expr e) const;

  // --- simplification (shape_env_simplify.cpp) ---
  Expr apply_replacements(Expr e) const;
  Expr apply_divisibility(Expr e) const;
  Expr simplify(Expr e) const;  // memoized
  Expr simplify_uncached(Expr e) const;
  // From the simplified form alone: constants, known conditions, ranges.
  std::optional<bool> decide_cheaply(Expr simplified) const;
  // Each symbol x with a known x % m == 0 (m > 0) written m * (x // m), so a
  // polynomial over the result sees x and x // m as one atom.
  Expr with_exact_quotients(Expr e) const;
  // Relations decided by shifted_interval.hpp over the ranges (after
  // with_exact_quotients): the nonlinear size comparisons ranges miss.
  std::optional<bool> decide_by_shifted_bounds(Expr simplified) const;
  std::optional<bool> decide_with_prover(Expr simplified);
  std::optional<bool> decide(Expr simplified);  // memoized
  Decision decide_uncached(Expr simplified);

  // --- recording and learning (shape_env_learning.cpp) ---
  // Appends a guard over size symbols, hands it to the Prover and learns from it.
  void record_fact(Expr cond, GuardKind kind, GuardOrigin origin, const Provenance& provenance);
  void learn(Expr cond);
  // Mod(a, b) when `d == 0` says a % b == 0 once a factor that the ranges
  // keep away from zero is divided out; null otherwise.
  Expr divisibility_under_nonzero_factor(Expr d) const;
  // Narrows x's range by `c*x + k (kind) 0`.
  void learn_bound(Expr x, ExprKind kind, int64_t c, int64_t k);
  void set_replacement(Expr sym, Expr rhs);
  void refine_range(Expr sym, const ValueRange& range);
  void add_divisibility(Expr dividend, Expr divisor);
};

}  // namespace symshape
