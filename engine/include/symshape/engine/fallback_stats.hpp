// Where the engine gives up on a step silently: a `catch (const Error&)` that
// falls back to a weaker answer which is still sound (an unbounded interval,
// "not proved", Unknown). Each such site counts here under its own name, so a
// failure that changes no answer can still be seen (tests, benchmarks).
//
// The counts are process-wide and use relaxed atomics: Provers on several
// threads may add to them. They are diagnostics, never read to decide.
#pragma once

#include <cstdint>

namespace symshape {

enum class Fallback : uint8_t {
  AtomInterval,         // cheap_tiers: bound() of an atom threw; (-oo, oo)
  LinearFormAtom,       // cheap_tiers: a linear form did not rebuild; no atom
  FactorInterval,       // cheap_tiers: a factor's form did not rebuild; its plain interval
  ResidueLearning,      // cheap_tiers: Eq(a*x + b, 0) taught no residue
  IntervalUnderFacts,   // cheap_tiers: bound() under the facts threw; factored interval only
  SimplifyDecision,     // cheap_tiers: simplify() under the ranges threw; undecided
  MultiplesRewrite,     // cheap_tiers: rewriting symbols as multiples threw; not implied
  DivisorNonzero,       // prover: Ne(divisor, 0) did not build; not proved defined
  AliasRename,          // prover: renaming aliases threw; no cheap proof
  Z3Check,              // prover: translating or checking with Z3 threw; Unknown
  BoundAttained,        // prover: a witness did not evaluate; bound not marked exact
  BoundTightening,      // prover: a counterexample did not evaluate; tightening stops
  CoreQuery,            // prover: implies_with_core's Z3 query threw; Unknown
  NonzeroFactorDivisor, // shape_env_learning: no divisibility read off a product
  ExactQuotients,       // shape_env_simplify: the exact-quotient rewrite threw; not decided
  ExactQuotientAtom,    // shape_env_simplify: bound() of an atom threw; (-oo, oo)
  ShiftedInterval,      // shifted_interval: a shifted coefficient overflowed; (-oo, oo)
  WitnessEvaluation,    // witness_tier: a condition did not evaluate at a point; no verdict
  LinearTier,           // linear_tier: building or solving the system threw; not proved
  ModularWitness,       // modular_witness: a condition did not evaluate at a candidate; skipped
  PinnedAtomTier,       // pinned_atom_tier: reading the goal or substituting threw; not proved
  Count
};

const char* fallback_name(Fallback site);
// How many times `site` fell back since the process started (or the last reset).
uint64_t fallback_count(Fallback site);
// The sum over all sites.
uint64_t total_fallbacks();
void reset_fallback_counts();

// Called by each fallback site; cheap (one relaxed atomic increment).
void count_fallback(Fallback site) noexcept;

}  // namespace symshape
