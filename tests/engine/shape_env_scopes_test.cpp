// push()/pop(): speculative scopes restore the env exactly.
#include <gtest/gtest.h>

#include "symshape/engine/shape_env.hpp"
#include "symshape/symbolic/build.hpp"

namespace symshape {
namespace {

struct Snapshot {
  std::vector<Expr> guard_conditions;
  std::vector<std::pair<Expr, Expr>> replacements;
  std::vector<std::pair<Expr, Expr>> divisibility;
  std::vector<ValueRange> ranges;
  size_t symbols = 0, sources = 0;
  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

Snapshot snapshot(const ShapeEnv& env) {
  Snapshot s;
  for (const GuardRecord& g : env.produce_guards()) s.guard_conditions.push_back(g.condition);
  s.replacements = env.replacements();
  s.divisibility = env.divisibility_facts();
  for (const SymbolInfo& info : env.symbols()) s.ranges.push_back(info.range);
  s.symbols = env.symbols().size();
  s.sources = env.sources().size();
  return s;
}

void learn_a_lot(ShapeEnv& env, Expr s0, Expr s1, Expr s2) {
  EXPECT_TRUE(env.evaluate(eq(s1, s0)));
  EXPECT_TRUE(env.evaluate(eq(mod(s2, integer(4)), integer(0))));
  EXPECT_TRUE(env.evaluate(le(s0, integer(50))));
  env.create_symbol(9, "d");
  env.create_unbacked_symbol();
}

TEST(ShapeEnvScopes, PopRestoresGuardsReplacementsRangesDivisibilityAndSymbols) {
  for (bool use_prover : {false, true}) {
    ShapeEnvOptions opts;
    opts.use_prover = use_prover;
    ShapeEnv env(opts);
    Expr s0 = env.create_symbol(8, "a", DimPolicy::Dynamic);
    Expr s1 = env.create_symbol(8, "b", DimPolicy::Dynamic);
    Expr s2 = env.create_symbol(12, "c", DimPolicy::Dynamic);
    EXPECT_TRUE(env.evaluate(le(s2, integer(100))));
    const Snapshot before = snapshot(env);

    env.push();
    EXPECT_EQ(env.scope_depth(), 1u);
    learn_a_lot(env, s0, s1, s2);
    EXPECT_NE(snapshot(env), before);
    env.pop();
    EXPECT_EQ(env.scope_depth(), 0u);
    EXPECT_EQ(snapshot(env), before);

    // What was learned inside is forgotten, in the cheap tiers and the Prover
    // alike: the same question is a new guard again.
    const size_t guards = env.recorded_guards().size();
    EXPECT_TRUE(env.evaluate(eq(s1, s0)));
    EXPECT_EQ(env.recorded_guards().size(), guards + 1);
    // And the symbol names continue from the restored counter.
    EXPECT_EQ(env.create_symbol(9, "d"), symbol("s3"));
  }
}

TEST(ShapeEnvScopes, NestedScopes) {
  ShapeEnv env;
  Expr s0 = env.create_symbol(8, "a");
  env.push();
  EXPECT_TRUE(env.evaluate(le(s0, integer(10))));
  const Snapshot inner_before = snapshot(env);
  env.push();
  EXPECT_TRUE(env.evaluate(ge(s0, integer(8))));
  EXPECT_EQ(env.range_of(s0), ValueRange::between(8, 10));
  env.pop();
  EXPECT_EQ(snapshot(env), inner_before);
  EXPECT_EQ(env.range_of(s0), ValueRange::between(2, 10));
  env.pop();
  EXPECT_EQ(env.range_of(s0), ValueRange::at_least(2));
  EXPECT_TRUE(env.recorded_guards().empty());
  EXPECT_FALSE(env.statically_known_true(le(s0, integer(10))));
}

}  // namespace
}  // namespace symshape
