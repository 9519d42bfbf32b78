// OpContext: argument access by position or keyword, and size questions that
// reach the ShapeEnv with the node's provenance.
#include <gtest/gtest.h>

#include "tracer_op_test.hpp"

namespace symshape::tracer {
namespace {

using namespace testing;

TEST(OpContext, ArgumentsByPositionOrKeyword) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Argument n = h.sym("n", s0);
  const Argument x = h.tensor("x", {s0, integer(3)});
  OpContext ctx = h.context("aten.full.default", {arg_list({n, arg_int(4)}), x},
                            {{"dtype", arg_dtype(ScalarType::I64)}, {"dim", arg_int(-1)}, {"alpha", arg_float(0.5)}});
  EXPECT_EQ(ctx.op_packet(), "aten.full");
  EXPECT_EQ(ctx.overload(), "default");
  EXPECT_EQ(show(ctx.sym_int_list(0, "size")), "[s0, 4]");
  EXPECT_EQ(show(ctx.tensor(1, "self").sizes), "[s0, 3]");
  EXPECT_EQ(ctx.dtype(SIZE_MAX, "dtype"), ScalarType::I64);
  EXPECT_EQ(ctx.int_value(7, "dim"), -1);
  EXPECT_EQ(ctx.int_value(8, "missing", 5), 5);
  EXPECT_DOUBLE_EQ(ctx.float_value(SIZE_MAX, "alpha"), 0.5);
  EXPECT_FALSE(ctx.has(9, "layout"));
  EXPECT_EQ(ctx.value(SIZE_MAX, "alpha").as_sym_float().denominator, integer(2));
  EXPECT_THROW(ctx.int_list(0, "size"), OpError) << "a symbolic entry where constants are required";
  EXPECT_THROW(ctx.tensor(0, "size"), OpError);
}

TEST(OpContext, ErrorsNameNodeOpAndPlace) {
  OpHarness h;
  OpContext ctx = h.context("aten.mm.default", {}, {}, "mm_1");
  try {
    ctx.tensor(0, "self");
    FAIL() << "expected OpError";
  } catch (const OpError& e) {
    EXPECT_NE(std::string(e.what()).find("node mm_1 (aten.mm.default)"), std::string::npos) << e.what();
    EXPECT_EQ(e.span.line, 1);
    EXPECT_EQ(e.span.file, "test.fx");
  }
}

TEST(OpContext, EvaluateRecordsGuardWithProvenance) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Expr s1 = h.size("y.size()[0]", 8);
  OpContext ctx = h.context("aten.add.Tensor", {}, {}, "add_3");
  EXPECT_TRUE(ctx.evaluate(eq(s0, s1), "broadcast: sizes must match"));
  EXPECT_FALSE(ctx.evaluate(eq(s0, integer(1)), "decided by the range, no guard"));
  const auto guards = h.guards_of("add_3");
  ASSERT_EQ(guards.size(), 1u);
  EXPECT_EQ(to_sympy(guards[0].condition), "Eq(s0, s1)");
  EXPECT_EQ(guards[0].provenance.stage, "test");
  EXPECT_EQ(guards[0].provenance.operation, "aten.add.Tensor");
  EXPECT_EQ(guards[0].provenance.graph, "test_graph");
  EXPECT_EQ(guards[0].provenance.node, "add_3");
  EXPECT_EQ(guards[0].provenance.location, "test.fx:1");
  EXPECT_EQ(guards[0].provenance.reason, "broadcast: sizes must match");
}

TEST(OpContext, CheckFailsOnBackedAndAssertsOnUnbacked) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Expr u0 = h.env.create_unbacked_symbol();
  OpContext ctx = h.context("aten.view.default", {}, {}, "view");
  EXPECT_THROW(ctx.check(eq(s0, integer(9)), "numel must match"), OpError);
  ctx.check(eq(u0, s0), "numel must match");
  const auto guards = h.guards_of("view");
  ASSERT_EQ(guards.size(), 2u);
  EXPECT_EQ(guards[0].kind, GuardKind::Guard);
  EXPECT_EQ(guards[1].kind, GuardKind::RuntimeAssert);
  // u0 = s0 is now a replacement; a fresh unbacked symbol stays undecided.
  const Expr u1 = h.env.create_unbacked_symbol();
  EXPECT_FALSE(ctx.guard_or_false(eq(u1, integer(3)), "unbacked: no guard, no error"));
  EXPECT_TRUE(ctx.guard_or_true(eq(u1, integer(3)), "unbacked: no guard, no error"));
  EXPECT_EQ(h.guards_of("view").size(), 2u);
}

}  // namespace
}  // namespace symshape::tracer
