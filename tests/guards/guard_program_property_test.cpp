// Property test: for thousands of seeded random guard sets and random points,
// GuardInterpreter agrees exactly with symshape::evaluate and with the
// independent brute-force oracle of random_expr.hpp (first failing guard in
// original order, false vs error), and GuardProgram reports exactly the first
// guard in ITS evaluation order whose own evaluation fails (so it passes iff
// every guard passes, and the guard it names really fails).
#include <gtest/gtest.h>

#include "guard_outcome.hpp"

#include <optional>
#include <random>
#include <vector>

#include "random_expr.hpp"
#include "symshape/guards/guard_interpreter.hpp"
#include "symshape/guards/guard_program.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"

namespace symshape {
namespace {

using testing::RandomExprGenerator;

using testing::by_evaluate;
using testing::Outcome;

Outcome by_oracle(Expr g, const Assignment& values) {
  std::optional<int64_t> v = testing::brute_force_eval(g, values);
  if (!v) return std::nullopt;
  return *v != 0;
}

Outcome from_result(const GuardResult& r) {
  if (r.status == GuardStatus::Error) return std::nullopt;
  return r.status == GuardStatus::Pass;
}

// The result an evaluator must give when it checks guards in `order`.
GuardResult expected_in_order(const std::vector<Outcome>& outcomes, const std::vector<uint32_t>& order) {
  for (size_t pos = 0; pos < order.size(); ++pos) {
    const Outcome& o = outcomes[order[pos]];
    auto checked = static_cast<uint32_t>(pos + 1);
    if (!o) return GuardResult::error_in(order[pos], EvalError::Overflow, checked);  // kind not compared
    if (!*o) return GuardResult::fail(order[pos], checked);
  }
  return GuardResult::pass(static_cast<uint32_t>(order.size()));
}

void expect_same(const GuardResult& got, const GuardResult& want, const char* who, uint64_t seed) {
  ASSERT_EQ(got.status, want.status) << who << " seed " << seed;
  if (!want.passed()) {
    ASSERT_EQ(got.failed_guard, want.failed_guard) << who << " seed " << seed;
  }
  ASSERT_EQ(got.guards_checked, want.guards_checked) << who << " seed " << seed;
}

// Small values mostly (where guards flip), sometimes huge ones (overflow).
Assignment random_point(RandomExprGenerator& gen) {
  int64_t bound = 12;
  switch (gen.uniform(0, 9)) {
    case 0: bound = int64_t{1} << 32; break;
    case 1: bound = std::numeric_limits<int64_t>::max(); break;
    default: break;
  }
  return gen.random_point(-bound, bound);
}

TEST(GuardProgramProperty, AgreesWithInterpreterEvaluateAndOracle) {
  const std::vector<Expr> symbols{symbol("s0"), symbol("s1"), symbol("s2"), symbol("s3")};
  constexpr uint64_t kSets = 2000;
  constexpr int kPointsPerSet = 4;
  size_t failures_seen = 0, errors_seen = 0, passes_seen = 0, shared_nodes = 0;
  for (uint64_t seed = 0; seed < kSets; ++seed) {
    RandomExprGenerator gen(seed, symbols, {.max_depth = 3, .max_constant = 9, .max_exponent = 3});
    std::vector<Expr> guards;
    size_t count = static_cast<size_t>(gen.uniform(1, 10));
    for (size_t i = 0; i < count; ++i) {
      Expr raw = gen.bool_expr();
      // Mostly canonical guards (what a guard set holds), some raw trees, and
      // some repeats so that deduplication and sharing are exercised.
      if (!guards.empty() && gen.uniform(0, 9) == 0) {
        guards.push_back(guards[static_cast<size_t>(gen.uniform(0, static_cast<int64_t>(guards.size()) - 1))]);
        continue;
      }
      if (gen.uniform(0, 3) == 0) {
        guards.push_back(raw);
        continue;
      }
      try {
        guards.push_back(testing::canonicalize(raw));
      } catch (const Error&) {
        guards.push_back(raw);  // folding a constant overflowed: keep the raw tree
      }
    }
    // Sometimes a layout whose slots are not simply the guards' symbols.
    SlotLayout layout;
    if (seed % 3 == 0) layout.add_symbol(symbol("s9"));
    for (Expr sym : symbols) {
      if (seed % 2 == 0) layout.add_symbol(sym);
    }
    layout.add_symbols_of(guards);
    for (Expr sym : symbols) layout.add_symbol(sym);

    GuardProgram program(guards, layout);
    GuardInterpreter interpreter(guards, layout);
    shared_nodes += program.register_count();
    std::vector<uint32_t> original(guards.size());
    for (uint32_t i = 0; i < original.size(); ++i) original[i] = i;
    std::vector<uint32_t> evaluation(program.evaluation_order().begin(), program.evaluation_order().end());

    for (int k = 0; k < kPointsPerSet; ++k) {
      Assignment point = random_point(gen);
      point[symbol("s9")] = gen.uniform(-5, 5);
      std::vector<int64_t> slots = layout.slots_from(point);

      std::vector<Outcome> evaluated, oracle;
      for (Expr g : guards) {
        evaluated.push_back(by_evaluate(g, point));
        oracle.push_back(by_oracle(g, point));
      }
      ASSERT_EQ(evaluated, oracle) << "evaluate and the oracle disagree, seed " << seed;

      GuardResult by_interpreter = interpreter.check(slots);
      expect_same(by_interpreter, expected_in_order(evaluated, original), "interpreter", seed);
      GuardResult by_program = program.check(slots);
      expect_same(by_program, expected_in_order(evaluated, evaluation), "program", seed);
      // Restated plainly: pass iff all guards pass; a named guard really fails.
      bool all_pass = true;
      for (const Outcome& o : evaluated) all_pass = all_pass && o.has_value() && *o;
      ASSERT_EQ(by_program.passed(), all_pass) << "seed " << seed;
      ASSERT_EQ(program.all_pass(slots), all_pass) << "seed " << seed;
      ASSERT_EQ(program.all_pass_switch_dispatch(slots), all_pass) << "seed " << seed;
      if (!by_program.passed()) {
        ASSERT_EQ(from_result(by_program), evaluated[by_program.failed_guard]) << "seed " << seed;
      }
      passes_seen += all_pass;
      failures_seen += by_program.status == GuardStatus::False;
      errors_seen += by_program.status == GuardStatus::Error;
    }
  }
  // The generator must have exercised every outcome, or the test proves little.
  EXPECT_GT(passes_seen, kSets / 10);
  EXPECT_GT(failures_seen, kSets / 2);
  EXPECT_GT(errors_seen, kSets / 10);
  EXPECT_GT(shared_nodes, 0u);
}

}  // namespace
}  // namespace symshape
