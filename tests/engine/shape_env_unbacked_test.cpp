// Unbacked (data-dependent) symbols: DataDependentError when the facts do not
// decide a question, runtime assertions through expect_true.
#include <gtest/gtest.h>

#include <string>

#include "symshape/engine/shape_env.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

TEST(ShapeEnvUnbacked, UndecidedQuestionThrowsDataDependentErrorNamingTheExpression) {
  ShapeEnv env;
  Expr u0 = env.create_unbacked_symbol();
  Expr cond = eq(u0, integer(3));
  try {
    env.evaluate(cond);
    FAIL() << "expected DataDependentError";
  } catch (const DataDependentError& e) {
    EXPECT_EQ(e.original, cond);
    EXPECT_EQ(e.expr, env.simplify(cond));
    const std::string what = e.what();
    EXPECT_NE(what.find(to_sympy(e.expr)), std::string::npos) << what;
    EXPECT_NE(what.find("u0"), std::string::npos) << what;
  }
  EXPECT_TRUE(env.recorded_guards().empty());
  EXPECT_THROW(env.evaluate_int(u0 + 1), DataDependentError);
  EXPECT_THROW(env.size_hint(u0), DataDependentError);
  // A DataDependentError is a symshape::Error, so per-item handlers catch it.
  EXPECT_THROW(env.evaluate(lt(u0, integer(5))), Error);
}

TEST(ShapeEnvUnbacked, QuestionsTheFactsDecideNeedNoHint) {
  ShapeEnv env;
  Expr u0 = env.create_unbacked_symbol(/*size_like=*/true);
  EXPECT_TRUE(env.evaluate(ge(u0, integer(0))));  // the size-like range [0, oo)
  EXPECT_FALSE(env.evaluate(lt(u0 + 1, integer(1))));
  ShapeEnvOptions opts;
  opts.unbacked_nonnegative = true;
  ShapeEnv all_sizes(opts);
  EXPECT_TRUE(all_sizes.evaluate(ge(all_sizes.create_unbacked_symbol(), integer(0))));
  // By default an unbacked symbol is any integer: its sign is data-dependent.
  ShapeEnv plain;
  Expr v0 = plain.create_unbacked_symbol();
  EXPECT_THROW(plain.evaluate(ge(v0, integer(0))), DataDependentError);
}

// A size-like unbacked symbol is asserted nonnegative at runtime, as
// torch._check_is_size does; the record makes the guard list self-contained,
// so a minimizer that treats u0 as any integer keeps `u0 >= 0`.
TEST(ShapeEnvUnbacked, SizeLikeSymbolRecordsItsRuntimeAssertion) {
  ShapeEnv env;
  Expr u0 = env.create_unbacked_symbol(/*size_like=*/true);
  ASSERT_EQ(env.recorded_guards().size(), 1u);
  const GuardRecord& g = env.recorded_guards()[0];
  EXPECT_EQ(g.condition, ge(u0, integer(0)));
  EXPECT_EQ(g.kind, GuardKind::RuntimeAssert);
  EXPECT_EQ(g.origin, GuardOrigin::SizeLikeUnbacked);
  EXPECT_STREQ(guard_origin_name(g.origin), "size_like_unbacked");
  env.create_unbacked_symbol();  // not size-like: nothing recorded
  EXPECT_EQ(env.recorded_guards().size(), 1u);
  EXPECT_EQ(env.produce_guards().size(), 1u);
}

TEST(ShapeEnvUnbacked, ExpectTrueRecordsARuntimeAssertionAndLearnsFromIt) {
  ShapeEnv env;
  Expr u0 = env.create_unbacked_symbol();
  EXPECT_TRUE(env.expect_true(ge(u0, integer(4)), {"aot", "aten.nonzero", "torch._check"}));
  ASSERT_EQ(env.recorded_guards().size(), 1u);
  const GuardRecord& g = env.recorded_guards()[0];
  EXPECT_EQ(g.kind, GuardKind::RuntimeAssert);
  EXPECT_EQ(g.origin, GuardOrigin::ExpectTrue);
  EXPECT_EQ(g.provenance.operation, "aten.nonzero");
  EXPECT_EQ(env.range_of(u0), ValueRange::at_least(4));
  // Now decided by the learned range, so no error and no new record.
  EXPECT_TRUE(env.evaluate(gt(u0, integer(2))));
  EXPECT_TRUE(env.expect_true(ge(u0, integer(1))));
  EXPECT_EQ(env.recorded_guards().size(), 1u);
  // A refuted assertion is a typed error.
  EXPECT_THROW(env.expect_true(lt(u0, integer(3))), GuardViolation);
  // Runtime assertions are not range guards on inputs.
  for (const GuardRecord& r : env.produce_guards()) EXPECT_NE(r.origin, GuardOrigin::SymbolRange);
}

TEST(ShapeEnvUnbacked, EqualityWithABackedSymbolGivesTheUnbackedOneAHint) {
  ShapeEnv env;
  Expr s0 = env.create_symbol(6, "L['x'].size()[0]");
  Expr u0 = env.create_unbacked_symbol();
  env.expect_true(eq(u0, 2 * s0));
  ASSERT_EQ(env.replacements().size(), 1u);
  EXPECT_EQ(env.replacements()[0].first, u0);  // the unbacked symbol is eliminated, not s0
  EXPECT_EQ(env.size_hint(u0 + 1), 13);
  EXPECT_TRUE(env.evaluate(eq(mod(u0, integer(2)), integer(0))));
  EXPECT_TRUE(env.evaluate(lt(u0, integer(13))));  // 2*s0 < 13 at the hint: a guard on s0
  EXPECT_EQ(env.recorded_guards().back().kind, GuardKind::Guard);
}

TEST(ShapeEnvUnbacked, ExpectTrueOnAHintedConditionThatIsFalseIsAViolation) {
  ShapeEnv env;
  Expr s0 = env.create_symbol(6, "a");
  EXPECT_THROW(env.expect_true(gt(s0, integer(6))), GuardViolation);
  EXPECT_THROW(env.expect_true(lt(s0, integer(1))), GuardViolation);  // refuted by the range
  EXPECT_TRUE(env.recorded_guards().empty());
  EXPECT_TRUE(env.expect_true(le(s0, integer(64))));
  EXPECT_EQ(env.recorded_guards()[0].kind, GuardKind::RuntimeAssert);
}

}  // namespace
}  // namespace symshape
