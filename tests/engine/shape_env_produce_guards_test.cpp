// produce_guards(): the raw guard list (recorded guards in order, then range
// guards), its rendering in terms of sources, and determinism across runs.
#include <gtest/gtest.h>

#include <string>

#include "symshape/engine/shape_env.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

// A small traced program: two inputs x: [B, 16], y: [B, 1] and a weight w: [16, 4].
void trace_scenario(ShapeEnv& env) {
  env.set_stage("capture");
  Expr b = env.create_symbol(8, "L['x'].size()[0]");
  Expr f = env.create_symbol(16, "L['x'].size()[1]");
  env.create_symbol(8, "L['y'].size()[0]");
  env.create_symbol(1, "L['y'].size()[1]");
  env.create_symbol(16, "L['w'].size()[0]", DimPolicy::Static);
  env.create_symbol(4, "L['w'].size()[1]", DimPolicy::Static);
  env.evaluate(eq(f, integer(16)), {"", "aten.mm", "inner dimensions must match"});
  env.set_stage("aot");
  env.evaluate(eq(mod(4 * b, integer(32)), integer(0)), {"", "aten.view", "view as (-1, 32)"});
  env.evaluate(le(b, integer(1024)), {"", "aten.expand", ""});
}

TEST(ShapeEnvProduceGuards, RecordedGuardsInOrderThenRanges) {
  ShapeEnv env;
  trace_scenario(env);
  std::vector<GuardRecord> guards = env.produce_guards();
  // duck equality, 0/1 specialization, two static dims, three evaluate() guards
  ASSERT_EQ(env.recorded_guards().size(), 7u);
  EXPECT_EQ(guards[0].origin, GuardOrigin::DuckSizing);
  EXPECT_EQ(guards[1].origin, GuardOrigin::ZeroOneSpecialization);
  EXPECT_EQ(guards[2].origin, GuardOrigin::StaticDim);
  EXPECT_EQ(guards[3].origin, GuardOrigin::StaticDim);
  EXPECT_EQ(guards[4].provenance.operation, "aten.mm");
  EXPECT_EQ(guards[4].provenance.stage, "capture");
  EXPECT_EQ(guards[5].provenance.operation, "aten.view");
  EXPECT_EQ(guards[5].provenance.stage, "aot");
  // Range guards: s0 in [2, 1024] (and a multiple of 8, so [8, 1024]), s1 = 16.
  std::vector<Expr> ranges;
  for (size_t i = 7; i < guards.size(); ++i) {
    EXPECT_EQ(guards[i].origin, GuardOrigin::SymbolRange);
    ranges.push_back(guards[i].condition);
  }
  Expr s0 = symbol("s0"), s1 = symbol("s1");
  EXPECT_EQ(ranges, (std::vector<Expr>{ge(s0, integer(8)), le(s0, integer(1024)), ge(s1, integer(16)),
                                       le(s1, integer(16))}));
  // Every guard holds at the sizes seen.
  Assignment at_hints = env.hint_assignment();
  for (auto& [src, v] : env.source_assignment()) at_hints[src] = v;
  for (const GuardRecord& g : guards) EXPECT_TRUE(evaluate_bool(g.condition, at_hints)) << to_sympy(g.condition);
}

TEST(ShapeEnvProduceGuards, SourceRenderingMentionsOnlySources) {
  ShapeEnv env;
  trace_scenario(env);
  std::vector<GuardRecord> guards = env.produce_source_guards();
  const Assignment sources = env.source_assignment();
  for (const GuardRecord& g : guards) {
    for (Expr s : free_symbols(g.condition)) {
      EXPECT_TRUE(sources.contains(s)) << s.name() << " in " << to_sympy(g.condition);
    }
    EXPECT_TRUE(evaluate_bool(g.condition, sources)) << to_sympy(g.condition);
  }
  EXPECT_EQ(env.in_sources(le(symbol("s0"), integer(1024))), le(symbol("L['x'].size()[0]"), integer(1024)));
  const std::string code = to_python(env.in_sources(le(symbol("s0"), integer(1024))));
  EXPECT_NE(code.find("L['x'].size()[0]"), std::string::npos) << code;
  // A different input violates one of them: y's first size no longer equals x's.
  Assignment bad = sources;
  bad[symbol("L['y'].size()[0]")] = 9;
  bool some_fails = false;
  for (const GuardRecord& g : guards) some_fails = some_fails || !evaluate_bool(g.condition, bad);
  EXPECT_TRUE(some_fails);
}

std::vector<std::string> describe(const ShapeEnv& env) {
  std::vector<std::string> out;
  for (const GuardRecord& g : env.produce_guards()) {
    out.push_back(to_sympy(g.condition) + " | " + guard_kind_name(g.kind) + " | " + guard_origin_name(g.origin) +
                  " | " + g.provenance.stage + " | " + g.provenance.operation + " | " + g.provenance.reason);
  }
  for (const SymbolInfo& s : env.symbols()) out.push_back(s.symbol.name() + " " + s.range.to_string());
  for (auto& [sym, rhs] : env.replacements()) out.push_back(sym.name() + " -> " + to_sympy(rhs));
  return out;
}

TEST(ShapeEnvProduceGuards, IdenticalRunsGiveIdenticalOutput) {
  ShapeEnv first, second;
  trace_scenario(first);
  trace_scenario(second);
  EXPECT_EQ(describe(first), describe(second));
  std::vector<GuardRecord> a = first.produce_guards(), b = second.produce_guards();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].condition, b[i].condition);
}

}  // namespace
}  // namespace symshape
