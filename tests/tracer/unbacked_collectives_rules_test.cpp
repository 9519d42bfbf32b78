// Tests for the data-dependent rules (unbacked symbols, runtime assertions)
// and the functional collectives (group-size arithmetic and its guard).
#include <gtest/gtest.h>

#include "sized_inputs.hpp"

namespace symshape::tracer {
namespace {

using namespace testing;

TEST(UnbackedRules, ItemIsAnUnbackedSymbolAndChecksAreRuntimeAssertions) {
  OpHarness h;
  Value u = h.run("aten._local_scalar_dense.default", {T(h, {}, ScalarType::I64)});
  const Expr u0 = u.as_sym_int();
  ASSERT_TRUE(h.env.is_known_symbol(u0));
  EXPECT_FALSE(h.env.symbol_info(u0).backed);
  Argument ua = h.last();
  h.run("operator.ge", {ua, arg_int(4)});
  EXPECT_TRUE(h.run("aten._assert_scalar.default", {h.last(), arg_string("u0 >= 4")}).is(Value::Kind::None));
  auto asserted = h.guards_of(h.last_name());
  ASSERT_EQ(asserted.size(), 1u);
  EXPECT_EQ(asserted[0].kind, GuardKind::RuntimeAssert);
  EXPECT_EQ(asserted[0].condition, ge(u0, integer(4)));
  h.run("aten.sym_constrain_range_for_size.default", {ua}, {{"max", arg_int(100)}});
  EXPECT_EQ(h.guard_texts(h.last_name()), std::vector<std::string>{"u0 <= 100"}) << "u0 >= 4 implies u0 >= 0";
  EXPECT_THROW(h.run("aten._assert_scalar.default", {arg_bool(false), arg_string("never")}), OpError);
}

TEST(UnbackedRules, ItemOfAFloatTensorIsNotModelled) {
  OpHarness h;
  EXPECT_THROW(h.run("aten._local_scalar_dense.default", {T(h, {}, ScalarType::F32)}), OpError);
}

TEST(CollectiveRules, GatherMultipliesScatterDividesWithAGuard) {
  OpHarness h;
  h_sym(h, 8);  // s0
  Argument x = T(h, {"s0", "16"});
  expect_exprs(h.run_tensor("_c10d_functional.all_gather_into_tensor.default", {x, arg_int(4), arg_string("0")}).sizes,
               {"4*s0", "16"});
  FakeTensor rs = h.run_tensor("_c10d_functional.reduce_scatter_tensor.default",
                               {x, arg_string("sum"), arg_int(4), arg_string("0")});
  expect_exprs(rs.sizes, {"(s0//4)", "16"});
  EXPECT_EQ(h.guard_texts(h.last_name()), std::vector<std::string>{"Eq(Mod(s0, 4), 0)"});
  FakeTensor ar = h.run_tensor("_c10d_functional.all_reduce.default", {x, arg_string("sum"), arg_string("0")});
  Argument ar_ref = h.last();
  expect_exprs(ar.sizes, {"s0", "16"});
  expect_exprs(h.run_tensor("_c10d_functional.wait_tensor.default", {ar_ref}).strides, {"16", "1"});
  EXPECT_THROW(h.run("_c10d_functional.reduce_scatter_tensor.default",
                     {x, arg_string("sum"), arg_int(3), arg_string("0")}),
               OpError);
}

TEST(CollectiveRules, AllToAllSumsTheOutputSplits) {
  OpHarness h;
  Argument a = h.sym("a", h_sym(h, 3));  // s0
  Argument b = h.sym("b", h_sym(h, 5));  // s1
  FakeTensor out = h.run_tensor("_c10d_functional.all_to_all_single.default",
                                {T(h, {"8", "4"}), arg_list({a, b}), arg_list({arg_int(4), arg_int(4)}), arg_string("0")});
  expect_exprs(out.sizes, {"s0 + s1", "4"});
  FakeTensor same = h.run_tensor("_c10d_functional.all_to_all_single.default",
                                 {T(h, {"8", "4"}), arg_none(), arg_none(), arg_string("0")});
  expect_exprs(same.sizes, {"8", "4"});
}

}  // namespace
}  // namespace symshape::tracer
