// The named rules of the simplifier and their counters (rule_stats.hpp is the
// public view). A rule site calls `attempt(RuleId::X)` when it checks the
// rule's pattern on a node and `applied(RuleId::X)` when it rewrites.
// Private to the symbolic library.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace symshape::detail {

// X(id, name, summary). Canonical-constructor rules hold for every integer;
// `range.*` rules hold under the ranges the simplifier was given.
#define SYMSHAPE_RULES(X)                                                                                   \
  X(AddEuclid, "add.euclid", "c*m*(x//m) - c*x -> -c*Mod(x, m), and c*m*(x//m) + c*Mod(x, m) -> c*x")    \
  X(AddEuclidFromMod, "add.euclid_from_mod", "c*m*(y//m) + c*Mod(y, m) -> c*y (y//m not a FloorDiv of y)") \
  X(AddModRecombine, "add.mod_recombine", "c*k*Mod(x//k, m) + c*Mod(x, k) -> c*Mod(x, k*m)")               \
  X(AddMaxPlusMin, "add.max_plus_min", "c*Max(a, b) + c*Min(a, b) -> c*a + c*b")                           \
  X(AddResidueMod, "add.residue_sum_mod", "sum(c*Mod(x + i, m), i < m) -> c*m*(m-1)/2")                   \
  X(AddResidueFloorDiv, "add.residue_sum_floordiv", "sum(c*((x + i)//m), i < m) -> c*x (Hermite)")        \
  X(AddParity, "add.floordiv_parity", "c*((x + 1)//2) - c*(x//2) -> c*Mod(x, 2)")                         \
  X(DivPullMultiples, "div.pull_multiples", "(m*q + r)//m -> q + r//m (constant m)")                       \
  X(DivNested, "div.nested", "(x//a + c)//b -> (x + c*a)//(a*b)")                                         \
  X(DivSymbolicMultiples, "div.symbolic_multiples", "(b*q + r)//b -> q + r//b, (b*q + r) % b -> r % b")   \
  X(ModOfScaledMod, "mod.of_scaled_mod", "c*Mod(x, k) % m -> c*x % m when m | c*k")                       \
  X(ModOfMod, "mod.of_mod", "Mod(Mod(x, k), m) -> Mod(x, k) when 0 < k <= m")                              \
  X(MinMaxSameBase, "minmax.same_base", "Max(a + c1, a + c2) -> a + max(c1, c2)")                          \
  X(MinMaxCommonOffset, "minmax.common_offset", "Min(a + c, b + d) -> Min(a, b + d - c) + c")               \
  X(MinMaxAbsorb, "minmax.absorb", "Min(a, Max(a, b)) -> a, Max(a, Min(a, b)) -> a")                       \
  X(LogicComplement, "logic.complement", "And(p, Not p) -> False, Or(p, Not p) -> True")                   \
  X(LogicQuotientRemainder, "logic.quotient_remainder",                                                    \
    "And(Eq(x//m, q), Eq(Mod(x, m), r)) -> Eq(x, m*q + r) for 0 <= r < m (Or/Ne dually)")                  \
  X(RangeConstant, "range.constant", "a node whose range is one point -> that constant")                  \
  X(RangeDecide, "range.decide", "a condition the ranges decide -> True/False")                            \
  X(RangeMinMaxDominated, "range.minmax_dominated", "Max(a, b) -> b when b >= a on the ranges")           \
  X(RangeBelowDivisor, "range.below_divisor", "a//b -> 0, a % b -> a when 0 <= a < b")                      \
  X(RangeModOnePeriod, "range.mod_one_period", "a % c -> a - k*c when a in [k*c, (k+1)*c)")                \
  X(RangeLowTerms, "range.low_terms",                                                                      \
    "(k*x + r)//(k*m) -> x//m, (k*x + r) % (k*m) -> k*(x % m) + r when 0 <= r < k")                        \
  X(RangeCommonFactor, "range.common_factor", "(g*x)//(g*y) -> x//y, (g*x) % (g*y) -> g*(x % y), g != 0")  \
  X(BoundEuclid, "bound.euclid_expansion",                                                                 \
    "bound c*(x//m) + d*x + r as (c + d*m)*(x//m) + d*Mod(x, m) + r when tighter")

enum class RuleId : uint16_t {
#define SYMSHAPE_RULE_ID(id, name, summary) id,
  SYMSHAPE_RULES(SYMSHAPE_RULE_ID)
#undef SYMSHAPE_RULE_ID
      kCount
};

constexpr size_t kRuleCount = static_cast<size_t>(RuleId::kCount);

struct RuleCounter {
  std::atomic<uint64_t> attempted{0};
  std::atomic<uint64_t> applied{0};
};

// Defined in rule_stats.cpp. Relaxed increments: the counts order nothing.
extern RuleCounter g_rule_counters[kRuleCount];

inline void attempt(RuleId r) {
  g_rule_counters[static_cast<size_t>(r)].attempted.fetch_add(1, std::memory_order_relaxed);
}
inline void applied(RuleId r) {
  g_rule_counters[static_cast<size_t>(r)].applied.fetch_add(1, std::memory_order_relaxed);
}
// Counts an attempt and, when `fired`, an application; returns `fired`.
inline bool tried(RuleId r, bool fired) {
  attempt(r);
  if (fired) applied(r);
  return fired;
}

}  // namespace symshape::detail
