#include "symshape/symbolic/rule_stats.hpp"

#include <iterator>

#include "rule_counter.hpp"

namespace symshape {

namespace detail {
RuleCounter g_rule_counters[kRuleCount];
}  // namespace detail

namespace {

struct RuleInfo {
  const char* name;
  const char* summary;
};

constexpr RuleInfo kRules[] = {
#define SYMSHAPE_RULE_INFO(id, name, summary) {name, summary},
    SYMSHAPE_RULES(SYMSHAPE_RULE_INFO)
#undef SYMSHAPE_RULE_INFO
};
static_assert(std::size(kRules) == detail::kRuleCount);

}  // namespace

std::vector<RuleCount> rule_counts() {
  std::vector<RuleCount> out;
  out.reserve(detail::kRuleCount);
  for (size_t i = 0; i < detail::kRuleCount; ++i) {
    const detail::RuleCounter& c = detail::g_rule_counters[i];
    out.push_back({kRules[i].name, kRules[i].summary, c.attempted.load(std::memory_order_relaxed),
                   c.applied.load(std::memory_order_relaxed)});
  }
  return out;
}

void reset_rule_counts() {
  for (detail::RuleCounter& c : detail::g_rule_counters) {
    c.attempted.store(0, std::memory_order_relaxed);
    c.applied.store(0, std::memory_order_relaxed);
  }
}

}  // namespace symshape
