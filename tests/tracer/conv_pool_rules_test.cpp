// Table tests for the convolution / pooling / padding / upsample family:
// sizes as expressions, strides, dtypes, the guards each rule raises (with
// the node in their provenance) and the shapes PyTorch rejects.
#include <gtest/gtest.h>

#include "rules_b_case.hpp"

namespace symshape::tracer {
namespace {

using namespace testing;

Argument conv_args_tail() { return none_arg(); }

// aten.convolution(input, weight, bias, stride, padding, dilation, transposed, output_padding, groups)
Value conv(RuleCase& c, FakeTensor input, FakeTensor weight, std::vector<int64_t> stride, std::vector<int64_t> padding,
           bool transposed = false, int64_t groups = 1, std::vector<int64_t> output_padding = {0, 0},
           std::vector<int64_t> dilation = {1, 1}) {
  return c.run("aten.convolution.default",
               {c.input(std::move(input)), c.input(std::move(weight)), conv_args_tail(), ints(stride), ints(padding),
                ints(dilation), bool_arg(transposed), ints(output_padding), int_arg(groups)});
}

TEST(ConvPoolRules, MnistConvolutionKeepsTheSymbolicBatch) {
  RuleCase c;
  c.sym(8);  // s0
  const size_t before = c.env.recorded_guards().size();
  Value v = conv(c, tensor({"s0", "1", "28", "28"}), tensor({"32", "1", "3", "3"}), {1, 1}, {0, 0});
  const FakeTensor& t = v.as_tensor();
  expect_sizes(t.sizes, {"s0", "32", "26", "26"});
  expect_sizes(t.strides, {"21632", "676", "26", "1"});
  EXPECT_EQ(t.dtype, ScalarType::F32);
  EXPECT_EQ(c.env.recorded_guards().size(), before) << "static spatial sizes need no guard";
}

TEST(ConvPoolRules, StridedPaddedConvolutionPrintsPyTorchsFloorDiv) {
  RuleCase c;
  c.sym(4);   // s0
  c.sym(33);  // s1
  Value v = conv(c, tensor({"s0", "3", "s1", "s1"}), tensor({"64", "3", "3", "3"}), {2, 2}, {1, 1});
  expect_sizes(v.as_tensor().sizes, {"s0", "64", "((s1 - 1)//2) + 1", "((s1 - 1)//2) + 1"});
  EXPECT_TRUE(c.guards().empty()) << "output > 0 follows from s1 >= 2";
}

TEST(ConvPoolRules, TransposedConvolutionUsesOutputPadding) {
  RuleCase c;
  c.sym(4);  // s0
  c.sym(7);  // s1
  Value v = conv(c, tensor({"s0", "16", "s1", "s1"}), tensor({"16", "8", "4", "4"}), {2, 2}, {1, 1}, true, 1, {1, 0});
  expect_sizes(v.as_tensor().sizes, {"s0", "8", "2*s1 + 1", "2*s1"});
}

TEST(ConvPoolRules, GroupedAndOneDimensionalConvolutions) {
  RuleCase c;
  Value grouped = conv(c, tensor({"2", "8", "5", "5"}), tensor({"8", "2", "3", "3"}), {1, 1}, {0, 0}, false, 4);
  expect_sizes(grouped.as_tensor().sizes, {"2", "8", "3", "3"});
  c.sym(5);  // s0
  c.sym(9);  // s1
  Value one_d = conv(c, tensor({"s0", "4", "s1"}), tensor({"8", "4", "3"}), {1}, {0}, false, 1, {0}, {1});
  expect_sizes(one_d.as_tensor().sizes, {"s0", "8", "s1 - 2"});
  expect_sizes(one_d.as_tensor().strides, {"8*s1 - 16", "s1 - 2", "1"});
}

TEST(ConvPoolRules, ChannelsLastInputGivesChannelsLastOutput) {
  RuleCase c;
  c.sym(4);  // s0
  Value v = conv(c, channels_last(tensor({"s0", "3", "8", "8"})), tensor({"16", "3", "3", "3"}), {1, 1}, {1, 1});
  expect_sizes(v.as_tensor().sizes, {"s0", "16", "8", "8"});
  expect_sizes(v.as_tensor().strides, {"1024", "1", "128", "16"});
}

TEST(ConvPoolRules, ImpossibleConvolutionsAreOpErrorsNamingTheNode) {
  RuleCase c;
  c.sym(4);  // s0
  try {
    conv(c, tensor({"s0", "3", "8", "8"}), tensor({"8", "4", "3", "3"}), {1, 1}, {0, 0});
    FAIL() << "channel mismatch accepted";
  } catch (const OpError& e) {
    EXPECT_NE(std::string(e.what()).find("node"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("aten.convolution"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("channel"), std::string::npos) << e.what();
  }
  RuleCase small;
  EXPECT_THROW(conv(small, tensor({"1", "3", "2", "2"}), tensor({"8", "3", "3", "3"}), {1, 1}, {0, 0}), OpError);
}

Value pool(RuleCase& c, const char* op, FakeTensor input, std::vector<int64_t> k, std::vector<int64_t> s,
           std::vector<int64_t> p, bool ceil_mode) {
  return c.run(op, {c.input(std::move(input)), ints(k), ints(s), ints(p), ints({1, 1}), bool_arg(ceil_mode)});
}

TEST(ConvPoolRules, LowMemoryMaxPoolGivesValuesAndInt8Offsets) {
  RuleCase c;
  c.sym(8);  // s0
  Value v = pool(c, "prims._low_memory_max_pool2d_with_offsets.default", tensor({"s0", "64", "24", "24"}), {2, 2},
                 {2, 2}, {0, 0}, false);
  ASSERT_EQ(v.items().size(), 2u);
  expect_sizes(v.items()[0].as_tensor().sizes, {"s0", "64", "12", "12"});
  EXPECT_EQ(v.items()[0].as_tensor().dtype, ScalarType::F32);
  expect_sizes(v.items()[1].as_tensor().sizes, {"s0", "64", "12", "12"});
  expect_sizes(v.items()[1].as_tensor().strides, {"9216", "144", "12", "1"});
  EXPECT_EQ(v.items()[1].as_tensor().dtype, ScalarType::I8);
}

TEST(ConvPoolRules, MaxPoolEmptyStrideIsTheKernelAndDivRtnAsksTheRemainder) {
  RuleCase c;
  c.sym(2);  // s0
  c.sym(9);  // s1
  Value v = pool(c, "aten.max_pool2d_with_indices.default", tensor({"s0", "3", "s1", "16"}), {2, 2}, {}, {0, 0}, false);
  expect_sizes(v.items()[0].as_tensor().sizes, {"s0", "3", "((s1 - 2)//2) + 1", "8"});
  EXPECT_EQ(v.items()[1].as_tensor().dtype, ScalarType::I64);
  // div_rtn's `r != 0` is a Python bool: with s1 = 9 the remainder is 1.
  ASSERT_EQ(c.env.recorded_guards().size(), 1u);
  const GuardRecord& g = c.env.recorded_guards()[0];
  EXPECT_EQ(g.condition, E("Ne(Mod(s1, 2), 0)")) << to_sympy(g.condition);
  EXPECT_EQ(g.provenance.node, c.graph.nodes.back().name);
}

TEST(ConvPoolRules, CeilModeDropsAWindowThatStartsInThePadding) {
  RuleCase c;
  // in 5, kernel 2, stride 3, pad 1: (5 + 2 - 1 - 1 + 2)//3 + 1 = 3 windows,
  // but the third would start at 6 >= 5 + 1, so PyTorch keeps 2.
  Value v = pool(c, "aten.max_pool2d_with_indices.default", tensor({"1", "1", "5", "5"}), {2, 2}, {3, 3}, {1, 1}, true);
  expect_sizes(v.items()[0].as_tensor().sizes, {"1", "1", "2", "2"});
}

TEST(ConvPoolRules, CeilModeOnASymbolicSizeIsAGuardWithProvenance) {
  RuleCase c;
  c.sym(5);  // s0
  Value v = pool(c, "aten.max_pool2d_with_indices.default", tensor({"1", "1", "s0", "4"}), {2, 2}, {2, 2}, {0, 0}, true);
  expect_sizes(v.items()[0].as_tensor().sizes, {"1", "1", "((s0 - 1)//2) + 1", "2"});
  bool asked_last_window = false;
  for (const auto& g : c.env.recorded_guards()) {
    if (g.provenance.reason.find("ceil_mode") != std::string::npos) {
      asked_last_window = true;
      EXPECT_EQ(g.provenance.node, c.graph.nodes.back().name);
    }
  }
  EXPECT_TRUE(asked_last_window) << "guards: " << ::testing::PrintToString(c.guards());
}

TEST(ConvPoolRules, PoolingRejectsTooLargePaddingAndEmptyOutputs) {
  RuleCase c;
  EXPECT_THROW(pool(c, "aten.max_pool2d_with_indices.default", tensor({"1", "1", "8", "8"}), {2, 2}, {2, 2}, {2, 2},
                    false),
               OpError);
  RuleCase tiny;
  EXPECT_THROW(pool(tiny, "aten.max_pool2d_with_indices.default", tensor({"1", "1", "1", "8"}), {3, 3}, {1, 1},
                    {0, 0}, false),
               OpError);
}

TEST(ConvPoolRules, AvgAndAdaptivePooling) {
  RuleCase c;
  c.sym(4);  // s0
  Value avg = c.run("aten.avg_pool2d.default",
                    {c.input(tensor({"s0", "3", "8", "8"})), ints({2, 2}), ints({}), ints({0, 0})});
  expect_sizes(avg.as_tensor().sizes, {"s0", "3", "4", "4"});
  Value adaptive = c.run("aten._adaptive_avg_pool2d.default", {c.input(tensor({"s0", "512", "7", "7"})), ints({1, 1})});
  expect_sizes(adaptive.as_tensor().sizes, {"s0", "512", "1", "1"});
  Value adaptive_cl = c.run("aten.adaptive_max_pool2d.default",
                            {c.input(channels_last(tensor({"s0", "8", "7", "7"}))), ints({2, 2})});
  expect_sizes(adaptive_cl.items()[1].as_tensor().strides, {"32", "1", "16", "8"});
  EXPECT_EQ(adaptive_cl.items()[1].as_tensor().dtype, ScalarType::I64);
}

TEST(ConvPoolRules, ConstantPadNdMatchesTheAffineGridDump) {
  RuleCase c;
  Value a = c.run("aten.constant_pad_nd.default", {c.input(tensor({"1", "456", "1"})), ints({0, 2}), float_arg(0.0)});
  expect_sizes(a.as_tensor().sizes, {"1", "456", "3"});
  Value b = c.run("aten.constant_pad_nd.default", {c.input(tensor({"345", "1", "1"})), ints({1, 1}), float_arg(0.0)});
  expect_sizes(b.as_tensor().sizes, {"345", "1", "3"});
  c.sym(6);   // s0
  c.sym(10);  // s1
  Value sym = c.run("aten.constant_pad_nd.default", {c.input(tensor({"s0", "s1"})), ints({1, 1, 2, 2})});
  expect_sizes(sym.as_tensor().sizes, {"s0 + 4", "s1 + 2"});
  expect_sizes(sym.as_tensor().strides, {"s1 + 2", "1"});
  Value crop = c.run("aten.constant_pad_nd.default", {c.input(tensor({"s0", "s1"})), ints({-2, -3})});
  expect_sizes(crop.as_tensor().sizes, {"s0", "s1 - 5"});
  // s1 - 5 >= 0 was never asked: PyTorch's narrow checks it, the pad does not;
  // a negative result size through the positive-pad path is an error:
  EXPECT_THROW(c.run("aten.constant_pad_nd.default", {c.input(tensor({"4", "4"})), ints({-5, 1})}), OpError);
}

TEST(ConvPoolRules, UpsampleVecScalesAndCudaNearestHeuristic) {
  RuleCase c;
  c.sym(2);  // s0
  c.sym(6);  // s1
  c.sym(8);  // s2
  Value twice = c.run("aten.upsample_nearest2d.vec", {c.input(tensor({"s0", "3", "s1", "s2"})), none_arg(),
                                                      list_arg({float_arg(2.0), float_arg(0.5)})});
  expect_sizes(twice.as_tensor().sizes, {"s0", "3", "2*s1", "(s2//2)"});
  Value bilinear = c.run("aten.upsample_bilinear2d.default",
                         {c.input(tensor({"s0", "3", "s1", "s2"})), ints({5, 7}), bool_arg(false)});
  expect_sizes(bilinear.as_tensor().sizes, {"s0", "3", "5", "7"});
  // NHWC input with 3 channels on CUDA: PyTorch keeps nearest2d contiguous.
  Value cuda = c.run("aten.upsample_nearest2d.default",
                     {c.input(channels_last(tensor({"2", "3", "4", "4"}, ScalarType::F32, "cuda"))), ints({8, 8})});
  expect_sizes(cuda.as_tensor().strides, {"192", "64", "8", "1"});
  Value cpu = c.run("aten.upsample_nearest2d.default",
                    {c.input(channels_last(tensor({"2", "3", "4", "4"}))), ints({8, 8})});
  expect_sizes(cpu.as_tensor().strides, {"192", "1", "24", "3"});
}

TEST(ConvPoolRules, StftFramesAndFrequencies) {
  RuleCase c;
  c.sym(1000);  // s0
  Value v = c.run("aten.stft.default", {c.input(tensor({"s0"})), int_arg(400), int_arg(160), none_arg(), none_arg(),
                                        bool_arg(false), bool_arg(true), bool_arg(true)});
  const FakeTensor& t = v.as_tensor();
  EXPECT_EQ(t.dtype, ScalarType::C64);
  expect_sizes(t.sizes, {"201", "((s0 - 400)//160) + 1"});
  expect_sizes(t.strides, {"1", "201"});
}

}  // namespace
}  // namespace symshape::tracer
