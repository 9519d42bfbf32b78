// Argument values as FX prints them: keywords with spaces around `=`, torch
// constants, devices, special floats, int64 extremes, strings, nesting.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "fx_test_util.hpp"
#include "symshape/tracer/fx_reader.hpp"

namespace symshape::tracer {
namespace {

// One call node `n` whose arguments are `args`, after a placeholder x.
Node read_call(const std::string& args) {
  std::string text =
      "class GraphModule(torch.nn.Module):\n"
      "    def forward(self, x: \"f32[4]\"):\n"
      "        n = torch.ops.aten.foo.default(" +
      args +
      ")\n"
      "        return (n,)\n";
  Graph g = read_one(text);
  if (g.nodes.size() != 3) {
    ADD_FAILURE() << "expected 3 nodes";
    return Node{};
  }
  return g.nodes[1];
}

const Argument* kwarg(const Node& n, std::string_view name) {
  for (const auto& [k, v] : n.kwargs) {
    if (k == name) return &v;
  }
  return nullptr;
}

TEST(FxReaderArguments, KeywordsWithSpacesAndTorchConstants) {
  Node n = read_call(
      "[], 0.0, dtype = torch.float32, layout = torch.strided, device = device(type='cpu'), pin_memory = False, "
      "memory_format = torch.channels_last");
  ASSERT_EQ(n.args.size(), 2u);
  EXPECT_EQ(n.args[0].kind, Argument::Kind::List);
  EXPECT_TRUE(n.args[0].items.empty());
  EXPECT_EQ(n.args[1].kind, Argument::Kind::Float);
  EXPECT_EQ(n.args[1].float_value, 0.0);
  ASSERT_EQ(n.kwargs.size(), 5u);
  EXPECT_EQ(n.kwargs[0].first, "dtype");  // written order
  EXPECT_EQ(n.kwargs[4].first, "memory_format");
  EXPECT_EQ(kwarg(n, "dtype")->kind, Argument::Kind::Dtype);
  EXPECT_EQ(kwarg(n, "dtype")->dtype, ScalarType::F32);
  EXPECT_EQ(kwarg(n, "layout")->kind, Argument::Kind::Layout);
  EXPECT_EQ(kwarg(n, "layout")->layout, Layout::Strided);
  EXPECT_EQ(kwarg(n, "device")->kind, Argument::Kind::Device);
  EXPECT_EQ(kwarg(n, "device")->device, (Device{"cpu", -1}));
  EXPECT_EQ(kwarg(n, "pin_memory")->kind, Argument::Kind::Bool);
  EXPECT_FALSE(kwarg(n, "pin_memory")->bool_value);
  EXPECT_EQ(kwarg(n, "memory_format")->kind, Argument::Kind::MemoryFormat);
  EXPECT_EQ(kwarg(n, "memory_format")->memory_format, MemoryFormat::ChannelsLast);
}

TEST(FxReaderArguments, KeywordsWithoutSpacesAndOtherConstants) {
  Node n = read_call(
      "x, dtype=torch.int64, device=device(type='cuda', index=0), memory_format=torch.contiguous_format, "
      "d2=torch.bool, d3=torch.bfloat16, d4=torch.uint8, d5=torch.complex128, l=torch.sparse_coo, "
      "m=torch.preserve_format, c=device('cuda:1'), t=torch.device('meta')");
  EXPECT_EQ(kwarg(n, "dtype")->dtype, ScalarType::I64);
  EXPECT_EQ(kwarg(n, "device")->device, (Device{"cuda", 0}));
  EXPECT_EQ(kwarg(n, "memory_format")->memory_format, MemoryFormat::Contiguous);
  EXPECT_EQ(kwarg(n, "d2")->dtype, ScalarType::B8);
  EXPECT_EQ(kwarg(n, "d3")->dtype, ScalarType::BF16);
  EXPECT_EQ(kwarg(n, "d4")->dtype, ScalarType::U8);
  EXPECT_EQ(kwarg(n, "d5")->dtype, ScalarType::C128);
  EXPECT_EQ(kwarg(n, "l")->layout, Layout::SparseCoo);
  EXPECT_EQ(kwarg(n, "m")->memory_format, MemoryFormat::Preserve);
  EXPECT_EQ(kwarg(n, "c")->device, (Device{"cuda", 1}));
  EXPECT_EQ(kwarg(n, "t")->device, (Device{"meta", -1}));
}

TEST(FxReaderArguments, SpecialFloatsAndLiterals) {
  Node n = read_call("x, -inf, inf, nan, 1e-06, -1.5, 2.5E+3, .5, 1.3333333333333333, -0.0");
  ASSERT_EQ(n.args.size(), 10u);
  for (size_t i = 1; i < n.args.size(); ++i) EXPECT_EQ(n.args[i].kind, Argument::Kind::Float) << i;
  EXPECT_EQ(n.args[1].float_value, -std::numeric_limits<double>::infinity());
  EXPECT_EQ(n.args[2].float_value, std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(n.args[3].float_value));
  EXPECT_EQ(n.args[4].float_value, 1e-06);
  EXPECT_EQ(n.args[5].float_value, -1.5);
  EXPECT_EQ(n.args[6].float_value, 2500.0);
  EXPECT_EQ(n.args[7].float_value, 0.5);
  EXPECT_EQ(n.args[8].float_value, 1.3333333333333333);
  EXPECT_TRUE(std::signbit(n.args[9].float_value));
}

TEST(FxReaderArguments, Int64Extremes) {
  Node n = read_call("x, 0, 9223372036854775807, -9223372036854775808, -1, 0, 00");
  ASSERT_EQ(n.args.size(), 7u);
  EXPECT_EQ(n.args[2].kind, Argument::Kind::Int);
  EXPECT_EQ(n.args[2].int_value, std::numeric_limits<int64_t>::max());
  EXPECT_EQ(n.args[3].int_value, std::numeric_limits<int64_t>::min());
  EXPECT_EQ(n.args[4].int_value, -1);
}

TEST(FxReaderArguments, StringsInEitherQuote) {
  Node n = read_call("x, 'rand', \"bilinear\", '', 'it\\'s \\\\ \"q\"'");
  ASSERT_EQ(n.args.size(), 5u);
  EXPECT_EQ(n.args[1].kind, Argument::Kind::String);
  EXPECT_EQ(n.args[1].text, "rand");
  EXPECT_EQ(n.args[2].text, "bilinear");
  EXPECT_EQ(n.args[3].text, "");
  EXPECT_EQ(n.args[4].text, "it's \\ \"q\"");  // escapes decoded
}

TEST(FxReaderArguments, NestedListsTuplesAndNone) {
  Node n = read_call("x, [None, None, x], ((1, 2), [x, [3]]), (), (4,), True");
  ASSERT_EQ(n.args.size(), 6u);
  const Argument& idx = n.args[1];
  ASSERT_EQ(idx.kind, Argument::Kind::List);
  ASSERT_EQ(idx.items.size(), 3u);
  EXPECT_EQ(idx.items[0].kind, Argument::Kind::None);
  EXPECT_EQ(idx.items[2].kind, Argument::Kind::Node);
  EXPECT_EQ(idx.items[2].node, 0u);
  const Argument& nested = n.args[2];
  ASSERT_EQ(nested.kind, Argument::Kind::Tuple);
  ASSERT_EQ(nested.items.size(), 2u);
  EXPECT_EQ(nested.items[0].kind, Argument::Kind::Tuple);
  EXPECT_EQ(nested.items[0].items[1].int_value, 2);
  EXPECT_EQ(nested.items[1].items[1].items[0].int_value, 3);
  EXPECT_EQ(n.args[3].kind, Argument::Kind::Tuple);
  EXPECT_TRUE(n.args[3].items.empty());
  ASSERT_EQ(n.args[4].items.size(), 1u);
  EXPECT_TRUE(n.args[5].bool_value);
}

TEST(FxReaderArguments, ArgumentSpans) {
  Node n = read_call("x, [1,  2], k = 3");
  // `        n = torch.ops.aten.foo.default(` is 39 characters.
  EXPECT_EQ(n.args[0].span.line, 3);
  EXPECT_EQ(n.args[0].span.column, 40);
  EXPECT_EQ(n.args[1].span.column, 43);
  EXPECT_EQ(n.args[1].items[1].span.column, 48);
  EXPECT_EQ(n.kwargs[0].second.span.column, 56);
  EXPECT_EQ(n.args[0].span.file, "test.py");
}

}  // namespace
}  // namespace symshape::tracer
