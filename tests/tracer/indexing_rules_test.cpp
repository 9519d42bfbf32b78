// Tests for advanced indexing, gather/scatter and the *_scatter ops: the
// placement of broadcast index dims, mask entries, guards and errors.
#include <gtest/gtest.h>

#include "sized_inputs.hpp"

namespace symshape::tracer {
namespace {

using namespace testing;

Argument index_list(std::vector<Argument> items) { return arg_list(std::move(items)); }

TEST(IndexingRules, UnsafeIndexFromTheBilinearUpsampleDump) {
  OpHarness h;
  for (int64_t hint : {3, 5, 7, 9, 11}) h_sym(h, hint);  // s0..s4
  Argument img = T(h, {"1", "s0", "s1", "s2"});
  Argument rows = T(h, {"s3", "1"}, ScalarType::I64);
  Argument cols = T(h, {"s4"}, ScalarType::I64);
  FakeTensor out = h.run_tensor("aten._unsafe_index.Tensor", {img, index_list({arg_none(), arg_none(), rows, cols})});
  expect_exprs(out.sizes, {"1", "s0", "s3", "s4"});
  expect_exprs(out.strides, {"s0*s3*s4", "s3*s4", "s4", "1"});
  EXPECT_EQ(out.dtype, ScalarType::F32);
  EXPECT_TRUE(h.guards_of(h.last_name()).empty());
}

TEST(IndexingRules, AdjacentIndicesStayInPlaceSeparatedOnesMoveToTheFront) {
  OpHarness h;
  h_sym(h, 4);  // s0
  Argument x = T(h, {"s0", "7", "8", "9"});
  Argument a = T(h, {"5"}, ScalarType::I64);
  Argument b = T(h, {"4", "1"}, ScalarType::I64);
  expect_exprs(h.run_tensor("aten.index.Tensor", {x, index_list({arg_none(), a, a})}).sizes, {"s0", "5", "9"});
  // [4, 1] and [5] broadcast to [4, 5]; separated by a None they lead.
  expect_exprs(h.run_tensor("aten.index.Tensor", {x, index_list({b, arg_none(), a})}).sizes, {"4", "5", "7", "9"});
  expect_exprs(h.run_tensor("aten.index.Tensor", {x, index_list({arg_none(), b, a})}).sizes, {"s0", "4", "5", "9"});
  Argument c = T(h, {"3"}, ScalarType::I64);
  EXPECT_THROW(h.run("aten.index.Tensor", {x, index_list({a, c})}), OpError);
  EXPECT_THROW(h.run("aten.index.Tensor", {x, index_list({arg_none(), T(h, {"5"}, ScalarType::F32)})}), OpError);
  EXPECT_THROW(h.run("aten.index.Tensor", {T(h, {"3"}), index_list({a, a})}), OpError);
}

TEST(IndexingRules, BooleanMaskBecomesAnUnbackedCount) {
  OpHarness h;
  h_sym(h, 5);  // s0
  Argument x = T(h, {"s0", "4", "6"});
  FakeTensor out = h.run_tensor("aten.index.Tensor", {x, index_list({T(h, {"s0", "4"}, ScalarType::B8)})});
  ASSERT_EQ(out.sizes.size(), 2u);
  EXPECT_TRUE(h.env.is_known_symbol(out.sizes[0]));
  EXPECT_FALSE(h.env.symbol_info(out.sizes[0]).backed);
  EXPECT_EQ(out.sizes[1], ex("6"));
  // A mask of the wrong shape: its size must equal the indexed one.
  EXPECT_THROW(h.run("aten.index.Tensor", {x, index_list({T(h, {"3", "4"}, ScalarType::B8)})}), OpError);
}

TEST(IndexingRules, IndexSelectGatherScatter) {
  OpHarness h;
  h_sym(h, 8);  // s0
  h_sym(h, 3);  // s1
  Argument x = T(h, {"s0", "10"});
  expect_exprs(h.run_tensor("aten.index_select.default", {x, arg_int(1), T(h, {"s1"}, ScalarType::I64)}).sizes,
               {"s0", "s1"});
  expect_exprs(h.run_tensor("aten.gather.default", {x, arg_int(1), T(h, {"s0", "3"}, ScalarType::I64)}).sizes,
               {"s0", "3"});
  EXPECT_TRUE(h.guards_of(h.last_name()).empty());
  // index.size(0) <= self.size(0) is a Python bool on sizes: a guard.
  FakeTensor g = h.run_tensor("aten.gather.default", {x, arg_int(-1), T(h, {"s1", "3"}, ScalarType::I64)});
  expect_exprs(g.sizes, {"s1", "3"});
  EXPECT_EQ(h.guard_texts(h.last_name()), std::vector<std::string>{"s1 <= s0"});
  FakeTensor s = h.run_tensor("aten.scatter.src", {x, arg_int(1), T(h, {"s0", "3"}, ScalarType::I64), T(h, {"s0", "4"})});
  expect_exprs(s.sizes, {"s0", "10"});
  EXPECT_THROW(h.run("aten.scatter.src", {x, arg_int(1), T(h, {"s0", "5"}, ScalarType::I64), T(h, {"s0", "4"})}),
               OpError);
  OpHarness g2;
  h_sym(g2, 8);
  EXPECT_THROW(g2.run("aten.gather.default", {T(g2, {"s0", "10"}), arg_int(0), T(g2, {"s0", "11"}, ScalarType::I64)}),
               OpError);
}

TEST(IndexingRules, SliceAndSelectScatterPreserveStrides) {
  OpHarness h;
  h_sym(h, 8);  // s0
  Argument x = h.strided("xt", exprs({"10", "s0"}), exprs({"1", "10"}));
  FakeTensor out = h.run_tensor("aten.slice_scatter.default", {x, T(h, {"10", "2"}), arg_int(1), arg_int(0), arg_int(2)});
  expect_exprs(out.sizes, {"10", "s0"});
  expect_exprs(out.strides, {"1", "10"});
  FakeTensor sel = h.run_tensor("aten.select_scatter.default", {x, T(h, {"10"}), arg_int(1), arg_int(0)});
  expect_exprs(sel.strides, {"1", "10"});
}

}  // namespace
}  // namespace symshape::tracer
