// Tests for the backward rules: output masks (None outputs), gradient
// layouts, the checks max_pool2d's backward makes against the pooled shape,
// and the MNIST backward graph's nodes.
#include <gtest/gtest.h>

#include "sized_inputs.hpp"

namespace symshape::tracer {
namespace {

using namespace testing;

Value conv_backward(OpHarness& h, Argument grad, Argument input, Argument weight, std::vector<bool> mask) {
  return h.run("aten.convolution_backward.default",
               {grad, input, weight, arg_ints({32}), arg_ints({1, 1}), arg_ints({0, 0}), arg_ints({1, 1}),
                arg_bool(false), arg_ints({0, 0}), arg_int(1), bools(std::move(mask))});
}

TEST(BackwardRules, ConvolutionBackwardHonoursTheOutputMask) {
  OpHarness h;
  h_sym(h, 8);  // s0
  Value v = conv_backward(h, T(h, {"s0", "32", "26", "26"}), T(h, {"s0", "1", "28", "28"}), T(h, {"32", "1", "3", "3"}),
                          {false, true, true});
  ASSERT_EQ(v.items().size(), 3u);
  EXPECT_TRUE(v.items()[0].is(Value::Kind::None));
  expect_exprs(v.items()[1].as_tensor().sizes, {"32", "1", "3", "3"});
  expect_exprs(v.items()[2].as_tensor().sizes, {"32"});
  Value all = conv_backward(h, T(h, {"s0", "32", "6", "6"}), CL(h, {"s0", "3", "8", "8"}), T(h, {"32", "3", "3", "3"}),
                            {true, true, true});
  expect_exprs(all.items()[0].as_tensor().strides, {"192", "1", "24", "3"});
  expect_exprs(all.items()[1].as_tensor().strides, {"27", "1", "9", "3"});
  expect_exprs(all.items()[2].as_tensor().strides, {"1"});
}

TEST(BackwardRules, MaxPoolBackwardFromTheMnistGraph) {
  OpHarness h;
  h_sym(h, 8);  // s0
  Argument offsets = T(h, {"s0", "64", "12", "12"}, ScalarType::I8);
  FakeTensor indices = h.run_tensor("prims._low_memory_max_pool2d_offsets_to_indices.default",
                                    {offsets, arg_int(2), arg_int(24), arg_ints({2, 2}), arg_ints({0, 0})});
  EXPECT_EQ(indices.dtype, ScalarType::I64);
  expect_exprs(indices.sizes, {"s0", "64", "12", "12"});
  expect_exprs(indices.strides, {"9216", "144", "12", "1"});
  Argument idx = h.last();
  FakeTensor grad = h.run_tensor("aten.max_pool2d_with_indices_backward.default",
                                 {T(h, {"s0", "64", "12", "12"}), T(h, {"s0", "64", "24", "24"}), arg_ints({2, 2}),
                                  arg_ints({}), arg_ints({0, 0}), arg_ints({1, 1}), arg_bool(false), idx});
  expect_exprs(grad.sizes, {"s0", "64", "24", "24"});
  EXPECT_TRUE(h.guards_of(h.last_name()).empty());
  EXPECT_THROW(h.run("aten.max_pool2d_with_indices_backward.default",
                     {T(h, {"s0", "64", "11", "12"}), T(h, {"s0", "64", "24", "24"}), arg_ints({2, 2}), arg_ints({}),
                      arg_ints({0, 0}), arg_ints({1, 1}), arg_bool(false), idx}),
               OpError);
}

TEST(BackwardRules, PointwiseGradientsBroadcastAndGuard) {
  OpHarness h;
  h_sym(h, 8);  // s0
  h_sym(h, 8);  // s1 (same hint, another symbol)
  FakeTensor t = h.run_tensor("aten.threshold_backward.default", {T(h, {"s0", "8"}), T(h, {"s0", "8"}), arg_int(0)});
  expect_exprs(t.sizes, {"s0", "8"});
  FakeTensor g = h.run_tensor("aten.sigmoid_backward.default", {T(h, {"s0", "8"}), T(h, {"s1", "8"})});
  EXPECT_EQ(h.guard_texts(h.last_name()), std::vector<std::string>{"Eq(s0, s1)"});
  EXPECT_EQ(g.dtype, ScalarType::F32);
  FakeTensor d = h.run_tensor("aten.native_dropout_backward.default",
                              {T(h, {"s0", "8"}, ScalarType::F16), T(h, {"s0", "8"}, ScalarType::B8), arg_float(2.0)});
  EXPECT_EQ(d.dtype, ScalarType::F16);
}

TEST(BackwardRules, NormAndSoftmaxBackward) {
  OpHarness h;
  h_sym(h, 4);  // s0
  Value ln = h.run("aten.native_layer_norm_backward.default",
                   {T(h, {"s0", "768"}), T(h, {"s0", "768"}), arg_ints({768}), T(h, {"s0", "1"}), T(h, {"s0", "1"}),
                    arg_none(), T(h, {"768"}), bools({true, true, true})});
  expect_exprs(ln.items()[0].as_tensor().sizes, {"s0", "768"});
  EXPECT_TRUE(ln.items()[1].is(Value::Kind::None)) << "no weight, no weight gradient";
  expect_exprs(ln.items()[2].as_tensor().sizes, {"768"});
  Value bn = h.run("aten.native_batch_norm_backward.default",
                   {T(h, {"s0", "16", "4", "4"}), T(h, {"s0", "16", "4", "4"}), T(h, {"16"}, ScalarType::F64),
                    arg_none(), arg_none(), T(h, {"16"}), T(h, {"16"}), arg_bool(true), arg_float(1e-5),
                    bools({false, true, false})});
  EXPECT_TRUE(bn.items()[0].is(Value::Kind::None));
  EXPECT_EQ(bn.items()[1].as_tensor().dtype, ScalarType::F64);
  EXPECT_TRUE(bn.items()[2].is(Value::Kind::None));
  FakeTensor sm = h.run_tensor("aten._softmax_backward_data.default",
                               {T(h, {"s0", "10"}), T(h, {"s0", "10"}), arg_int(1), arg_dtype(ScalarType::F16)});
  EXPECT_EQ(sm.dtype, ScalarType::F16);
  EXPECT_THROW(h.run("aten._log_softmax_backward_data.default",
                     {T(h, {"s0", "10"}), T(h, {"s0", "9"}), arg_int(1), arg_dtype(ScalarType::F32)}),
               OpError);
}

TEST(BackwardRules, EmbeddingSliceSelectAndAvgPoolBackward) {
  OpHarness h;
  Argument n = h.sym("n", h_sym(h, 4));  // s0
  h_sym(h, 6);                           // s1
  expect_exprs(h.run_tensor("aten.embedding_dense_backward.default",
                            {T(h, {"s0", "s1", "64"}), T(h, {"s0", "s1"}, ScalarType::I64), arg_int(1000), arg_int(-1),
                             arg_bool(false)})
                   .sizes,
               {"1000", "64"});
  FakeTensor sb = h.run_tensor("aten.slice_backward.default", {T(h, {"s0", "5"}), arg_list({n, arg_int(10)}), arg_int(1),
                                                               arg_int(0), arg_int(5), arg_int(1)});
  expect_exprs(sb.sizes, {"s0", "10"});
  expect_exprs(sb.strides, {"10", "1"});
  expect_exprs(h.run_tensor("aten.select_backward.default", {T(h, {"s0"}), arg_list({n, arg_int(3)}), arg_int(1),
                                                             arg_int(0)})
                   .sizes,
               {"s0", "3"});
  FakeTensor ap = h.run_tensor("aten.avg_pool2d_backward.default",
                               {T(h, {"s0", "3", "4", "4"}), T(h, {"s0", "3", "8", "8"}), arg_ints({2, 2}), arg_ints({}),
                                arg_ints({0, 0}), arg_bool(false), arg_bool(true), arg_none()});
  expect_exprs(ap.sizes, {"s0", "3", "8", "8"});
}

TEST(BackwardRules, AttentionBackwardGradientsFollowTheirInputs) {
  OpHarness h;
  h_sym(h, 32);  // s0
  Argument qt = h.strided("q", exprs({"2", "4", "s0", "16"}), exprs({"64*s0", "16", "64", "1"}));
  Argument g = T(h, {"2", "4", "s0", "16"});
  Value flash = h.run("aten._scaled_dot_product_flash_attention_backward.default",
                      {g, qt, qt, qt, g, T(h, {"2", "4", "s0"})});
  ASSERT_EQ(flash.items().size(), 3u);
  expect_exprs(flash.items()[0].as_tensor().strides, {"64*s0", "16", "64", "1"});
  Argument bias = T(h, {"2", "4", "s0", "s0"});
  Value eff = h.run("aten._scaled_dot_product_efficient_attention_backward.default",
                    {g, g, g, g, bias, g, T(h, {"2", "4", "s0"}), T(h, {}, ScalarType::I64), T(h, {}, ScalarType::I64),
                     arg_float(0.0), bools({true, true, true, true})});
  ASSERT_EQ(eff.items().size(), 4u);
  const FakeTensor& gb = eff.items()[3].as_tensor();
  expect_exprs(gb.sizes, {"2", "4", "s0", "s0"});
  // s0 = 32 is a multiple of 16: a guard, and no padding in the strides.
  EXPECT_EQ(h.guard_texts(h.last_name()), std::vector<std::string>{"Eq(Mod(s0, 16), 0)"});
  expect_exprs(gb.strides, {"4*s0**2", "s0**2", "s0", "1"});
}

}  // namespace
}  // namespace symshape::tracer
