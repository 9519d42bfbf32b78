// Concat and split family: sizes, view offsets and the hint-decided counts.
#include <gtest/gtest.h>

#include "tracer_op_test.hpp"

namespace symshape::tracer {
namespace {

using namespace testing;

TEST(ConcatSplitRules, CatAndStack) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Argument a = h.tensor("a", {s0, integer(1)});
  const Argument b = h.tensor("b", {s0, integer(1)});
  const FakeTensor c = h.run_tensor("aten.cat.default", {arg_list({a, b}), arg_int(-1)});
  EXPECT_EQ(show(c.sizes), "[s0, 2]");
  EXPECT_EQ(show(c.strides), "[2, 1]");
  const Argument empty = h.tensor("e", {integer(0)});
  EXPECT_EQ(show(h.run_tensor("aten.cat.default", {arg_list({a, empty, b}), arg_int(1)}).sizes), "[s0, 2]")
      << "legacy empty tensors are skipped";
  EXPECT_THROW(h.run("aten.cat.default", {arg_list({a, h.tensor("w", {integer(3), integer(1)})}), arg_int(1)}), OpError)
      << "s0 (8) != 3 outside the cat dimension";
  EXPECT_EQ(show(h.run_tensor("aten.stack.default", {arg_list({a, b}), arg_int(1)}).sizes), "[s0, 2, 1]");
}

TEST(ConcatSplitRules, SplitCountIsDecidedAtTheHint) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 10);
  const Argument x = h.tensor("x", {s0, integer(2)});
  const Value parts = h.run("aten.split.Tensor", {x, arg_int(4)}, {}, "split");
  ASSERT_EQ(parts.items().size(), 3u);
  EXPECT_EQ(show(parts.items()[0].as_tensor().sizes), "[4, 2]");
  EXPECT_EQ(show(parts.items()[2].as_tensor().sizes), "[s0 - 8, 2]");
  EXPECT_EQ(to_sympy(parts.items()[2].as_tensor().storage_offset), "16");
  ASSERT_EQ(h.guards_of("split").size(), 1u);
  EXPECT_EQ(h.guards_of("split")[0].origin, GuardOrigin::GuardInt);
  const Value ws = h.run("aten.split_with_sizes.default", {x, arg_list({arg_int(3), h.sym("r", s0 - 3)})});
  EXPECT_EQ(show(ws.items()[1].as_tensor().sizes), "[s0 - 3, 2]");
  EXPECT_THROW(h.run("aten.split_with_sizes.default", {x, arg_ints({3, 3})}), OpError);
  const Value ch = h.run("aten.chunk.default", {x, arg_int(2), arg_int(1)});
  ASSERT_EQ(ch.items().size(), 2u);
  EXPECT_EQ(show(ch.items()[1].as_tensor().sizes), "[s0, 1]");
}

TEST(ConcatSplitRules, UnbindSelectsEachIndex) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Value u = h.run("aten.unbind.int", {h.tensor("x", {s0, integer(3)}), arg_int(1)});
  ASSERT_EQ(u.items().size(), 3u);
  EXPECT_EQ(show(u.items()[2].as_tensor().sizes), "[s0]");
  EXPECT_EQ(show(u.items()[2].as_tensor().strides), "[3]");
  EXPECT_EQ(to_sympy(u.items()[2].as_tensor().storage_offset), "2");
}

}  // namespace
}  // namespace symshape::tracer
