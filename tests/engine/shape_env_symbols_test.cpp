// ShapeEnv symbol creation: naming, duck sizing, 0/1 specialization, static
// dimensions, unbacked symbols, and misuse.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <string>

#include "symshape/engine/shape_env.hpp"
#include "symshape/symbolic/build.hpp"

namespace symshape {
namespace {

const GuardRecord* find_origin(const std::vector<GuardRecord>& guards, GuardOrigin origin) {
  for (const GuardRecord& g : guards) {
    if (g.origin == origin) return &g;
  }
  return nullptr;
}

TEST(ShapeEnvSymbols, BackedSymbolsAreNamedInCreationOrderWithHintSourceAndRange) {
  ShapeEnv env;
  Expr a = env.create_symbol(8, "L['x'].size()[0]", DimPolicy::Dynamic);
  Expr b = env.create_symbol(3, "L['x'].size()[1]", DimPolicy::Dynamic);
  EXPECT_EQ(a, symbol("s0"));
  EXPECT_EQ(b, symbol("s1"));
  const SymbolInfo& info = env.symbol_info(b);
  EXPECT_TRUE(info.backed);
  EXPECT_EQ(info.hint, 3);
  ASSERT_EQ(info.sources.size(), 1u);
  EXPECT_EQ(info.sources[0], "L['x'].size()[1]");
  EXPECT_EQ(info.range, ValueRange::at_least(2));
  EXPECT_EQ(env.hint_assignment().at(a), 8);
  EXPECT_TRUE(env.recorded_guards().empty());
}

TEST(ShapeEnvSymbols, DuckSizingSharesOneSymbolAndRecordsTheSourceEquality) {
  ShapeEnv env;
  Expr x0 = env.create_symbol(8, "L['x'].size()[0]");
  Expr y0 = env.create_symbol(8, "L['y'].size()[0]");
  Expr y1 = env.create_symbol(9, "L['y'].size()[1]");
  EXPECT_EQ(x0, symbol("s0"));
  EXPECT_EQ(y0, x0);
  EXPECT_EQ(y1, symbol("s1"));
  const SymbolInfo& info = env.symbol_info(x0);
  ASSERT_EQ(info.sources.size(), 2u);
  EXPECT_EQ(info.sources[1], "L['y'].size()[0]");

  std::vector<GuardRecord> guards = env.produce_guards();
  const GuardRecord* duck = find_origin(guards, GuardOrigin::DuckSizing);
  ASSERT_NE(duck, nullptr);
  EXPECT_EQ(duck->condition, eq(symbol("L['x'].size()[0]"), symbol("L['y'].size()[0]")));
  EXPECT_EQ(duck->kind, GuardKind::Guard);
  EXPECT_NE(duck->provenance.reason.find("duck sizing"), std::string::npos) << duck->provenance.reason;
  // Exactly one duck equality: the third source has its own size.
  EXPECT_EQ(std::count_if(guards.begin(), guards.end(),
                          [](const GuardRecord& g) { return g.origin == GuardOrigin::DuckSizing; }),
            1);
}

TEST(ShapeEnvSymbols, DynamicPolicyAndDuckShapeOffNeverShare) {
  ShapeEnv env;
  Expr a = env.create_symbol(8, "a", DimPolicy::Duck);
  Expr b = env.create_symbol(8, "b", DimPolicy::Dynamic);
  EXPECT_NE(a, b);
  ShapeEnvOptions opts;
  opts.duck_shape = false;
  ShapeEnv no_duck(opts);
  EXPECT_NE(no_duck.create_symbol(8, "a"), no_duck.create_symbol(8, "b"));
  EXPECT_EQ(find_origin(no_duck.produce_guards(), GuardOrigin::DuckSizing), nullptr);
}

TEST(ShapeEnvSymbols, ZeroOneSpecializationOnByDefault) {
  ShapeEnv env;
  EXPECT_EQ(env.create_symbol(1, "L['x'].size()[0]"), integer(1));
  EXPECT_EQ(env.create_symbol(0, "L['x'].size()[1]"), integer(0));
  EXPECT_TRUE(env.symbols().empty());
  auto guards = env.recorded_guards();
  ASSERT_EQ(guards.size(), 2u);
  EXPECT_EQ(guards[0].condition, eq(symbol("L['x'].size()[0]"), integer(1)));
  EXPECT_EQ(guards[1].condition, eq(symbol("L['x'].size()[1]"), integer(0)));
  EXPECT_EQ(guards[0].origin, GuardOrigin::ZeroOneSpecialization);
  // The next symbolic size is still s0.
  EXPECT_EQ(env.create_symbol(5, "L['x'].size()[2]"), symbol("s0"));
}

TEST(ShapeEnvSymbols, ZeroOneSpecializationOff) {
  ShapeEnvOptions opts;
  opts.specialize_zero_one = false;
  ShapeEnv env(opts);
  Expr one = env.create_symbol(1, "L['x'].size()[0]");
  EXPECT_EQ(one, symbol("s0"));
  EXPECT_EQ(env.range_of(one), ValueRange::at_least(0));
  EXPECT_EQ(env.range_of(env.create_symbol(7, "L['x'].size()[1]")), ValueRange::at_least(0));
  EXPECT_TRUE(env.recorded_guards().empty());
  // Without the [2, oo) range, `s0 != 1` is no longer known: it needs a guard.
  EXPECT_FALSE(env.evaluate(ne(one, integer(1))));
  EXPECT_EQ(env.recorded_guards().size(), 1u);
}

TEST(ShapeEnvSymbols, StaticPolicyMakesAConstantWithAGuard) {
  ShapeEnv env;
  EXPECT_EQ(env.create_symbol(7, "L['w'].size()[0]", DimPolicy::Static), integer(7));
  EXPECT_TRUE(env.symbols().empty());
  ASSERT_EQ(env.recorded_guards().size(), 1u);
  const GuardRecord& g = env.recorded_guards()[0];
  EXPECT_EQ(g.condition, eq(symbol("L['w'].size()[0]"), integer(7)));
  EXPECT_EQ(g.origin, GuardOrigin::StaticDim);
  EXPECT_EQ(env.source_assignment().at(symbol("L['w'].size()[0]")), 7);
}

TEST(ShapeEnvSymbols, ProvenanceStageComesFromTheEnvWhenLeftEmpty) {
  ShapeEnv env;
  env.set_stage("capture");
  env.create_symbol(1, "L['x'].size()[0]");
  env.set_stage("aot");
  Expr s = env.create_symbol(6, "L['x'].size()[1]");
  env.evaluate(eq(mod(s, integer(4)), integer(2)), {"", "aten.view", "view needs it"});
  env.evaluate(le(s, integer(100)), {"inductor", "", ""});
  auto guards = env.recorded_guards();
  ASSERT_EQ(guards.size(), 3u);
  EXPECT_EQ(guards[0].provenance.stage, "capture");
  EXPECT_EQ(guards[1].provenance.stage, "aot");
  EXPECT_EQ(guards[1].provenance.operation, "aten.view");
  EXPECT_EQ(guards[1].provenance.reason, "view needs it");
  EXPECT_EQ(guards[2].provenance.stage, "inductor");
}

TEST(ShapeEnvSymbols, UnbackedSymbols) {
  ShapeEnv env;
  env.create_symbol(4, "a");
  Expr u0 = env.create_unbacked_symbol();
  Expr u1 = env.create_unbacked_symbol();
  EXPECT_EQ(u0, symbol("u0"));
  EXPECT_EQ(u1, symbol("u1"));
  EXPECT_FALSE(env.symbol_info(u0).backed);
  EXPECT_FALSE(env.symbol_info(u0).hint.has_value());
  // PyTorch's rule: unbacked symbols are any integer unless size-like.
  EXPECT_EQ(env.range_of(u0), ValueRange::all());
  EXPECT_EQ(env.range_of(env.create_unbacked_symbol(/*size_like=*/true)), ValueRange::nonnegative());
  ShapeEnvOptions opts;
  opts.unbacked_nonnegative = true;  // every unbacked symbol size-like
  ShapeEnv all_sizes(opts);
  EXPECT_EQ(all_sizes.range_of(all_sizes.create_unbacked_symbol()), ValueRange::nonnegative());
}

TEST(ShapeEnvSymbols, MisuseIsATypedError) {
  ShapeEnv env;
  EXPECT_THROW(env.create_symbol(-1, "a"), ShapeEnvUsageError);
  Expr a = env.create_symbol(5, "a");
  EXPECT_EQ(env.create_symbol(5, "a"), a);  // same source, same size: same symbol
  EXPECT_THROW(env.create_symbol(6, "a"), ShapeEnvUsageError);
  EXPECT_THROW(env.symbol_info(symbol("s99")), ShapeEnvUsageError);
  EXPECT_THROW(env.evaluate(eq(symbol("s99"), integer(3))), ShapeEnvUsageError);
  EXPECT_THROW(env.evaluate(a + 1), UnsupportedError);   // not a condition
  EXPECT_THROW(env.evaluate_int(eq(a, a)), UnsupportedError);
  EXPECT_THROW(env.pop(), ShapeEnvUsageError);
}

TEST(ShapeEnvSymbols, OverflowAtTheHintsIsATypedErrorAndRecordsNothing) {
  ShapeEnv env;
  const int64_t big = std::numeric_limits<int64_t>::max() / 2 + 1;
  Expr s0 = env.create_symbol(big, "a");
  Expr s1 = env.create_symbol(big - 1, "b");
  EXPECT_THROW(env.evaluate(le(2 * s0, s1 + 5)), OverflowError);  // 2 * big does not fit in int64
  EXPECT_THROW(env.size_hint(s0 + s0), OverflowError);
  EXPECT_THROW(env.evaluate_int(s0 + s1 + 1), OverflowError);  // 2^63
  EXPECT_TRUE(env.recorded_guards().empty());
  EXPECT_TRUE(env.evaluate(le(s1, s0)));  // no overflow: an ordinary guard
  EXPECT_EQ(env.recorded_guards().size(), 1u);
}

}  // namespace
}  // namespace symshape
