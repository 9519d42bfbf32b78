// Rule statistics: how often each named simplification rule was tried and how
// often it rewrote something, over the whole process (as TVM's
// TVM_TRY_REWRITE counts its rewrites), so rule coverage can be measured:
// `symshape simplify --stats` prints the table, and a rule whose `applied`
// stays 0 over a workload is dead weight there.
//
// The counters are relaxed atomics, so any thread may simplify while another
// reads or resets them; a snapshot taken during concurrent work is not a
// consistent cut (counts may be a little behind), which is all statistics need.
#pragma once

#include <cstdint>
#include <vector>

namespace symshape {

struct RuleCount {
  const char* name;     // "family.rule", e.g. "add.mod_recombine"
  const char* summary;  // the rewrite, e.g. "k*Mod(x//k, m) + Mod(x, k) -> Mod(x, k*m)"
  uint64_t attempted;   // times the rule's pattern was checked on a node
  uint64_t applied;     // times it rewrote the node
};

// Every rule, in a fixed order (constructor rules first, then range rules).
std::vector<RuleCount> rule_counts();
void reset_rule_counts();

}  // namespace symshape
