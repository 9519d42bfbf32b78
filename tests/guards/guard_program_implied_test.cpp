// The fast code of a GuardProgram leaves out guards that the guards it keeps
// imply (guard_program_implied.hpp). Property: for seeded random guard sets
// full of the redundancy raw PyTorch sets have (bounds implied by tighter
// bounds, equalities implied through equality classes, divisibility implied
// by a stronger one, linear bounds implied by tighter ones, products and
// numel equalities implied through a definition) and points on and around
// the bounds' edges (and at int64 extremes, where implied-looking guards
// overflow), all_pass is true exactly when every guard passes by evaluate,
// and check() reports exactly the first failing guard in evaluation order;
// the switch dispatch of the fast code gives the same answer as computed goto.
// The test also requires that guards were in fact left out, or it would
// prove nothing.
#include <gtest/gtest.h>

#include "guard_outcome.hpp"

#include <limits>
#include <random>
#include <vector>

#include "symshape/guards/guard_program.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace guard_program_implied_test {

using testing::by_evaluate;
using testing::Outcome;

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

Expr s(int i) { return symbol("s" + std::to_string(i)); }

class RedundantSetGenerator {
 public:
  explicit RedundantSetGenerator(uint64_t seed) : rng_(seed) {
    // A base point with repeated values and often s3 = s1 + s2, so that
    // equalities, divisibilities and definitions hold at it.
    for (int i = 0; i < kSymbols; ++i) base_.push_back(pick({1, 2, 3, 4, 6, 8, 12, 16}));
    for (int i = 0; i < kSymbols; ++i) {
      if (uniform(0, 2) == 0) base_[i] = base_[uniform(0, kSymbols - 1)];
    }
    if (uniform(0, 1) == 0) base_[3] = base_[1] + base_[2];
  }

  int64_t uniform(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng_); }
  int64_t pick(std::vector<int64_t> values) { return values[uniform(0, static_cast<int64_t>(values.size()) - 1)]; }
  int sym() { return static_cast<int>(uniform(0, kSymbols - 1)); }

  // A guard that mostly holds at the base point (one in ten is a little too
  // tight there, so that failures occur near the base too).
  Expr guard() {
    int x = sym(), y = sym(), z = sym();
    int64_t bx = base_[x], by = base_[y];
    int64_t slack = uniform(0, 9) == 0 ? -1 : uniform(0, 3);
    switch (uniform(0, 11)) {
      case 0: return ge(s(x), integer(bx - slack));
      case 1: return le(s(x), integer(bx + slack));
      case 2: return eq(s(x), integer(slack < 0 ? bx + 1 : bx));
      case 3:
        for (int t = 0; t < kSymbols && (base_[y] != bx || y == x) && slack >= 0; ++t) y = t;
        return eq(s(x), s(y));
      case 4: return ne(s(x), integer(bx - 1 - uniform(0, 3)));
      case 5: {
        std::vector<int64_t> divisors;  // of bx, so that it holds at the base
        for (int64_t c : {2, 3, 4, 6, 8, 12, 16}) {
          if (bx % c == 0 || slack < 0) divisors.push_back(c);
        }
        return eq(mod(s(x), integer(divisors.empty() ? 2 : pick(divisors))), integer(0));
      }
      case 6: return le(add(s(x), s(y)), integer(bx + by + slack));
      case 7: return lt(integer(pick({0, 1, 2})), add(s(x), s(y)));
      case 8:
        for (int t = 0; t < kSymbols && base_[t] != bx + by && slack >= 0; ++t) z = t;
        return eq(s(z), add(s(x), s(y)));
      case 9: return ne(mul(s(x), s(y)), integer(0));
      case 10: {
        Expr factor = mul(integer(pick({1, 4, 12})), mul(s(x), s(y)));
        return eq(mul(factor, s(3)), mul(factor, add(s(1), s(2))));
      }
      default: return le(mul(integer(pick({2, 3})), s(x)), add(s(y), integer(2 * bx - by + slack)));
    }
  }

  std::vector<int64_t> point() {
    std::vector<int64_t> p = base_;
    int moves = static_cast<int>(pick({0, 0, 1, 1, 2}));
    for (int i = 0; i < moves; ++i) {
      int x = sym();
      switch (uniform(0, 9)) {
        case 0:
        case 1: p[x] = pick({kMax, kMin, kMax / 2 + 1, -kMax / 2 - 1, int64_t{3037000500}}); break;
        // The point generator itself must not overflow (UBSan): kMin has no
        // negation, and a step past kMax/kMin would wrap.
        case 2: p[x] = p[x] == kMin ? kMax : -p[x]; break;
        default: {
          const int64_t step = uniform(-3, 3);
          if ((step > 0 && p[x] <= kMax - step) || (step < 0 && p[x] >= kMin - step)) p[x] += step;
          break;
        }
      }
    }
    return p;
  }

  static constexpr int kSymbols = 4;

 private:
  std::mt19937_64 rng_;
  std::vector<int64_t> base_;
};

GuardResult expected_in_order(const std::vector<Outcome>& outcomes, std::span<const uint32_t> order) {
  for (size_t pos = 0; pos < order.size(); ++pos) {
    const Outcome& o = outcomes[order[pos]];
    auto checked = static_cast<uint32_t>(pos + 1);
    if (!o) return GuardResult::error_in(order[pos], EvalError::Overflow, checked);
    if (!*o) return GuardResult::fail(order[pos], checked);
  }
  return GuardResult::pass(static_cast<uint32_t>(order.size()));
}

TEST(GuardProgramImplied, FastCodeAgreesWithEvaluateAndLeavesGuardsOut) {
  constexpr uint64_t kSets = 1500;
  size_t distinct_total = 0, fast_total = 0, passes = 0, fails = 0, errors = 0;
  for (uint64_t seed = 0; seed < kSets; ++seed) {
    RedundantSetGenerator gen(seed);
    std::vector<Expr> guards;
    size_t count = static_cast<size_t>(gen.uniform(2, 24));
    for (size_t i = 0; i < count; ++i) {
      try {
        guards.push_back(gen.guard());
      } catch (const Error&) {
      }
    }
    SlotLayout layout;
    for (int i = 0; i < RedundantSetGenerator::kSymbols; ++i) layout.add_symbol(s(i));
    GuardProgram program(guards, layout);
    std::vector<Expr> distinct = guards;
    std::sort(distinct.begin(), distinct.end(), [](Expr a, Expr b) { return ExprHash{}(a) < ExprHash{}(b); });
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    distinct_total += distinct.size();
    fast_total += program.fast_guard_count();
    ASSERT_LE(program.fast_guard_count(), distinct.size());

    for (int k = 0; k < 12; ++k) {
      std::vector<int64_t> slots = gen.point();
      Assignment point = layout.assignment_from(slots);
      std::vector<Outcome> outcomes;
      bool all = true;
      for (Expr g : guards) {
        outcomes.push_back(by_evaluate(g, point));
        all = all && outcomes.back() == Outcome(true);
      }
      std::string context = "seed " + std::to_string(seed) + "\n" + program.disassemble_fast();
      ASSERT_EQ(program.all_pass(slots), all) << context;
      ASSERT_EQ(program.all_pass_switch_dispatch(slots), all) << context;
      GuardResult want = expected_in_order(outcomes, program.evaluation_order());
      GuardResult got = program.check(slots);
      ASSERT_EQ(got.status, want.status) << context;
      ASSERT_EQ(got.failed_guard, want.failed_guard) << context;
      ASSERT_EQ(got.guards_checked, want.guards_checked) << context;
      passes += all;
      fails += got.status == GuardStatus::False;
      errors += got.status == GuardStatus::Error;
    }
  }
  // Every outcome occurred, and the fast code left out a good part of the guards.
  EXPECT_GT(passes, kSets / 2);
  EXPECT_GT(fails, kSets);
  EXPECT_GT(errors, kSets / 10);
  EXPECT_LT(fast_total * 10, distinct_total * 9) << fast_total << " of " << distinct_total;
}

// The redundancy of a raw transformer set: what remains is one guard per fact.
TEST(GuardProgramImplied, LeavesOutTheRepeatsOfARawSet) {
  std::vector<Expr> guards;
  for (int layer = 0; layer < 4; ++layer) {
    guards.push_back(eq(s(3), add(s(1), s(2))));
    guards.push_back(le(add(s(1), s(2)), integer(1024 + layer)));  // implied by layer 0's
    guards.push_back(ge(s(1), integer(2)));
    guards.push_back(ne(s(1), integer(1)));                              // implied by s1 >= 2
    guards.push_back(eq(mod(s(1), integer(8)), integer(0)));
    guards.push_back(eq(mod(s(1), integer(4)), integer(0)));             // implied by Mod 8
    guards.push_back(ne(s(3), integer(1)));                              // s3 = s1 + s2 >= 2
    guards.push_back(ne(mul(s(0), s(1)), integer(0)));                   // s0 >= 1, s1 >= 2
    guards.push_back(eq(s(4), s(1)));
    guards.push_back(eq(s(5), s(4)));
    guards.push_back(eq(s(5), s(1)));                                    // implied through s4
  }
  guards.push_back(ge(s(0), integer(1)));
  guards.push_back(le(s(0), integer(64)));
  guards.push_back(ge(s(2), integer(0)));
  guards.push_back(le(s(1), integer(1024)));  // without it s0*s1 could overflow
  guards.push_back(ge(s(0), integer(0)));     // implied by s0 >= 1
  SlotLayout layout = SlotLayout::for_guards(guards);
  GuardProgram program(guards, layout);
  // Kept: Eq(s3, s1 + s2), s1 + s2 <= 1024, Mod 8, Eq(s4, s1), Eq(s5, s4) and
  // the bounds s1 >= 2, s1 <= 1024, s0 >= 1, s0 <= 64, s2 >= 0.
  EXPECT_EQ(program.fast_guard_count(), 10u) << program.disassemble_fast();
  Assignment at{{s(0), 8}, {s(1), 128}, {s(2), 256}, {s(3), 384}, {s(4), 128}, {s(5), 128}};
  EXPECT_TRUE(program.check(layout.slots_from(at)).passed());
  // s1 + s2 = 1025 breaks layer 0's bound (the first in evaluation order among
  // the bounds on s1 + s2 that fail); the exact code still names it.
  at[s(2)] = 897;
  at[s(3)] = 1025;
  GuardResult r = program.check(layout.slots_from(at));
  ASSERT_EQ(r.status, GuardStatus::False);
  EXPECT_EQ(to_sympy(program.guard(r.failed_guard)), to_sympy(guards[1]));
}

// A bound on a symbol that a kept equality defines (`s3 <= 1024` next to
// `Eq(s3, s1 + s2)` and `s1 + s2 <= 1024`, as in every layer of a raw
// transformer set) is left out: it is decided after the guards that imply it.
// Around the edges and at int64 extremes the fast code still agrees with
// evaluate, and check() still names the first failing guard (the exact code
// evaluates the bounds).
TEST(GuardProgramImplied, BoundOfADefinedSymbolFollowsFromItsDefinition) {
  std::vector<Expr> guards{le(s(3), integer(1024)), eq(s(3), add(s(1), s(2))), le(add(s(1), s(2)), integer(1024)),
                           le(s(3), integer(2000)), ge(s(1), integer(0)), ge(s(2), integer(0))};
  SlotLayout layout = SlotLayout::for_guards(guards);
  GuardProgram program(guards, layout);
  // Kept: the definition, the sum's bound and the two bounds on s1 and s2.
  EXPECT_EQ(program.fast_guard_count(), 4u) << program.disassemble_fast();
  EXPECT_EQ(program.disassemble_fast().find("slot3,"), std::string::npos) << program.disassemble_fast();
  std::mt19937_64 rng(3);
  const std::vector<int64_t> values{kMin, kMin + 1, -1, 0, 1, 2, 511, 512, 513, 1023, 1024, 1025, 2000, kMax - 1, kMax};
  size_t passes = 0;
  for (int k = 0; k < 5000; ++k) {
    std::vector<int64_t> slots(4);
    for (int i = 1; i < 3; ++i) slots[i] = values[rng() % values.size()];
    // s3 is often the exact sum (when it fits), else a value near it.
    __int128 sum = static_cast<__int128>(slots[1]) + slots[2];
    bool fits = sum >= kMin && sum <= kMax;
    slots[3] = fits && rng() % 4 ? static_cast<int64_t>(sum) : values[rng() % values.size()];
    Assignment point = layout.assignment_from(slots);
    std::vector<Outcome> outcomes;
    bool all = true;
    for (Expr g : guards) {
      outcomes.push_back(by_evaluate(g, point));
      all = all && outcomes.back() == Outcome(true);
    }
    ASSERT_EQ(program.all_pass(slots), all) << k;
    ASSERT_EQ(program.all_pass_switch_dispatch(slots), all) << k;
    GuardResult want = expected_in_order(outcomes, program.evaluation_order());
    GuardResult got = program.check(slots);
    ASSERT_EQ(got.status, want.status) << k;
    ASSERT_EQ(got.failed_guard, want.failed_guard) << k;
    passes += all;
  }
  EXPECT_GT(passes, 100u);
}

// An implied-looking guard that can overflow where the kept ones pass is kept.
TEST(GuardProgramImplied, KeepsAGuardThatCanOverflow) {
  std::vector<Expr> guards{ge(s(0), integer(1)), ge(s(1), integer(1)), ne(mul(s(0), s(1)), integer(0))};
  SlotLayout layout = SlotLayout::for_guards(guards);
  GuardProgram program(guards, layout);
  EXPECT_EQ(program.fast_guard_count(), 3u) << program.disassemble_fast();
  std::vector<int64_t> huge = layout.slots_from({{s(0), kMax}, {s(1), 2}});
  EXPECT_FALSE(program.all_pass(huge));
  EXPECT_EQ(program.check(huge).status, GuardStatus::Error);
}

}  // namespace guard_program_implied_test
}  // namespace symshape
