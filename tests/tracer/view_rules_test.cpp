// Views family: sizes, strides, storage offsets and the guards view/slice raise.
#include <limits>

#include <gtest/gtest.h>

#include "tracer_op_test.hpp"

namespace symshape::tracer {
namespace {

using namespace testing;

TEST(ViewRules, ViewSplitsAndInfersMinusOne) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Argument x = h.tensor("x", {s0, integer(6)});
  FakeTensor v = h.run_tensor("aten.view.default", {x, arg_ints({-1, 2})});
  EXPECT_EQ(show(v.sizes), "[3*s0, 2]");
  EXPECT_EQ(show(v.strides), "[2, 1]");
  v = h.run_tensor("aten.view.default", {x, arg_list({h.sym("n", s0), arg_int(2), arg_int(3), arg_int(1)})});
  EXPECT_EQ(show(v.sizes), "[s0, 2, 3, 1]");
  EXPECT_EQ(show(v.strides), "[6, 3, 1, 1]");
  EXPECT_TRUE(h.guards_of(h.last_name()).empty());
  const FakeTensor c = h.run_tensor("aten.view.default", {h.tensor("k", {integer(345), integer(456), integer(3)}),
                                                          arg_ints({-1, 3, 1})});
  EXPECT_EQ(show(c.sizes), "[157320, 3, 1]");
}

TEST(ViewRules, MinusOneOverSymbolsGuardsDivisibility) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 4);
  const Expr s1 = h.size("y.size()[0]", 16);
  const Argument x = h.tensor("x", {64 * s0});
  const FakeTensor v = h.run_tensor("aten.view.default", {x, arg_list({arg_int(-1), h.sym("n", s1)})}, {});
  EXPECT_EQ(show(v.sizes), "[(64*s0//s1), s1]");
  // infer_size's divisibility check, then computeStride's chunk question
  // (is the new dimension's running numel below the chunk's), both at the hints.
  EXPECT_EQ(h.guard_texts(h.last_name()), (std::vector<std::string>{"Eq(Mod(64*s0, s1), 0)", "s1 + 1 <= 64*s0"}));
  EXPECT_THROW(h.run("aten.view.default", {x, arg_ints({-1, 7})}), OpError) << "64*s0 = 256 is not divisible by 7";
  EXPECT_THROW(h.run("aten.view.default", {x, arg_ints({-1, -1})}), OpError);
}

TEST(ViewRules, ViewOfTransposeFailsButReshapeCopies) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Argument x = h.tensor("x", {s0, integer(3)});
  const FakeTensor t = h.run_tensor("aten.t.default", {x});
  EXPECT_EQ(show(t.sizes), "[3, s0]");
  EXPECT_EQ(show(t.strides), "[1, 3]");
  const Argument tr = h.last();
  EXPECT_THROW(h.run("aten.view.default", {tr, arg_ints({-1})}), OpError);
  const FakeTensor r = h.run_tensor("aten.reshape.default", {tr, arg_ints({-1})});
  EXPECT_EQ(show(r.sizes), "[3*s0]");
  EXPECT_EQ(show(r.strides), "[1]");
  EXPECT_THROW(h.run("aten.t.default", {h.tensor("x3", {integer(1), integer(2), integer(3)})}), OpError);
}

TEST(ViewRules, PermuteTransposeUnsqueezeSqueeze) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Argument x = h.tensor("x", {s0, integer(2), integer(3)});
  FakeTensor p = h.run_tensor("aten.permute.default", {x, arg_ints({0, 2, 1})});
  EXPECT_EQ(show(p.sizes), "[s0, 3, 2]");
  EXPECT_EQ(show(p.strides), "[6, 1, 3]");
  EXPECT_THROW(h.run("aten.permute.default", {x, arg_ints({0, 0, 1})}), OpError);
  p = h.run_tensor("aten.transpose.int", {x, arg_int(-1), arg_int(0)});
  EXPECT_EQ(show(p.strides), "[1, 3, 6]");
  const Argument v = h.tensor("v", {s0});
  FakeTensor u = h.run_tensor("aten.unsqueeze.default", {v, arg_int(-1)});
  EXPECT_EQ(show(u.sizes), "[s0, 1]");
  EXPECT_EQ(show(u.strides), "[1, 1]");
  u = h.run_tensor("aten.unsqueeze.default", {v, arg_int(0)});
  EXPECT_EQ(show(u.strides), "[s0, 1]");
  const Argument one = h.tensor("one", {s0, integer(1), integer(3)});
  EXPECT_EQ(show(h.run_tensor("aten.squeeze.dim", {one, arg_int(1)}).sizes), "[s0, 3]");
  EXPECT_EQ(show(h.run_tensor("aten.squeeze.dim", {one, arg_int(0)}).sizes), "[s0, 1, 3]");
  EXPECT_EQ(show(h.run_tensor("aten.squeeze.default", {one}).strides), "[3, 1]");
}

TEST(ViewRules, ExpandAndSelect) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Argument x = h.tensor("x", {s0, integer(1), integer(3)});
  const FakeTensor e = h.run_tensor("aten.expand.default", {x, arg_list({arg_int(2), arg_int(-1), arg_int(4), arg_int(3)})});
  EXPECT_EQ(show(e.sizes), "[2, s0, 4, 3]");
  EXPECT_EQ(show(e.strides), "[0, 3, 0, 1]");
  const Argument ex = h.last();
  const FakeTensor s = h.run_tensor("aten.select.int", {ex, arg_int(3), arg_int(-1)});
  EXPECT_EQ(show(s.sizes), "[2, s0, 4]");
  EXPECT_EQ(show(s.strides), "[0, 3, 0]");
  EXPECT_EQ(to_sympy(s.storage_offset), "2");
  EXPECT_THROW(h.run("aten.select.int", {ex, arg_int(3), arg_int(3)}), OpError);
  EXPECT_THROW(h.run("aten.expand.default", {x, arg_ints({-1, 5, 2})}), OpError) << "3 cannot expand to 2";
}

TEST(ViewRules, SliceClampsLikePyTorch) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Argument x = h.tensor("x", {s0, integer(4)});
  const int64_t max = std::numeric_limits<int64_t>::max();
  FakeTensor s = h.run_tensor("aten.slice.Tensor", {x, arg_int(0), arg_int(1), arg_int(max)});
  EXPECT_EQ(show(s.sizes), "[s0 - 1, 4]");
  EXPECT_EQ(to_sympy(s.storage_offset), "4");
  EXPECT_TRUE(h.guards_of(h.last_name()).empty()) << "an end of sys.maxsize is the size, no guard";
  s = h.run_tensor("aten.slice.Tensor", {x, arg_int(0), arg_int(-2)});
  EXPECT_EQ(show(s.sizes), "[2, 4]");
  s = h.run_tensor("aten.slice.Tensor", {x, arg_int(1), arg_int(0), arg_int(10), arg_int(2)});
  EXPECT_EQ(show(s.sizes), "[s0, 2]");
  EXPECT_EQ(show(s.strides), "[4, 2]");
  s = h.run_tensor("aten.slice.Tensor", {x, arg_int(0), arg_int(0), arg_int(10)});
  EXPECT_EQ(h.guard_texts(h.last_name()), std::vector<std::string>{"s0 <= 9"}) << "the clamp is decided at the hint";
  EXPECT_EQ(show(s.sizes), "[s0, 4]");
  const Expr u0 = h.env.create_unbacked_symbol();
  s = h.run_tensor("aten.slice.Tensor", {x, arg_int(0), arg_int(0), h.sym("u", u0)});
  EXPECT_EQ(show(s.sizes), "[u0, 4]") << "an unbacked end is left unclamped";
  s = h.run_tensor("aten.narrow.default", {x, arg_int(1), arg_int(1), arg_int(2)});
  EXPECT_EQ(show(s.sizes), "[s0, 2]");
  EXPECT_EQ(to_sympy(s.storage_offset), "1");
  EXPECT_THROW(h.run("aten.narrow.default", {x, arg_int(1), arg_int(3), arg_int(2)}), OpError);
}

TEST(ViewRules, CloneContiguousRepeatFlatten) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Argument t = h.strided("t", {integer(3), s0}, {integer(1), integer(3)});
  EXPECT_EQ(show(h.run_tensor("aten.clone.default", {t}).strides), "[1, 3]") << "preserve_format keeps a dense layout";
  EXPECT_EQ(show(h.run_tensor("aten.clone.default", {t}, {{"memory_format", arg_memory_format(MemoryFormat::Contiguous)}}).strides),
            "[s0, 1]");
  const Argument img = h.tensor("img", {s0, integer(3), integer(5), integer(7)});
  EXPECT_EQ(show(h.run_tensor("aten.clone.default", {img}, {{"memory_format", arg_memory_format(MemoryFormat::ChannelsLast)}}).strides),
            "[105, 1, 21, 3]");
  EXPECT_EQ(show(h.run_tensor("aten.contiguous.default", {t}).strides), "[s0, 1]");
  const FakeTensor r = h.run_tensor("aten.repeat.default", {h.tensor("r", {s0, integer(2)}), arg_ints({3, 1, 2})});
  EXPECT_EQ(show(r.sizes), "[3, s0, 4]");
  EXPECT_EQ(show(h.run_tensor("aten.flatten.using_ints", {img, arg_int(1)}).sizes), "[s0, 105]");
  const FakeTensor a = h.run_tensor("aten.as_strided.default", {img, arg_ints({2, 2}), arg_ints({1, 2}), arg_int(5)});
  EXPECT_EQ(show(a.strides), "[1, 2]");
  EXPECT_EQ(to_sympy(a.storage_offset), "5");
  const FakeTensor ra = h.run_tensor("aten._reshape_alias.default", {img, arg_list({h.sym("n", s0), arg_int(105)}), arg_ints({105, 1})});
  EXPECT_EQ(show(ra.sizes), "[s0, 105]");
}

}  // namespace
}  // namespace symshape::tracer
