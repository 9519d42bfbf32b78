// Fused guard instructions (guard_program_fuse.hpp): each common guard shape
// compiles to ONE instruction; random sets made only of those shapes, at
// int64 extremes, zero and negative values, give exactly what symshape's
// evaluate and the interpreter give (the first failing guard in evaluation
// order, false vs error); and a failure report names the right guard, status
// and values although the fast code that found the failure names nothing.
#include <gtest/gtest.h>

#include "guard_outcome.hpp"

#include <cstdlib>
#include <iostream>
#include <limits>
#include <optional>
#include <random>
#include <vector>

#include "symshape/guards/guard_failure.hpp"
#include "symshape/guards/guard_interpreter.hpp"
#include "symshape/guards/guard_program.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace guard_program_fused_test {

using Op = GuardProgram::Op;
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

Expr s(int i) { return symbol("s" + std::to_string(i)); }
Expr raw(ExprKind k, std::vector<Expr> args) { return make_raw(k, std::move(args)); }
// `c*FloorDiv(x, c) == y` as PyTorch prints it (an aligned size).
Expr align_eq(Expr x, int64_t c, Expr y) {
  return raw(ExprKind::Eq, {raw(ExprKind::Mul, {integer(c), raw(ExprKind::FloorDiv, {x, integer(c)})}), y});
}

TEST(GuardProgramFused, EachCommonShapeIsOneInstruction) {
  struct Case {
    Expr guard;
    Op op;
    const char* text;  // the disassembled instruction, after "0: "
  };
  std::vector<Case> cases{
      {eq(s(0), s(1)), Op::SlotEqSlot, "slot_eq_slot slot0, slot1"},
      {ne(s(0), s(1)), Op::SlotNeSlot, "slot_ne_slot slot0, slot1"},
      {le(s(0), s(1)), Op::SlotLeSlot, "slot_le_slot slot0, slot1"},
      {eq(s(0), integer(3)), Op::SlotEqConst, "slot_eq_const slot0, 3"},
      {ne(s(0), integer(3)), Op::SlotNeConst, "slot_ne_const slot0, 3"},
      {le(s(0), integer(64)), Op::SlotLeConst, "slot_le_const slot0, 64"},
      {lt(s(0), integer(64)), Op::SlotLeConst, "slot_le_const slot0, 63"},
      {le(integer(2), s(0)), Op::SlotGeConst, "slot_ge_const slot0, 2"},
      {lt(integer(2), s(0)), Op::SlotGeConst, "slot_ge_const slot0, 3"},
      {eq(mod(s(0), integer(6)), integer(0)), Op::SlotModZero, "slot_mod_zero slot0, 6"},
      {ne(mod(s(0), integer(6)), integer(0)), Op::SlotModNonZero, "slot_mod_nonzero slot0, 6"},
      {eq(mod(s(0), integer(8)), integer(0)), Op::SlotMaskZero, "slot_mask_zero slot0, 7"},
      {ne(mod(s(0), integer(8)), integer(0)), Op::SlotMaskNonZero, "slot_mask_nonzero slot0, 7"},
      {eq(s(0) + s(1), s(2)), Op::AddEqSlot, "add_eq_slot slot0, slot1, slot2"},
      {eq(s(0) * s(1), s(2)), Op::MulEqSlot, "mul_eq_slot slot0, slot1, slot2"},
      {le(s(0) + s(1), integer(1024)), Op::AddLeConst, "add_le_const slot0, slot1, 1024"},
      {lt(s(0) + s(1), integer(1024)), Op::AddLeConst, "add_le_const slot0, slot1, 1023"},
      {le(integer(2), s(0) + s(1)), Op::AddGeConst, "add_ge_const slot0, slot1, 2"},
      {lt(integer(2), s(0) + s(1)), Op::AddGeConst, "add_ge_const slot0, slot1, 3"},
      {le(integer(2) * s(0) + integer(3) * s(1), integer(7)), Op::Linear, "linear 2*slot0 + 3*slot1 <= 7"},
      {lt(s(0), s(1)), Op::Linear, "linear 1 + slot0 <= slot1"},  // canonical: s0 + 1 <= s1
      {eq(s(0) + integer(1), s(1)), Op::Linear, "linear 1 + slot0 == slot1"},
      {align_eq(s(0), 4, s(1)), Op::SlotAlignEqSlot, "slot_align_eq_slot slot0, 4, slot1"},
      {raw(ExprKind::Eq, {s(1), raw(ExprKind::Mul, {raw(ExprKind::FloorDiv, {s(0), integer(8)}), integer(8)})}),
       Op::SlotAlignEqSlot, "slot_align_eq_slot slot0, 8, slot1"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(to_sympy(c.guard));
    SlotLayout layout = SlotLayout::for_guards(std::vector<Expr>{c.guard});
    GuardProgram p({c.guard}, layout);
    ASSERT_EQ(p.code().size(), 2u) << p.disassemble();  // the instruction and End
    EXPECT_EQ(p.code()[0].op, c.op) << p.disassemble();
    EXPECT_EQ(p.code()[1].op, Op::End);
    EXPECT_NE(p.disassemble().find(std::string("0: ") + c.text + "\n"), std::string::npos) << p.disassemble();
  }
}

TEST(GuardProgramFused, UnusualDivisorsAndLinearFormsStayGeneric) {
  // Mod by a constant the fused ops do not cover (0 is an error, negative
  // divisors, 1) and products of two symbols inside a sum.
  for (Expr g : {raw(ExprKind::Eq, {raw(ExprKind::Mod, {s(0), integer(0)}), integer(0)}),
                 raw(ExprKind::Eq, {raw(ExprKind::Mod, {s(0), integer(-8)}), integer(0)}),
                 raw(ExprKind::Eq, {raw(ExprKind::Mod, {s(0), integer(1)}), integer(0)}),
                 le(s(0) * s(1) + s(2), integer(7)),
                 // c*FloorDiv(x, c) for a c that is not a power of two can
                 // overflow; a different divisor is another shape.
                 align_eq(s(0), 3, s(1)), align_eq(s(0), -4, s(1)),
                 raw(ExprKind::Eq, {raw(ExprKind::Mul, {integer(4), raw(ExprKind::FloorDiv, {s(0), integer(2)})}), s(1)})}) {
    SlotLayout layout = SlotLayout::for_guards(std::vector<Expr>{g});
    GuardProgram p({g}, layout);
    EXPECT_GT(p.code().size(), 2u) << to_sympy(g) << "\n" << p.disassemble();
  }
}

using testing::by_evaluate;
using testing::Outcome;

// Values where fused arithmetic breaks if it is wrong: extremes, their
// neighbours, zero, negatives, powers of two, small sizes.
int64_t interesting_value(std::mt19937_64& rng) {
  static const std::vector<int64_t> special{kMin,      kMin + 1, kMin / 2, -(int64_t{1} << 32), -8, -7, -3, -2, -1, 0,
                                            1,         2,        3,        6,  7,  8,  12, 64, int64_t{1} << 31,
                                            int64_t{1} << 32, kMax / 2, kMax - 1, kMax};
  switch (rng() % 3) {
    case 0: return special[rng() % special.size()];
    case 1: return static_cast<int64_t>(rng() % 25) - 12;
    default: return static_cast<int64_t>(rng());
  }
}

// A guard of one of the fused shapes over s0..s3, as a raw tree in either
// orientation (the compiler must match both) or in canonical form.
Expr random_fused_shape(std::mt19937_64& rng) {
  auto sym = [&] { return s(static_cast<int>(rng() % 4)); };
  auto constant = [&] { return integer(interesting_value(rng)); };
  auto modulus = [&] { return integer(static_cast<int64_t>(rng() % 2 ? (rng() % 15) + 2 : int64_t{1} << (rng() % 62))); };
  auto orient = [&](ExprKind k, Expr a, Expr b) { return rng() % 2 || k == ExprKind::Le || k == ExprKind::Lt
                                                                 ? raw(k, {a, b}) : raw(k, {b, a}); };
  static const ExprKind rels[] = {ExprKind::Eq, ExprKind::Ne, ExprKind::Le, ExprKind::Lt};
  ExprKind rel = rels[rng() % 4];
  auto term = [&]() -> Expr {
    switch (rng() % 3) {
      case 0: return sym();
      case 1: return constant();
      default: return rng() % 2 ? raw(ExprKind::Mul, {constant(), sym()}) : raw(ExprKind::Mul, {sym(), constant()});
    }
  };
  Expr g;
  switch (rng() % 9) {
    case 0: g = raw(rel, {sym(), sym()}); break;
    case 1: g = rng() % 2 ? raw(rel, {sym(), constant()}) : raw(rel, {constant(), sym()}); break;
    case 2: g = orient(rng() % 2 ? ExprKind::Eq : ExprKind::Ne, raw(ExprKind::Mod, {sym(), modulus()}), integer(0)); break;
    case 3: g = orient(ExprKind::Eq, raw(ExprKind::Add, {sym(), sym()}), sym()); break;
    case 4: g = orient(ExprKind::Eq, raw(ExprKind::Mul, {sym(), sym()}), sym()); break;
    case 5: {
      Expr sum = raw(ExprKind::Add, {sym(), sym()});
      ExprKind k = rng() % 2 ? ExprKind::Le : ExprKind::Lt;
      g = rng() % 2 ? raw(k, {sum, constant()}) : raw(k, {constant(), sum});
      break;
    }
    case 6: {
      const int64_t c = int64_t{1} << (1 + rng() % 62);  // 2 .. 2^62
      Expr q = raw(ExprKind::FloorDiv, {sym(), integer(c)});
      Expr product = rng() % 2 ? raw(ExprKind::Mul, {integer(c), q}) : raw(ExprKind::Mul, {q, integer(c)});
      g = orient(ExprKind::Eq, product, sym());
      break;
    }
    default: {
      std::vector<Expr> lhs, rhs;
      for (uint64_t i = 0, n = 1 + rng() % 3; i < n; ++i) lhs.push_back(term());
      for (uint64_t i = 0, n = 1 + rng() % 2; i < n; ++i) rhs.push_back(term());
      lhs.push_back(sym());
      g = raw(rel, {raw(ExprKind::Add, lhs), rhs.size() == 1 ? rhs[0] : raw(ExprKind::Add, rhs)});
    }
  }
  if (rng() % 3 == 0) {
    try {
      return rebuild(g, std::vector<Expr>(g.args().begin(), g.args().end()));
    } catch (const Error&) {
      return g;
    }
  }
  return g;
}

uint64_t base_seed() {
  const char* env = std::getenv("SYMSHAPE_TEST_SEED");
  return env ? std::strtoull(env, nullptr, 10) : 12;
}

TEST(GuardProgramFused, RandomFusedSetsAgreeWithEvaluateAndInterpreter) {
  const uint64_t seed = base_seed();
  std::cout << "GuardProgramFused seed " << seed << " (set SYMSHAPE_TEST_SEED to vary)\n";
  std::mt19937_64 rng(seed);
  const std::vector<Expr> symbols{s(0), s(1), s(2), s(3)};
  size_t passes = 0, falses = 0, errors = 0, fused = 0, instructions = 0;
  for (int set = 0; set < 1500; ++set) {
    SCOPED_TRACE("seed " + std::to_string(seed) + ", set " + std::to_string(set));
    std::vector<Expr> guards;
    for (uint64_t i = 0, n = 1 + rng() % 8; i < n; ++i) guards.push_back(random_fused_shape(rng));
    SlotLayout layout;
    for (Expr sym : symbols) layout.add_symbol(sym);
    GuardProgram program(guards, layout);
    GuardInterpreter interpreter(guards, layout);
    for (const auto& in : program.code()) {
      fused += in.op >= Op::SlotEqSlot;
      instructions += in.op != Op::End;
    }
    std::vector<uint32_t> order(program.evaluation_order().begin(), program.evaluation_order().end());
    for (int k = 0; k < 6; ++k) {
      Assignment point;
      for (Expr sym : symbols) point[sym] = interesting_value(rng);
      // Often make equalities and sums hold, so that whole sets pass.
      if (rng() % 2) point[s(1)] = point[s(0)];
      if (rng() % 3 == 0) point[s(2)] = point[s(0)] / 2 + point[s(1)] / 2;
      if (rng() % 4 == 0) point[s(3)] = point[s(0)] & -(int64_t{1} << (1 + rng() % 4));  // aligned
      std::vector<int64_t> slots = layout.slots_from(point);
      std::vector<Outcome> outcome;
      for (Expr g : guards) outcome.push_back(by_evaluate(g, point));
      GuardResult want = GuardResult::pass(static_cast<uint32_t>(guards.size()));
      for (size_t pos = 0; pos < order.size() && want.passed(); ++pos) {
        const Outcome& o = outcome[order[pos]];
        auto checked = static_cast<uint32_t>(pos + 1);
        if (!o) want = GuardResult::error_in(order[pos], EvalError::Overflow, checked);
        else if (!*o) want = GuardResult::fail(order[pos], checked);
      }
      GuardResult got = program.check(slots);
      ASSERT_EQ(got.status, want.status) << program.disassemble();
      ASSERT_EQ(got.failed_guard, want.failed_guard) << program.disassemble();
      ASSERT_EQ(got.guards_checked, want.guards_checked);
      if (got.status == GuardStatus::Error) {
        ASSERT_EQ(got.error, EvalError::Overflow);  // nothing here divides
      }
      ASSERT_EQ(program.all_pass(slots), want.passed());
      ASSERT_EQ(program.all_pass_switch_dispatch(slots), want.passed());
      GuardResult by_interpreter = interpreter.check(slots);
      ASSERT_EQ(by_interpreter.passed(), want.passed());
      if (!by_interpreter.passed()) {
        ASSERT_EQ(by_interpreter.status == GuardStatus::Error, !outcome[by_interpreter.failed_guard].has_value());
      }
      passes += got.passed();
      falses += got.status == GuardStatus::False;
      errors += got.status == GuardStatus::Error;
    }
  }
  // Every outcome occurs, and almost every guard fused: else this proves little.
  EXPECT_GT(passes, 300u);
  EXPECT_GT(falses, 1000u);
  EXPECT_GT(errors, 300u);
  EXPECT_GT(fused * 10, instructions * 9) << fused << " of " << instructions;
}

// The fast code checks two slot equalities per SlotEqSlot2: either half
// failing (at int64 extremes too) must fail all_pass, by both dispatches.
TEST(GuardProgramFused, PairedSlotEqualitiesFailOnEitherHalf) {
  std::vector<Expr> guards{eq(s(0), s(1)), eq(s(2), s(3)), eq(s(4), s(5)), eq(s(6), s(7)), eq(s(8), s(9))};
  SlotLayout layout = SlotLayout::for_guards(guards);
  GuardProgram p(guards, layout);
  std::string fast = p.disassemble_fast();
  EXPECT_NE(fast.find("slot_eq_slot2 slot0, slot1; slot2, slot3"), std::string::npos) << fast;
  EXPECT_NE(fast.find("slot_eq_slot2 slot4, slot5; slot6, slot7"), std::string::npos) << fast;
  EXPECT_NE(fast.find("slot_eq_slot slot8, slot9"), std::string::npos) << fast;
  std::mt19937_64 rng(5);
  for (int k = 0; k < 2000; ++k) {
    std::vector<int64_t> slots(10);
    for (size_t i = 0; i < slots.size(); i += 2) slots[i] = slots[i + 1] = interesting_value(rng);
    // Break none, or one side of one equality (k decides which).
    if (k % 11 != 10) {
      size_t i = static_cast<size_t>(k % 10);
      int64_t other = interesting_value(rng);
      if (other != slots[i ^ 1]) slots[i] = other;
    }
    bool want = true;
    for (size_t i = 0; i < slots.size(); i += 2) want = want && slots[i] == slots[i + 1];
    ASSERT_EQ(p.all_pass(slots), want) << k;
    ASSERT_EQ(p.all_pass_switch_dispatch(slots), want) << k;
    GuardResult r = p.check(slots);
    ASSERT_EQ(r.passed(), want) << k;
    if (!want) {
      ASSERT_EQ(r.status, GuardStatus::False);
      size_t first = 0;
      while (slots[2 * first] == slots[2 * first + 1]) ++first;
      ASSERT_EQ(r.failed_guard, first);
    }
  }
}

// The fast code computes a sum that an equality and a bound share once
// (AddEqSlotLeConst): at int64 extremes and around the bound, both
// dispatches and check() agree with evaluate, whichever of the two fails or
// overflows, and whichever order the sum's terms are written in.
TEST(GuardProgramFused, SharedSumOfEqualityAndBoundAgreesWithEvaluate) {
  for (bool swapped : {false, true}) {
    Expr sum = swapped ? raw(ExprKind::Add, {s(1), s(0)}) : raw(ExprKind::Add, {s(0), s(1)});
    std::vector<Expr> guards{raw(ExprKind::Eq, {s(2), raw(ExprKind::Add, {s(0), s(1)})}),
                             raw(ExprKind::Le, {sum, integer(1024)})};
    SlotLayout layout = SlotLayout::for_guards(guards);
    GuardProgram p(guards, layout);
    std::string fast = p.disassemble_fast();
    ASSERT_NE(fast.find("add_eq_slot_le_const"), std::string::npos) << fast;
    ASSERT_EQ(fast.find("add_le_const"), std::string::npos) << fast;
    std::mt19937_64 rng(swapped ? 9 : 8);
    size_t passes = 0, errors = 0;
    for (int k = 0; k < 4000; ++k) {
      std::vector<int64_t> slots{interesting_value(rng), interesting_value(rng), 0};
      if (k % 3 == 0) {  // around the bound (computed without wrapping: slots[0] may be near INT64_MIN)
        const __int128 near = __int128{1024} - slots[0] + static_cast<int64_t>(rng() % 3) - 1;
        if (near >= INT64_MIN && near <= INT64_MAX) slots[1] = static_cast<int64_t>(near);
      }
      // Usually the wrapped sum (the equality holds unless the sum overflowed).
      slots[2] = rng() % 4 ? static_cast<int64_t>(static_cast<uint64_t>(slots[0]) + static_cast<uint64_t>(slots[1]))
                           : interesting_value(rng);
      Assignment point = layout.assignment_from(slots);
      std::vector<Outcome> outcomes;
      bool all = true;
      for (Expr g : guards) {
        outcomes.push_back(by_evaluate(g, point));
        all = all && outcomes.back() == Outcome(true);
      }
      ASSERT_EQ(p.all_pass(slots), all) << k;
      ASSERT_EQ(p.all_pass_switch_dispatch(slots), all) << k;
      GuardResult r = p.check(slots);
      ASSERT_EQ(r.passed(), all) << k;
      if (!all) {
        uint32_t first = outcomes[0] == Outcome(true) ? 1 : 0;  // evaluation order: the Eq, then the bound
        ASSERT_EQ(r.failed_guard, first) << k;
        ASSERT_EQ(r.status == GuardStatus::Error, !outcomes[first].has_value()) << k;
      }
      passes += all;
      errors += r.status == GuardStatus::Error;
    }
    EXPECT_GT(passes, 300u);
    EXPECT_GT(errors, 100u);
  }
}

TEST(GuardProgramFused, FailureReportNamesTheFirstFailingGuardAndItsValues) {
  // Evaluation order: the Eq with a constant side, the other Eqs, the Ne, the
  // bounds. At the point below every guard but the bound fails, in different
  // ways; each report must be the first in that order.
  std::vector<Expr> guards{
      le(s(0), integer(100)),                              // #0: a bound
      eq(s(0) + s(1), s(2)),                               // #1: overflows at s0 = kMax, s1 = 1
      eq(mod(s(3), integer(8)), integer(0)),               // #2: false at s3 = 4
      ne(s(0), s(1)),                                      // #3
      le(integer(3) * s(1) + s(2), integer(5)),            // #4: linear
  };
  SlotLayout layout = SlotLayout::for_guards(guards);
  GuardProgram p(guards, layout);
  ASSERT_EQ(std::vector<uint32_t>(p.evaluation_order().begin(), p.evaluation_order().end()),
            (std::vector<uint32_t>{2, 1, 3, 0, 4}));

  std::vector<int64_t> slots{kMax, 1, 0, 4};
  GuardResult r = p.check(slots);
  EXPECT_EQ(r.status, GuardStatus::False);
  EXPECT_EQ(r.failed_guard, 2u);
  EXPECT_EQ(r.guards_checked, 1u);
  EXPECT_EQ(describe_failure(guards[2], r, layout, slots), "Eq(Mod(s3, 8), 0) failed: s3=4");

  slots[3] = 8;  // now the sum overflows first
  r = p.check(slots);
  EXPECT_EQ(r.status, GuardStatus::Error);
  EXPECT_EQ(r.error, EvalError::Overflow);
  EXPECT_EQ(r.failed_guard, 1u);
  EXPECT_EQ(r.guards_checked, 2u);
  EXPECT_EQ(describe_failure(guards[1], r, layout, slots),
            "Eq(s0 + s1, s2) failed (overflow): s0=9223372036854775807, s1=1, s2=0");

  slots = {5, 5, 10, 8};  // the sum holds; Ne(s0, s1) is false
  r = p.check(slots);
  EXPECT_EQ(r.status, GuardStatus::False);
  EXPECT_EQ(r.failed_guard, 3u);
  EXPECT_EQ(r.guards_checked, 3u);

  slots = {1, kMax / 2, 1 + kMax / 2, 8};  // 3*s1 overflows in the linear guard, the last one
  r = p.check(slots);
  EXPECT_EQ(r.status, GuardStatus::Error);
  EXPECT_EQ(r.failed_guard, 4u);
  EXPECT_EQ(r.guards_checked, 5u);
  EXPECT_FALSE(p.all_pass(slots));

  slots = {0, 1, 1, 8};  // 3*1 + 1 <= 5: everything holds
  EXPECT_TRUE(p.check(slots).passed());
  EXPECT_TRUE(p.all_pass(slots));
}

}  // namespace guard_program_fused_test
}  // namespace symshape
