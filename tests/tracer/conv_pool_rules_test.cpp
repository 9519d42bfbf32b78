// Table tests for the convolution / pooling / padding / upsample family:
// sizes as expressions, strides, dtypes, the guards each rule raises (with
// the node in their provenance) and the shapes PyTorch rejects.
#include <gtest/gtest.h>

#include "sized_inputs.hpp"

namespace symshape::tracer {
namespace {

using namespace testing;

Argument conv_args_tail() { return arg_none(); }

// aten.convolution(input, weight, bias, stride, padding, dilation, transposed, output_padding, groups)
Value conv(OpHarness& c, Argument input, Argument weight, std::vector<int64_t> stride, std::vector<int64_t> padding,
           bool transposed = false, int64_t groups = 1, std::vector<int64_t> output_padding = {0, 0},
           std::vector<int64_t> dilation = {1, 1}) {
  return c.run("aten.convolution.default",
               {input, weight, conv_args_tail(), ints_v(stride), ints_v(padding),
                ints_v(dilation), arg_bool(transposed), ints_v(output_padding), arg_int(groups)});
}

TEST(ConvPoolRules, MnistConvolutionKeepsTheSymbolicBatch) {
  OpHarness c;
  h_sym(c, 8);  // s0
  const size_t before = c.env.recorded_guards().size();
  Value v = conv(c, T(c, {"s0", "1", "28", "28"}), T(c, {"32", "1", "3", "3"}), {1, 1}, {0, 0});
  const FakeTensor& t = v.as_tensor();
  expect_exprs(t.sizes, {"s0", "32", "26", "26"});
  expect_exprs(t.strides, {"21632", "676", "26", "1"});
  EXPECT_EQ(t.dtype, ScalarType::F32);
  EXPECT_EQ(c.env.recorded_guards().size(), before) << "static spatial sizes need no guard";
}

TEST(ConvPoolRules, StridedPaddedConvolutionPrintsPyTorchsFloorDiv) {
  OpHarness c;
  h_sym(c, 4);   // s0
  h_sym(c, 33);  // s1
  Value v = conv(c, T(c, {"s0", "3", "s1", "s1"}), T(c, {"64", "3", "3", "3"}), {2, 2}, {1, 1});
  expect_exprs(v.as_tensor().sizes, {"s0", "64", "((s1 - 1)//2) + 1", "((s1 - 1)//2) + 1"});
  EXPECT_TRUE(c.guard_texts(c.last_name()).empty()) << "output > 0 follows from s1 >= 2";
}

TEST(ConvPoolRules, TransposedConvolutionUsesOutputPadding) {
  OpHarness c;
  h_sym(c, 4);  // s0
  h_sym(c, 7);  // s1
  Value v = conv(c, T(c, {"s0", "16", "s1", "s1"}), T(c, {"16", "8", "4", "4"}), {2, 2}, {1, 1}, true, 1, {1, 0});
  expect_exprs(v.as_tensor().sizes, {"s0", "8", "2*s1 + 1", "2*s1"});
}

TEST(ConvPoolRules, GroupedAndOneDimensionalConvolutions) {
  OpHarness c;
  Value grouped = conv(c, T(c, {"2", "8", "5", "5"}), T(c, {"8", "2", "3", "3"}), {1, 1}, {0, 0}, false, 4);
  expect_exprs(grouped.as_tensor().sizes, {"2", "8", "3", "3"});
  h_sym(c, 5);  // s0
  h_sym(c, 9);  // s1
  Value one_d = conv(c, T(c, {"s0", "4", "s1"}), T(c, {"8", "4", "3"}), {1}, {0}, false, 1, {0}, {1});
  expect_exprs(one_d.as_tensor().sizes, {"s0", "8", "s1 - 2"});
  expect_exprs(one_d.as_tensor().strides, {"8*s1 - 16", "s1 - 2", "1"});
}

TEST(ConvPoolRules, ChannelsLastInputGivesChannelsLastOutput) {
  OpHarness c;
  h_sym(c, 4);  // s0
  Value v = conv(c, CL(c, {"s0", "3", "8", "8"}), T(c, {"16", "3", "3", "3"}), {1, 1}, {1, 1});
  expect_exprs(v.as_tensor().sizes, {"s0", "16", "8", "8"});
  expect_exprs(v.as_tensor().strides, {"1024", "1", "128", "16"});
}

TEST(ConvPoolRules, ImpossibleConvolutionsAreOpErrorsNamingTheNode) {
  OpHarness c;
  h_sym(c, 4);  // s0
  try {
    conv(c, T(c, {"s0", "3", "8", "8"}), T(c, {"8", "4", "3", "3"}), {1, 1}, {0, 0});
    FAIL() << "channel mismatch accepted";
  } catch (const OpError& e) {
    EXPECT_NE(std::string(e.what()).find("node"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("aten.convolution"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("channel"), std::string::npos) << e.what();
  }
  OpHarness small;
  EXPECT_THROW(conv(small, T(small, {"1", "3", "2", "2"}), T(small, {"8", "3", "3", "3"}), {1, 1}, {0, 0}), OpError);
}

Value pool(OpHarness& c, const char* op, Argument input, std::vector<int64_t> k, std::vector<int64_t> s,
           std::vector<int64_t> p, bool ceil_mode) {
  return c.run(op, {input, ints_v(k), ints_v(s), ints_v(p), ints_v({1, 1}), arg_bool(ceil_mode)});
}

TEST(ConvPoolRules, LowMemoryMaxPoolGivesValuesAndInt8Offsets) {
  OpHarness c;
  h_sym(c, 8);  // s0
  Value v = pool(c, "prims._low_memory_max_pool2d_with_offsets.default", T(c, {"s0", "64", "24", "24"}), {2, 2},
                 {2, 2}, {0, 0}, false);
  ASSERT_EQ(v.items().size(), 2u);
  expect_exprs(v.items()[0].as_tensor().sizes, {"s0", "64", "12", "12"});
  EXPECT_EQ(v.items()[0].as_tensor().dtype, ScalarType::F32);
  expect_exprs(v.items()[1].as_tensor().sizes, {"s0", "64", "12", "12"});
  expect_exprs(v.items()[1].as_tensor().strides, {"9216", "144", "12", "1"});
  EXPECT_EQ(v.items()[1].as_tensor().dtype, ScalarType::I8);
}

TEST(ConvPoolRules, MaxPoolEmptyStrideIsTheKernelAndDivRtnAsksTheRemainder) {
  OpHarness c;
  h_sym(c, 2);  // s0
  h_sym(c, 9);  // s1
  Value v = pool(c, "aten.max_pool2d_with_indices.default", T(c, {"s0", "3", "s1", "16"}), {2, 2}, {}, {0, 0}, false);
  expect_exprs(v.items()[0].as_tensor().sizes, {"s0", "3", "((s1 - 2)//2) + 1", "8"});
  EXPECT_EQ(v.items()[1].as_tensor().dtype, ScalarType::I64);
  // div_rtn's `r != 0` is a Python bool: with s1 = 9 the remainder is 1.
  ASSERT_EQ(c.env.recorded_guards().size(), 1u);
  const GuardRecord& g = c.env.recorded_guards()[0];
  EXPECT_EQ(g.condition, ex("Ne(Mod(s1, 2), 0)")) << to_sympy(g.condition);
  EXPECT_EQ(g.provenance.node, c.graph.nodes.back().name);
  EXPECT_EQ(g.provenance.operation, "aten.max_pool2d_with_indices.default");
  EXPECT_EQ(g.provenance.stage, "test");
  EXPECT_NE(g.provenance.reason.find("div_rtn"), std::string::npos) << g.provenance.reason;
}

TEST(ConvPoolRules, CeilModeDropsAWindowThatStartsInThePadding) {
  OpHarness c;
  // in 5, kernel 2, stride 3, pad 1: (5 + 2 - 1 - 1 + 2)//3 + 1 = 3 windows,
  // but the third would start at 6 >= 5 + 1, so PyTorch keeps 2.
  Value v = pool(c, "aten.max_pool2d_with_indices.default", T(c, {"1", "1", "5", "5"}), {2, 2}, {3, 3}, {1, 1}, true);
  expect_exprs(v.items()[0].as_tensor().sizes, {"1", "1", "2", "2"});
}

// kernel 2, stride 3, pad 1 over s0: (s0 + 2)//3 + 1 windows, and the last
// one starts past the input iff Mod(s0 + 2, 3) <= 1. div_rtn's guard on the
// remainder decides that when it is 0 (hint 4); at hint 5 the remainder is
// only known to be nonzero, so the ceil_mode question is a guard of its own.
TEST(ConvPoolRules, CeilModeOnASymbolicSizeIsAGuardWithProvenance) {
  for (int64_t hint : {5, 4}) {
    OpHarness c;
    h_sym(c, hint);  // s0
    Value v = pool(c, "aten.max_pool2d_with_indices.default", T(c, {"1", "1", "s0", "4"}), {2, 2}, {3, 3}, {1, 1},
                   true);
    expect_exprs(v.items()[0].as_tensor().sizes, {"1", "1", "((s0 + 2)//3)", "2"});
    int ceil_guards = 0;
    for (const auto& g : c.guards_of(c.last_name())) {
      if (g.provenance.reason.find("ceil_mode") != std::string::npos) ++ceil_guards;
    }
    EXPECT_EQ(ceil_guards, hint == 5 ? 1 : 0) << "hint " << hint << ", guards "
                                              << ::testing::PrintToString(c.guard_texts(c.last_name()));
  }
}

TEST(ConvPoolRules, PoolingRejectsTooLargePaddingAndEmptyOutputs) {
  OpHarness c;
  EXPECT_THROW(pool(c, "aten.max_pool2d_with_indices.default", T(c, {"1", "1", "8", "8"}), {2, 2}, {2, 2}, {2, 2},
                    false),
               OpError);
  OpHarness tiny;
  EXPECT_THROW(pool(tiny, "aten.max_pool2d_with_indices.default", T(tiny, {"1", "1", "1", "8"}), {3, 3}, {1, 1},
                    {0, 0}, false),
               OpError);
}

TEST(ConvPoolRules, AvgAndAdaptivePooling) {
  OpHarness c;
  h_sym(c, 4);  // s0
  Value avg = c.run("aten.avg_pool2d.default",
                    {T(c, {"s0", "3", "8", "8"}), ints_v({2, 2}), ints_v({}), ints_v({0, 0})});
  expect_exprs(avg.as_tensor().sizes, {"s0", "3", "4", "4"});
  Value adaptive = c.run("aten._adaptive_avg_pool2d.default", {T(c, {"s0", "512", "7", "7"}), ints_v({1, 1})});
  expect_exprs(adaptive.as_tensor().sizes, {"s0", "512", "1", "1"});
  Value adaptive_cl = c.run("aten.adaptive_max_pool2d.default",
                            {CL(c, {"s0", "8", "7", "7"}), ints_v({2, 2})});
  expect_exprs(adaptive_cl.items()[1].as_tensor().strides, {"32", "1", "16", "8"});
  EXPECT_EQ(adaptive_cl.items()[1].as_tensor().dtype, ScalarType::I64);
}

TEST(ConvPoolRules, ConstantPadNdMatchesTheAffineGridDump) {
  OpHarness c;
  Value a = c.run("aten.constant_pad_nd.default", {T(c, {"1", "456", "1"}), ints_v({0, 2}), arg_float(0.0)});
  expect_exprs(a.as_tensor().sizes, {"1", "456", "3"});
  Value b = c.run("aten.constant_pad_nd.default", {T(c, {"345", "1", "1"}), ints_v({1, 1}), arg_float(0.0)});
  expect_exprs(b.as_tensor().sizes, {"345", "1", "3"});
  h_sym(c, 6);   // s0
  h_sym(c, 10);  // s1
  Value sym = c.run("aten.constant_pad_nd.default", {T(c, {"s0", "s1"}), ints_v({1, 1, 2, 2})});
  expect_exprs(sym.as_tensor().sizes, {"s0 + 4", "s1 + 2"});
  expect_exprs(sym.as_tensor().strides, {"s1 + 2", "1"});
  Value crop = c.run("aten.constant_pad_nd.default", {T(c, {"s0", "s1"}), ints_v({-2, -3})});
  expect_exprs(crop.as_tensor().sizes, {"s0", "s1 - 5"});
  // s1 - 5 >= 0 was never asked: PyTorch's narrow checks it, the pad does not;
  // a negative result size through the positive-pad path is an error:
  expect_exprs(c.run_tensor("aten.constant_pad_nd.default", {T(c, {"4", "4"}), ints_v({-5, 1})}).sizes, {"4", "0"});
  EXPECT_THROW(c.run("aten.constant_pad_nd.default", {T(c, {"4", "4"}), ints_v({-6, 1})}), OpError);
}

TEST(ConvPoolRules, UpsampleVecScalesAndCudaNearestHeuristic) {
  OpHarness c;
  h_sym(c, 2);  // s0
  h_sym(c, 6);  // s1
  h_sym(c, 8);  // s2
  Value twice = c.run("aten.upsample_nearest2d.vec", {T(c, {"s0", "3", "s1", "s2"}), arg_none(),
                                                      arg_list({arg_float(2.0), arg_float(0.5)})});
  expect_exprs(twice.as_tensor().sizes, {"s0", "3", "2*s1", "(s2//2)"});
  Value bilinear = c.run("aten.upsample_bilinear2d.default",
                         {T(c, {"s0", "3", "s1", "s2"}), ints_v({5, 7}), arg_bool(false)});
  expect_exprs(bilinear.as_tensor().sizes, {"s0", "3", "5", "7"});
  // NHWC input with 3 channels on CUDA: PyTorch keeps nearest2d contiguous.
  Value cuda = c.run("aten.upsample_nearest2d.default",
                     {CL(c, {"2", "3", "4", "4"}, ScalarType::F32, "cuda"), ints_v({8, 8})});
  expect_exprs(cuda.as_tensor().strides, {"192", "64", "8", "1"});
  Value cpu = c.run("aten.upsample_nearest2d.default",
                    {CL(c, {"2", "3", "4", "4"}), ints_v({8, 8})});
  expect_exprs(cpu.as_tensor().strides, {"192", "1", "24", "3"});
}

TEST(ConvPoolRules, StftFramesAndFrequencies) {
  OpHarness c;
  h_sym(c, 1000);  // s0
  Value v = c.run("aten.stft.default", {T(c, {"s0"}), arg_int(400), arg_int(160), arg_none(), arg_none(),
                                        arg_bool(false), arg_bool(true), arg_bool(true)});
  const FakeTensor& t = v.as_tensor();
  EXPECT_EQ(t.dtype, ScalarType::C64);
  expect_exprs(t.sizes, {"201", "((s0 - 400)//160) + 1"});
  expect_exprs(t.strides, {"1", "201"});
}

}  // namespace
}  // namespace symshape::tracer
