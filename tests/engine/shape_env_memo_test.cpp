// The ShapeEnv's memo of simplify() and decisions: reused while the facts stay
// the same, never across a change of facts (a recorded guard, a new symbol, a
// pop()), and switched off by ShapeEnvOptions::memoize.
#include <gtest/gtest.h>

#include "symshape/engine/shape_env.hpp"
#include "symshape/symbolic/build.hpp"

namespace symshape {
namespace shape_env_memo_test {

ShapeEnvOptions cheap_only(bool memoize = true) {
  ShapeEnvOptions o;
  o.use_prover = false;
  o.memoize = memoize;
  return o;
}

TEST(ShapeEnvMemo, ARepeatedQuestionIsAnsweredFromTheMemoAndCountedAsBefore) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(8, "a");
  EXPECT_EQ(env.try_decide(ne(s0, integer(1))), true);
  const uint64_t hits = env.stats().memo_hits;
  EXPECT_EQ(env.try_decide(ne(s0, integer(1))), true);
  EXPECT_GT(env.stats().memo_hits, hits);
  EXPECT_EQ(env.stats().decided_by_simplify, 2u);  // a reused answer counts where the first did
}

TEST(ShapeEnvMemo, OffMeansNoHits) {
  ShapeEnv env(cheap_only(/*memoize=*/false));
  Expr s0 = env.create_symbol(8, "a");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(env.try_decide(ne(s0, integer(1))), true);
  EXPECT_EQ(env.simplify(mul(integer(4), floordiv(s0, integer(4)))), env.simplify(mul(integer(4), floordiv(s0, integer(4)))));
  EXPECT_EQ(env.stats().memo_hits, 0u);
}

TEST(ShapeEnvMemo, ARecordedGuardInvalidatesUndecidedAnswers) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(8, "a");
  Expr s1 = env.create_symbol(5, "b");
  EXPECT_EQ(env.try_decide(lt(s1, s0)), std::nullopt);
  EXPECT_EQ(env.try_decide(lt(s1, s0)), std::nullopt);  // memoized "undecided"
  EXPECT_TRUE(env.evaluate(lt(s1, s0)));               // records s1 < s0
  EXPECT_EQ(env.try_decide(lt(s1, s0)), true);
  EXPECT_EQ(env.try_decide(le(s0, s1)), false);
}

TEST(ShapeEnvMemo, SimplifyFollowsLearnedDivisibility) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(8, "a");
  const Expr rounded = mul(integer(4), floordiv(s0, integer(4)));
  EXPECT_EQ(env.simplify(rounded), rounded);
  EXPECT_EQ(env.simplify(rounded), rounded);  // memoized
  EXPECT_TRUE(env.evaluate(eq(mod(s0, integer(4)), integer(0))));
  EXPECT_EQ(env.simplify(rounded), s0);  // not the stale answer
}

TEST(ShapeEnvMemo, PopBringsBackTheAnswersOfTheRestoredFacts) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(8, "a");
  Expr s1 = env.create_symbol(5, "b");
  EXPECT_EQ(env.try_decide(lt(s1, s0)), std::nullopt);
  env.push();
  EXPECT_TRUE(env.evaluate(lt(s1, s0)));
  EXPECT_EQ(env.try_decide(lt(s1, s0)), true);
  env.pop();
  EXPECT_EQ(env.try_decide(lt(s1, s0)), std::nullopt);
  // A new fact after the pop gets a new generation, not the popped one's.
  EXPECT_FALSE(env.evaluate(eq(s0, s1)));  // records Ne(s0, s1)
  EXPECT_EQ(env.try_decide(lt(s1, s0)), std::nullopt);
  EXPECT_EQ(env.try_decide(ne(s0, s1)), true);
}

TEST(ShapeEnvMemo, ANewSymbolInvalidatesTheMemo) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(8, "a");
  EXPECT_EQ(env.try_decide(eq(s0, integer(8))), std::nullopt);
  const uint64_t hits = env.stats().memo_hits;
  env.create_symbol(3, "b");
  EXPECT_EQ(env.try_decide(eq(s0, integer(8))), std::nullopt);
  EXPECT_EQ(env.stats().memo_hits, hits);  // recomputed, not reused
}

}  // namespace shape_env_memo_test
}  // namespace symshape
