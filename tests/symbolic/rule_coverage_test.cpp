// Rule statistics: the counters move, and every named rule (rule_stats.hpp)
// rewrites at least one row of the rule tables, so no rule is untested. The
// rules that never fired are printed, as `symshape simplify --stats` does.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "rule_tables.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/rule_stats.hpp"

namespace symshape {
namespace {

uint64_t applied_count(const char* name) {
  for (const RuleCount& c : rule_counts()) {
    if (std::string(c.name) == name) return c.applied;
  }
  ADD_FAILURE() << "no rule named " << name;
  return 0;
}

TEST(RuleStats, CountAttemptsAndApplications) {
  reset_rule_counts();
  EXPECT_EQ(applied_count("add.max_plus_min"), 0u);
  Expr a = symbol("s0"), b = symbol("s1");
  Expr sum = add(max(a, b), min(a, b));
  EXPECT_EQ(sum, add(a, b));
  EXPECT_EQ(applied_count("add.max_plus_min"), 1u);
  for (const RuleCount& c : rule_counts()) EXPECT_LE(c.applied, c.attempted) << c.name;
  reset_rule_counts();
  EXPECT_EQ(applied_count("add.max_plus_min"), 0u);
}

// Relaxed atomics: counts from several threads add up exactly.
TEST(RuleStats, CountsFromThreadsAddUp) {
  reset_rule_counts();
  constexpr int kThreads = 4, kEach = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < kEach; ++i) {
        // Distinct symbols per iteration, so the constructors' memo never answers.
        Expr x = symbol("rs" + std::to_string(t) + "_" + std::to_string(i)), y = symbol("ry");
        (void)add(max(x, y), min(x, y));
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(applied_count("add.max_plus_min"), static_cast<uint64_t>(kThreads * kEach));
}

TEST(RuleStats, EveryRuleFiresOnTheTables) {
  reset_rule_counts();
  for (const rule_tables::RuleRow& row : rule_tables::rows()) (void)rule_tables::simplify_row(row);
  std::string never;
  for (const RuleCount& c : rule_counts()) {
    if (c.applied == 0) never += std::string("\n  ") + c.name + ": " + c.summary;
  }
  EXPECT_EQ(never, "") << "rules that never fired over the rule tables:" << never;
}

}  // namespace
}  // namespace symshape
