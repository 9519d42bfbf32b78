// Examples for GuardProgram and GuardInterpreter: results by original index,
// evaluation order, Python // and %, overflow and division by zero as errors,
// shared subexpressions computed once, and no allocation while checking.
#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "allocation_counter.hpp"
#include "symshape/guards/guard_failure.hpp"
#include "symshape/guards/guard_interpreter.hpp"
#include "symshape/guards/guard_program.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace guard_program_test {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

Expr s(int i) { return symbol("s" + std::to_string(i)); }

// Runs both evaluators on `guards` at `slots` (layout s0, s1, ...).
struct Both {
  explicit Both(std::vector<Expr> guards)
      : layout(SlotLayout::for_guards(guards)), program(guards, layout), interpreter(guards, layout) {}
  SlotLayout layout;
  GuardProgram program;
  GuardInterpreter interpreter;
};

size_t count_ops(const GuardProgram& p, GuardProgram::Op op) {
  size_t n = 0;
  for (const auto& in : p.code()) n += in.op == op;
  return n;
}

TEST(GuardProgram, PassAndFailureByOriginalIndex) {
  Both b({eq(s(0), s(1)), le(integer(2), s(0)), le(s(1), integer(64))});
  EXPECT_EQ(b.layout.symbols().size(), 2u);
  for (const auto& slots : std::vector<std::vector<int64_t>>{{4, 4}, {64, 64}}) {
    EXPECT_TRUE(b.program.check(slots).passed());
    EXPECT_TRUE(b.interpreter.check(slots).passed());
    EXPECT_EQ(b.program.check(slots).guards_checked, 3u);
  }
  GuardResult r = b.program.check(std::vector<int64_t>{4, 5});
  EXPECT_EQ(r.status, GuardStatus::False);
  EXPECT_EQ(r.failed_guard, 0u);
  r = b.program.check(std::vector<int64_t>{1, 1});
  EXPECT_EQ(r.status, GuardStatus::False);
  EXPECT_EQ(r.failed_guard, 1u);
  r = b.program.check(std::vector<int64_t>{65, 65});
  EXPECT_EQ(r.failed_guard, 2u);
  EXPECT_EQ(b.interpreter.check(std::vector<int64_t>{65, 65}).failed_guard, 2u);
}

TEST(GuardProgram, SpecializationsRunBeforeOtherEqualities) {
  Both b({eq(s(0), s(1)), le(integer(2), s(0)), eq(s(0), integer(4))});
  ASSERT_EQ(b.program.evaluation_order().size(), 3u);
  EXPECT_EQ(b.program.evaluation_order()[0], 2u);
  EXPECT_EQ(b.program.evaluation_order()[1], 0u);
  EXPECT_EQ(b.program.evaluation_order()[2], 1u);
}

TEST(GuardProgram, EqualitiesAndCheapGuardsRunFirst) {
  // Original order: an expensive bound, a cheap bound, an equality.
  Expr expensive = le(mod(s(0) * s(1), integer(7)) + floordiv(s(0), integer(3)), integer(100));
  Expr cheap = le(integer(2), s(0));
  Expr equality = eq(s(1), integer(8));
  Both b({expensive, cheap, equality});
  ASSERT_EQ(b.program.evaluation_order().size(), 3u);
  EXPECT_EQ(b.program.evaluation_order()[0], 2u);  // the equality
  EXPECT_EQ(b.program.evaluation_order()[1], 1u);  // the cheap bound
  EXPECT_EQ(b.program.evaluation_order()[2], 0u);
  // Both the cheap bound and the equality fail: the program names the one it
  // evaluated first, the interpreter the first in original order; both are
  // original indices.
  std::vector<int64_t> slots{1, 9};
  EXPECT_EQ(b.program.check(slots).failed_guard, 2u);
  EXPECT_EQ(b.program.check(slots).guards_checked, 1u);
  EXPECT_EQ(b.interpreter.check(slots).failed_guard, 1u);
  EXPECT_EQ(b.interpreter.check(slots).guards_checked, 2u);
}

TEST(GuardProgram, PythonFloorDivisionAndModulo) {
  // For each (a, b): a // b and a % b as Python computes them.
  struct Case {
    int64_t a, b, quotient, remainder;
  };
  std::vector<Case> cases{{7, 2, 3, 1},    {-7, 2, -4, 1},  {7, -2, -4, -1}, {-7, -2, 3, -1},
                          {6, 3, 2, 0},    {-6, 3, -2, 0},  {0, -5, 0, 0},   {kMin, 1, kMin, 0},
                          {kMin, -1, 0, 0}, {kMax, -1, -kMax, 0}, {kMin, 2, kMin / 2, 0}, {-1, kMax, -1, kMax - 1}};
  for (const Case& c : cases) {
    // Guards over symbols so nothing folds at build time: q == s2, r == s3.
    Both b({eq(floordiv(s(0), s(1)), s(2)), eq(mod(s(0), s(1)), s(3))});
    std::vector<int64_t> slots{c.a, c.b, c.quotient, c.remainder};
    if (c.a == kMin && c.b == -1) {
      // The quotient 2^63 does not fit: the floordiv guard errors, the mod guard alone is fine.
      GuardResult r = b.interpreter.check(slots);
      EXPECT_EQ(r.status, GuardStatus::Error);
      EXPECT_EQ(r.error, EvalError::Overflow);
      EXPECT_EQ(r.failed_guard, 0u);
      Both mod_only({eq(mod(s(0), s(1)), s(3))});
      EXPECT_TRUE(mod_only.program.check(slots).passed()) << c.a << " % " << c.b;
      continue;
    }
    EXPECT_TRUE(b.program.check(slots).passed()) << c.a << " // " << c.b;
    EXPECT_TRUE(b.interpreter.check(slots).passed()) << c.a << " // " << c.b;
    slots[2] += 1;  // a wrong quotient must fail
    EXPECT_EQ(b.program.check(slots).status, GuardStatus::False);
  }
}

TEST(GuardProgram, DivisionByZeroIsAnErrorOfThatGuard) {
  Expr div_guard = eq(floordiv(s(0), s(1)), integer(2));
  Expr mod_guard = ne(mod(s(0), s(1)), integer(3));
  for (Expr g : {div_guard, mod_guard}) {
    Both b({le(integer(0), s(0)), g});
    GuardResult r = b.program.check(std::vector<int64_t>{4, 0});
    EXPECT_EQ(r.status, GuardStatus::Error);
    EXPECT_EQ(r.error, EvalError::DivisionByZero);
    EXPECT_EQ(r.failed_guard, 1u);
    EXPECT_FALSE(r.passed());
    EXPECT_EQ(b.interpreter.check(std::vector<int64_t>{4, 0}).status, GuardStatus::Error);
    EXPECT_EQ(b.interpreter.check(std::vector<int64_t>{4, 0}).error, EvalError::DivisionByZero);
  }
}

TEST(GuardProgram, OverflowIsAnErrorNeverAWrappedValue) {
  // s0 * s1 wraps to a small number for these values if unchecked:
  // 2^62 * 4 == 2^64 wraps to 0, which would pass `s0*s1 <= 4096`.
  Both mul({le(s(0) * s(1), integer(4096))});
  GuardResult r = mul.program.check(std::vector<int64_t>{int64_t{1} << 62, 4});
  EXPECT_EQ(r.status, GuardStatus::Error);
  EXPECT_EQ(r.error, EvalError::Overflow);
  EXPECT_EQ(mul.interpreter.check(std::vector<int64_t>{int64_t{1} << 62, 4}).error, EvalError::Overflow);

  Both add({le(s(0) + s(1), integer(0))});
  EXPECT_EQ(add.program.check(std::vector<int64_t>{kMax, 1}).error, EvalError::Overflow);
  EXPECT_EQ(add.program.check(std::vector<int64_t>{kMin, -1}).error, EvalError::Overflow);
  EXPECT_TRUE(add.program.check(std::vector<int64_t>{kMin, kMax}).passed());  // -1 <= 0

  Both power({le(pow(s(0), 3), integer(kMax))});
  EXPECT_TRUE(power.program.check(std::vector<int64_t>{2097151}).passed());  // (2^21-1)^3 < 2^63
  EXPECT_EQ(power.program.check(std::vector<int64_t>{2097152}).error, EvalError::Overflow);  // 2^63
  Both odd_power({eq(pow(s(0), 63), s(1))});
  EXPECT_TRUE(odd_power.program.check(std::vector<int64_t>{-2, kMin}).passed());  // (-2)^63 fits
  EXPECT_EQ(odd_power.program.check(std::vector<int64_t>{2, kMin}).error, EvalError::Overflow);
  EXPECT_TRUE(odd_power.interpreter.check(std::vector<int64_t>{-2, kMin}).passed());
}

TEST(GuardProgram, SharedSubexpressionsAreComputedOnce) {
  Expr volume = s(0) * s(1);
  Both b({eq(mod(volume, integer(8)), integer(0)), le(volume, integer(4096)), ne(volume, integer(1))});
  EXPECT_EQ(count_ops(b.program, GuardProgram::Op::Mul), 1u) << b.program.disassemble();
  EXPECT_EQ(count_ops(b.program, GuardProgram::Op::LoadSlot), 2u);
  EXPECT_TRUE(b.program.check(std::vector<int64_t>{8, 16}).passed());
  EXPECT_EQ(b.program.check(std::vector<int64_t>{8, 1024}).failed_guard, 1u);
  EXPECT_EQ(b.program.check(std::vector<int64_t>{3, 3}).failed_guard, 0u);
}

// A partial product is no node of its own (`s0*s1` inside `s0*s1*s2` and
// `s0*s1*s3`), yet it is computed once; an overflow in it is an error of the
// first guard that needs it, in the exact and in the fast code.
TEST(GuardProgram, SharedPartialFoldsAreComputedOnce) {
  const int64_t big = int64_t{1} << 32;
  Both b({eq(s(0) * s(1) * s(2), integer(24)), le(s(0) * s(1) * s(3), integer(100)), ne(s(1) * s(0), integer(7))});
  // s0*s1 once, then *s2 and *s3 (the Ne reuses s0*s1 whichever order its product is written in).
  EXPECT_EQ(count_ops(b.program, GuardProgram::Op::Mul), 3u) << b.program.disassemble();
  size_t fast_muls = 0;
  for (const auto& in : b.program.fast_code()) fast_muls += in.op == GuardProgram::Op::Mul;
  EXPECT_EQ(fast_muls, 3u) << b.program.disassemble_fast();
  EXPECT_TRUE(b.program.check(std::vector<int64_t>{2, 3, 4, 5}).passed());
  EXPECT_TRUE(b.program.all_pass(std::vector<int64_t>{2, 3, 4, 5}));
  GuardResult r = b.program.check(std::vector<int64_t>{2, 3, 4, 17});
  EXPECT_EQ(r.status, GuardStatus::False);
  EXPECT_EQ(r.failed_guard, 1u);
  for (std::vector<int64_t> slots : {std::vector<int64_t>{big, big, 1, 1}, std::vector<int64_t>{big, big, 0, 0}}) {
    r = b.program.check(slots);
    EXPECT_EQ(r.status, GuardStatus::Error);
    EXPECT_EQ(r.error, EvalError::Overflow);
    EXPECT_EQ(r.failed_guard, 0u);  // the Eq is evaluated first (an Eq with a constant side)
    EXPECT_FALSE(b.program.all_pass(slots));
    EXPECT_FALSE(b.program.all_pass_switch_dispatch(slots));
    EXPECT_EQ(b.interpreter.check(slots).status, GuardStatus::Error);
  }
}

TEST(GuardProgram, ExactDuplicatesNeedNoCode) {
  Expr g = eq(s(0), s(1));
  Both once({g});
  Both thrice({g, g, g});
  EXPECT_EQ(once.program.code().size(), thrice.program.code().size());
  EXPECT_EQ(thrice.program.check(std::vector<int64_t>{1, 2}).failed_guard, 0u);
  EXPECT_TRUE(thrice.program.check(std::vector<int64_t>{2, 2}).passed());
  EXPECT_EQ(thrice.program.check(std::vector<int64_t>{2, 2}).guards_checked, 3u);
}

TEST(GuardProgram, ConnectivesAndConstants) {
  Expr either = logical_or(eq(s(0), integer(1)), eq(s(1), integer(2)));
  Expr neither = logical_not(logical_and(eq(s(0), integer(5)), eq(s(1), integer(5))));
  Both b({either, neither});
  EXPECT_TRUE(b.program.check(std::vector<int64_t>{1, 9}).passed());
  EXPECT_TRUE(b.program.check(std::vector<int64_t>{9, 2}).passed());
  EXPECT_EQ(b.program.check(std::vector<int64_t>{9, 9}).failed_guard, 0u);
  EXPECT_EQ(b.interpreter.check(std::vector<int64_t>{9, 9}).failed_guard, 0u);
  Both c({true_expr(), false_expr()});
  EXPECT_EQ(c.program.check(std::vector<int64_t>{}).failed_guard, 1u);
  Both empty({});
  EXPECT_TRUE(empty.program.check(std::vector<int64_t>{}).passed());
  EXPECT_EQ(empty.program.check(std::vector<int64_t>{}).guards_checked, 0u);
}

TEST(GuardProgram, ErrorsInAnyArmFailTheGuard) {
  // Strict connectives, like symshape::evaluate: the division is evaluated
  // even though the first arm already decides the Or.
  Expr g = logical_or(eq(s(1), integer(0)), eq(floordiv(s(0), s(1)), integer(2)));
  Both b({g});
  EXPECT_EQ(b.program.check(std::vector<int64_t>{4, 0}).status, GuardStatus::Error);
  EXPECT_EQ(b.interpreter.check(std::vector<int64_t>{4, 0}).status, GuardStatus::Error);
  EXPECT_TRUE(b.program.check(std::vector<int64_t>{4, 2}).passed());
}

TEST(GuardProgram, LayoutWithExtraSymbolsAndOwnRegisters) {
  SlotLayout layout;
  layout.add_symbol(s(9));  // slot 0, unused by the guards
  layout.add_symbols_of(std::vector<Expr>{eq(s(3), s(2))});
  EXPECT_EQ(layout.slot_of(s(2)), 1u);
  EXPECT_EQ(layout.slot_of(s(3)), 2u);
  GuardProgram p({eq(s(3), s(2))}, layout);
  EXPECT_EQ(p.slots_needed(), 3u);
  GuardProgram::Registers regs = p.make_registers();
  EXPECT_TRUE(p.check(std::vector<int64_t>{100, 7, 7}, regs).passed());
  EXPECT_FALSE(p.check(std::vector<int64_t>{7, 7, 100}, regs).passed());
  EXPECT_THROW(p.check(std::vector<int64_t>{7, 7}), InvalidArgumentError);
  // Same shape, other constants: must be refused, not silently used.
  GuardProgram other({eq(s(3), s(2) + integer(1))}, layout);
  GuardProgram::Registers wrong = other.make_registers();
  EXPECT_THROW(p.check(std::vector<int64_t>{7, 7, 7}, wrong), InvalidArgumentError);
  GuardProgram copy = p;  // a copy has the same constants, so the same registers fit
  EXPECT_TRUE(copy.check(std::vector<int64_t>{100, 7, 7}, regs).passed());
}

TEST(GuardProgram, RejectsBadInput) {
  SlotLayout only_s0 = SlotLayout::for_guards(std::vector<Expr>{eq(s(0), integer(1))});
  EXPECT_THROW(GuardProgram({eq(s(0), s(1))}, only_s0), UnboundSymbolError);
  EXPECT_THROW(GuardProgram({s(0) + integer(1)}, only_s0), UnsupportedError);
  EXPECT_THROW(GuardInterpreter({eq(s(0), s(1))}, only_s0), UnboundSymbolError);
  // Raw nodes with the wrong number of arguments cannot reach the evaluators:
  // make_raw refuses them where they would be made.
  EXPECT_THROW(make_raw(ExprKind::Eq, {s(0)}), UnsupportedError);
  EXPECT_THROW(make_raw(ExprKind::Add, {}), UnsupportedError);
  EXPECT_THROW(make_raw(ExprKind::Pow, {s(0), integer(-1)}), UnsupportedError);
  EXPECT_THROW(make_raw(ExprKind::Pow, {s(0), s(1)}), UnsupportedError);
  EXPECT_THROW(make_raw(ExprKind::Not, {}), UnsupportedError);
  EXPECT_THROW(make_raw(ExprKind::Le, {s(0), Expr()}), UnsupportedError);
  // Deeper than the recursion limit: refused, not a stack overflow.
  Expr deep = s(0);
  for (uint32_t i = 0; i <= kMaxGuardDepth; ++i) deep = make_raw(ExprKind::Mul, {integer(2), deep});
  Expr deep_guard = make_raw(ExprKind::Le, {deep, integer(0)});
  EXPECT_THROW(GuardProgram({deep_guard}, only_s0), UnsupportedError);
  EXPECT_THROW(GuardInterpreter({deep_guard}, only_s0), UnsupportedError);
}

TEST(GuardProgram, CheckingAllocatesNothing) {
  Expr volume = s(0) * s(1) * s(2);
  std::vector<Expr> guards{eq(s(0), s(3)),  le(integer(2), s(1)), ne(mod(volume, integer(64)), integer(1)),
                           le(volume, integer(int64_t{1} << 40)), logical_or(eq(s(2), integer(1)), le(integer(3), s(2)))};
  SlotLayout layout = SlotLayout::for_guards(guards);
  GuardProgram program(guards, layout);
  GuardProgram::Registers regs = program.make_registers();
  std::vector<std::vector<int64_t>> points{{4, 8, 16, 4}, {4, 8, 16, 5}, {4, 1, 2, 4}, {0, 0, 0, 0}};
  size_t before = testing::allocation_count();
  int passes = 0;
  for (int round = 0; round < 100; ++round) {
    for (const auto& pt : points) {
      passes += program.check(pt).passed();
      passes += program.check(pt, regs).passed();
    }
  }
  EXPECT_EQ(testing::allocation_count(), before);
  EXPECT_EQ(passes, 200);  // only the first point passes
  // The counter itself works: a vector allocates.
  std::vector<int64_t> probe(3);
  EXPECT_GT(testing::allocation_count(), before);
}

TEST(GuardFailure, NamesTheGuardAndItsValues) {
  std::vector<Expr> guards{eq(s(0), s(1)), le(integer(2), s(2))};
  SlotLayout layout = SlotLayout::for_guards(guards);
  GuardProgram p(guards, layout);
  std::vector<int64_t> slots{4, 5, 9};
  GuardResult r = p.check(slots);
  ASSERT_FALSE(r.passed());
  EXPECT_EQ(describe_failure(guards[0], r, layout, slots), to_sympy(guards[0]) + " failed: s0=4, s1=5");

  std::vector<Expr> div{eq(floordiv(s(0), s(1)), integer(2))};
  SlotLayout div_layout = SlotLayout::for_guards(div);
  std::vector<int64_t> zero{4, 0};
  GuardResult e = GuardProgram(div, div_layout).check(zero);
  EXPECT_EQ(describe_failure(div[0], e, div_layout, zero),
            to_sympy(div[0]) + " failed (division by zero): s0=4, s1=0");
}

}  // namespace guard_program_test
}  // namespace symshape
