// Tests for the SymInt/SymFloat/SymBool node rules: metadata reads, Python
// arithmetic with PyTorch's printed results, exact SymFloats, and that
// building these values never records a guard.
#include <gtest/gtest.h>

#include "sized_inputs.hpp"

namespace symshape::tracer {
namespace {

using namespace testing;

TEST(SymNodeRules, SizeStrideNumelReadTheTensor) {
  OpHarness h;
  h_sym(h, 8);  // s0
  Argument x = T(h, {"s0", "1", "28", "28"});
  EXPECT_EQ(h.run("aten.sym_size.int", {x, arg_int(0)}).as_sym_int(), ex("s0"));
  EXPECT_EQ(h.run("aten.sym_size", {x, arg_int(-1)}).as_sym_int(), ex("28"));  // 1.13: no overload
  EXPECT_EQ(h.run("aten.sym_stride.int", {x, arg_int(0)}).as_sym_int(), ex("784"));
  EXPECT_EQ(h.run("aten.sym_numel.default", {x}).as_sym_int(), ex("784*s0"));
  Value all = h.run("aten.sym_size.default", {x});
  ASSERT_EQ(all.items().size(), 4u);
  EXPECT_EQ(all.items()[0].as_sym_int(), ex("s0"));
  EXPECT_THROW(h.run("aten.sym_size.int", {x, arg_int(4)}), OpError);
  EXPECT_TRUE(h.env.recorded_guards().empty());
}

TEST(SymNodeRules, PythonArithmeticMatchesPrintedAnnotations) {
  OpHarness h;
  Argument s0 = h.sym("a", h_sym(h, 8));
  Argument s1 = h.sym("b", h_sym(h, 6));
  EXPECT_EQ(h.run("operator.sub", {s0, arg_int(0)}).as_sym_int(), ex("s0"));
  EXPECT_EQ(h.run("operator.add", {s0, arg_int(1)}).as_sym_int(), ex("s0 + 1"));
  EXPECT_EQ(h.run("operator.mul", {s0, s1}).as_sym_int(), ex("s0*s1"));
  EXPECT_EQ(h.run("operator.floordiv", {s0, arg_int(2)}).as_sym_int(), ex("(s0//2)"));
  EXPECT_EQ(h.run("operator.floordiv", {s0, arg_int(1)}).as_sym_int(), ex("s0"));
  EXPECT_EQ(h.run("operator.mod", {s0, arg_int(8)}).as_sym_int(), ex("Mod(s0, 8)"));
  EXPECT_EQ(h.run("operator.neg", {s0}).as_sym_int(), ex("-s0"));
  EXPECT_EQ(h.run("operator.ge", {s0, s1}).as_sym_bool(), ex("s0 >= s1"));
  EXPECT_EQ(h.run("operator.lt", {s0, arg_int(3)}).as_sym_bool(), ex("s0 < 3"));
  EXPECT_TRUE(h.env.recorded_guards().empty()) << "a SymBool is not a guard until a rule asks";
  EXPECT_THROW(h.run("operator.floordiv", {s0, arg_int(0)}), OpError);
}

TEST(SymNodeRules, TrueDivCeilAndSymFloatAreExact) {
  OpHarness h;
  Argument s0 = h.sym("a", h_sym(h, 7));
  Argument s1 = h.sym("b", h_sym(h, 5));
  // truediv_2: "Sym(s1/(s3 - 1) - 1/(s3 - 1))" = (s1 - 1) / (s3 - 1)
  Value q = h.run("operator.truediv", {s1, s0});
  EXPECT_EQ(q.as_sym_float().numerator, ex("s1"));
  EXPECT_EQ(q.as_sym_float().denominator, ex("s0"));
  h.run("operator.truediv", {s0, arg_int(1)});
  EXPECT_EQ(h.run("math_ceil", {h.last()}).as_sym_int(), ex("s0"));
  h.run("operator.truediv", {s0, arg_int(2)});
  EXPECT_EQ(h.run("math.ceil", {h.last()}).as_sym_int(), ex("-((-s0)//2)"));
  h.run("operator.truediv", {s0, arg_int(-2)});
  EXPECT_EQ(h.run("math.floor", {h.last()}).as_sym_int(), ex("(-s0)//2"));
  Value f = h.run("sym_float", {s0});
  EXPECT_EQ(f.as_sym_float().numerator, ex("s0"));
  Value scaled = h.run("operator.mul", {h.last(), arg_float(2.5)});
  EXPECT_EQ(h.run("math.floor", {h.last()}).as_sym_int(), ex("(5*s0)//2"));
  (void)scaled;
  Value minus = h.run("operator.sub", {s0, arg_float(1.0)});
  EXPECT_EQ(minus.as_sym_float().numerator, ex("s0 - 1"));
  EXPECT_EQ(h.run("operator.ge", {h.last(), arg_float(0.5)}).as_sym_bool(), ex("2*s0 - 2 >= 1"));
  EXPECT_THROW(h.run("operator.truediv", {s0, arg_int(0)}), OpError);
  EXPECT_TRUE(h.env.recorded_guards().empty());
}

TEST(SymNodeRules, GetitemPicksATupleItem) {
  OpHarness h;
  h_sym(h, 8);  // s0
  Value pooled = h.run("prims._low_memory_max_pool2d_with_offsets.default",
                       {T(h, {"s0", "64", "24", "24"}), arg_ints({2, 2}), arg_ints({2, 2}), arg_ints({0, 0}),
                        arg_ints({1, 1}), arg_bool(false)});
  Argument pool = h.last();
  EXPECT_EQ(h.run("operator.getitem", {pool, arg_int(1)}).as_tensor().dtype, ScalarType::I8);
  EXPECT_EQ(h.run("operator.getitem", {pool, arg_int(-2)}).as_tensor().dtype, ScalarType::F32);
  Argument s0 = h.sym("n", ex("s0"));
  EXPECT_THROW(h.run("operator.getitem", {s0, arg_int(0)}), OpError);
  OpHarness h2;
  h_sym(h2, 8);
  h2.run("aten.max_pool2d_with_indices.default", {T(h2, {"s0", "64", "24", "24"}), arg_ints({2, 2})});
  EXPECT_THROW(h2.run("operator.getitem", {h2.last(), arg_int(2)}), OpError);
  (void)pooled;
}

}  // namespace
}  // namespace symshape::tracer
