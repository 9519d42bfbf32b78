// Tests for normalization, softmax, embedding, dropout and attention rules:
// statistics shapes and dtypes per mode and device, layouts, errors.
#include <gtest/gtest.h>

#include "sized_inputs.hpp"

namespace symshape::tracer {
namespace {

using namespace testing;

TEST(NormalizationRules, LayerNormStatisticsKeepTheLeadingDims) {
  OpHarness h;
  h_sym(h, 2);  // s0
  h_sym(h, 9);  // s1
  Value v = h.run("aten.native_layer_norm.default",
                  {T(h, {"s0", "s1", "768"}), arg_ints({768}), T(h, {"768"}), T(h, {"768"}), arg_float(1e-5)});
  ASSERT_EQ(v.items().size(), 3u);
  expect_exprs(v.items()[0].as_tensor().sizes, {"s0", "s1", "768"});
  expect_exprs(v.items()[0].as_tensor().strides, {"768*s1", "768", "1"});
  expect_exprs(v.items()[1].as_tensor().sizes, {"s0", "s1", "1"});
  expect_exprs(v.items()[2].as_tensor().sizes, {"s0", "s1", "1"});
  // bf16: CPU keeps the input dtype for the statistics, CUDA computes in f32.
  Value cpu = h.run("aten.native_layer_norm.default",
                    {T(h, {"4", "8"}, ScalarType::BF16), arg_ints({8}), arg_none(), arg_none(), arg_float(1e-5)});
  EXPECT_EQ(cpu.items()[1].as_tensor().dtype, ScalarType::BF16);
  Value cuda = h.run("aten.native_layer_norm.default", {T(h, {"4", "8"}, ScalarType::BF16, "cuda"), arg_ints({8}),
                                                        arg_none(), arg_none(), arg_float(1e-5)});
  EXPECT_EQ(cuda.items()[1].as_tensor().dtype, ScalarType::F32);
  EXPECT_THROW(h.run("aten.native_layer_norm.default",
                     {T(h, {"4", "8"}), arg_ints({7}), arg_none(), arg_none(), arg_float(1e-5)}),
               OpError);
}

Value batch_norm(OpHarness& h, Argument input, bool training) {
  return h.run("aten.native_batch_norm.default", {input, T(h, {"16"}), T(h, {"16"}), T(h, {"16"}), T(h, {"16"}),
                                                  arg_bool(training), arg_float(0.1), arg_float(1e-5)});
}

TEST(NormalizationRules, BatchNormSavesPerChannelOrEmptyStatistics) {
  OpHarness h;
  h_sym(h, 4);  // s0
  Value train = batch_norm(h, CL(h, {"s0", "16", "8", "8"}), true);
  expect_exprs(train.items()[0].as_tensor().strides, {"1024", "1", "128", "16"});
  expect_exprs(train.items()[1].as_tensor().sizes, {"16"});
  Value eval = batch_norm(h, T(h, {"s0", "16", "8", "8"}), false);
  expect_exprs(eval.items()[1].as_tensor().sizes, {"0"});
  EXPECT_EQ(eval.items()[1].as_tensor().dtype, ScalarType::F32);
  Value eval_cuda = batch_norm(h, T(h, {"s0", "16", "8", "8"}, ScalarType::F32, "cuda"), false);
  expect_exprs(eval_cuda.items()[2].as_tensor().sizes, {"16"});
  Value legit = h.run("aten._native_batch_norm_legit_no_training.default",
                      {T(h, {"2", "16", "4"}), T(h, {"16"}), T(h, {"16"}), T(h, {"16"}), T(h, {"16"}), arg_float(0.1),
                       arg_float(1e-5)});
  expect_exprs(legit.items()[1].as_tensor().sizes, {"0"});
}

TEST(NormalizationRules, GroupNormNeedsDivisibleChannels) {
  OpHarness h;
  Argument n = h.sym("n", h_sym(h, 4));
  Value v = h.run("aten.native_group_norm.default", {T(h, {"s0", "32", "8", "8"}), arg_none(), arg_none(), n,
                                                     arg_int(32), arg_int(64), arg_int(8), arg_float(1e-5)});
  expect_exprs(v.items()[1].as_tensor().sizes, {"s0", "8"});
  EXPECT_THROW(h.run("aten.native_group_norm.default", {T(h, {"s0", "30", "8", "8"}), arg_none(), arg_none(), n,
                                                        arg_int(30), arg_int(64), arg_int(8), arg_float(1e-5)}),
               OpError);
}

TEST(NormalizationRules, SoftmaxIsContiguousAndHalfToFloatWidens) {
  OpHarness h;
  h_sym(h, 4);  // s0
  Argument xt = h.strided("xt", exprs({"10", "s0"}), exprs({"1", "10"}));
  FakeTensor out = h.run_tensor("aten._softmax.default", {xt, arg_int(1), arg_bool(false)});
  expect_exprs(out.strides, {"s0", "1"});
  EXPECT_EQ(h.run_tensor("aten._log_softmax.default", {T(h, {"s0", "10"}, ScalarType::F16), arg_int(-1), arg_bool(true)})
                .dtype,
            ScalarType::F32);
  EXPECT_EQ(h.run_tensor("aten.softmax.int", {T(h, {"s0", "10"}), arg_int(1), arg_dtype(ScalarType::F64)}).dtype,
            ScalarType::F64);
  EXPECT_THROW(h.run("aten._softmax.default", {T(h, {"s0", "10"}), arg_int(2), arg_bool(false)}), OpError);
}

TEST(NormalizationRules, EmbeddingAndDropout) {
  OpHarness h;
  h_sym(h, 4);  // s0
  h_sym(h, 7);  // s1
  FakeTensor e = h.run_tensor("aten.embedding.default", {T(h, {"1000", "64"}), T(h, {"s0", "s1"}, ScalarType::I64)});
  expect_exprs(e.sizes, {"s0", "s1", "64"});
  expect_exprs(e.strides, {"64*s1", "64", "1"});
  Value d = h.run("aten.native_dropout.default", {T(h, {"s0", "8"}), arg_float(0.5), arg_bool(true)});
  EXPECT_EQ(d.items()[1].as_tensor().dtype, ScalarType::B8);
  expect_exprs(d.items()[1].as_tensor().sizes, {"s0", "8"});
  EXPECT_THROW(h.run("aten.embedding.default", {T(h, {"1000", "64"}), T(h, {"s0"}, ScalarType::F32)}), OpError);
}

TEST(NormalizationRules, FlashAttentionKeepsTheHeadsTransposedLayout) {
  OpHarness h;
  h_sym(h, 32);  // s0: sequence length
  // q = x.view(2, s0, 4, 16).transpose(1, 2)
  auto q = [&] { return h.strided("q", exprs({"2", "4", "s0", "16"}), exprs({"64*s0", "16", "64", "1"})); };
  Argument qa = q(), ka = q(), va = q();
  Value v = h.run("aten._scaled_dot_product_flash_attention.default", {qa, ka, va, arg_float(0.0), arg_bool(true)});
  ASSERT_EQ(v.items().size(), 9u);
  expect_exprs(v.items()[0].as_tensor().sizes, {"2", "4", "s0", "16"});
  expect_exprs(v.items()[0].as_tensor().strides, {"64*s0", "16", "64", "1"});
  expect_exprs(v.items()[1].as_tensor().sizes, {"2", "4", "s0"});
  EXPECT_EQ(v.items()[1].as_tensor().dtype, ScalarType::F32);
  EXPECT_TRUE(v.items()[2].is(Value::Kind::None));
  EXPECT_EQ(v.items()[4].as_sym_int(), ex("s0"));
  FakeTensor plain = h.run_tensor("aten.scaled_dot_product_attention.default", {qa, ka, T(h, {"2", "4", "s0", "8"})});
  expect_exprs(plain.sizes, {"2", "4", "s0", "8"});
  EXPECT_THROW(h.run("aten.scaled_dot_product_attention.default", {qa, T(h, {"2", "4", "s0", "8"}), va}), OpError);
}

TEST(NormalizationRules, EfficientAttentionPadsTheLogSumExp) {
  OpHarness h;
  h_sym(h, 40);  // s0
  Argument q = T(h, {"2", "4", "s0", "16"});
  Value v = h.run("aten._scaled_dot_product_efficient_attention.default",
                  {q, q, T(h, {"2", "4", "s0", "8"}), arg_none(), arg_bool(true)});
  ASSERT_EQ(v.items().size(), 4u);
  expect_exprs(v.items()[0].as_tensor().sizes, {"2", "4", "s0", "8"});
  expect_exprs(v.items()[0].as_tensor().strides, {"32*s0", "8", "32", "1"});
  expect_exprs(v.items()[1].as_tensor().sizes, {"2", "4", "32*((s0 + 31)//32)"});
  Value no_lse = h.run("aten._scaled_dot_product_efficient_attention.default",
                       {q, q, q, arg_none(), arg_bool(false)});
  expect_exprs(no_lse.items()[1].as_tensor().sizes, {"2", "4", "0"});
}

}  // namespace
}  // namespace symshape::tracer
