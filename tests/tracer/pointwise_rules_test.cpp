// Pointwise family: broadcast sizes, output strides, dtype promotion, the
// guards broadcasting raises, in-place and one-way (masked_fill) broadcasting.
#include <gtest/gtest.h>

#include "tracer_op_test.hpp"

namespace symshape::tracer {
namespace pointwise_rules_test {

using namespace testing;
using T = ScalarType;

TEST(PointwiseRules, BroadcastAgainstConstantRaisesNoGuard) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Argument x = h.tensor("x", {s0, integer(3)});
  const Argument y = h.tensor("y", {integer(3)});
  const FakeTensor out = h.run_tensor("aten.add.Tensor", {x, y});
  EXPECT_EQ(show(out.sizes), "[s0, 3]");
  EXPECT_EQ(show(out.strides), "[3, 1]");
  EXPECT_EQ(out.dtype, T::F32);
  EXPECT_TRUE(h.guards_of(h.last_name()).empty());
  const FakeTensor col = h.run_tensor("aten.mul.Tensor", {h.tensor("c", {s0, integer(1)}), h.tensor("r", {integer(2)})});
  EXPECT_EQ(show(col.sizes), "[s0, 2]");
  EXPECT_EQ(show(col.strides), "[2, 1]");
}

TEST(PointwiseRules, EqualSymbolsAreGuardedWithProvenance) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 4);
  const Expr s1 = h.size("y.size()[0]", 4);
  h.run("aten.sub.Tensor", {h.tensor("x", {s0}), h.tensor("y", {s1})}, {}, "sub_1");
  const auto guards = h.guards_of("sub_1");
  ASSERT_EQ(guards.size(), 1u);
  EXPECT_EQ(to_sympy(guards[0].condition), "Eq(s0, s1)");
  EXPECT_EQ(guards[0].provenance.operation, "aten.sub.Tensor");
  EXPECT_EQ(guards[0].provenance.location, "test.fx:3");
}

TEST(PointwiseRules, SizeThatMayBeOneAsksTheEnvLikeInferSize) {
  ShapeEnvOptions o;
  o.specialize_zero_one = false;
  OpHarness h(o);
  const Expr s0 = h.size("x.size()[0]", 3);
  const FakeTensor out = h.run_tensor("aten.mul.Tensor", {h.tensor("x", {s0}), h.tensor("y", {integer(3)})});
  EXPECT_EQ(h.guard_texts(h.last_name()), (std::vector<std::string>{"Ne(s0, 1)", "Eq(s0, 3)"}));
  ASSERT_EQ(out.sizes.size(), 1u);
  EXPECT_EQ(h.env.apply_replacements(out.sizes[0]), integer(3)) << "s0 is now 3";
}

TEST(PointwiseRules, MismatchIsOpErrorNamingNodeAndOp) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 4);
  const Expr s1 = h.size("y.size()[0]", 5);
  try {
    h.run("aten.add.Tensor", {h.tensor("x", {s0}), h.tensor("y", {s1})}, {}, "add_7");
    FAIL() << "expected OpError";
  } catch (const OpError& e) {
    EXPECT_NE(std::string(e.what()).find("node add_7 (aten.add.Tensor)"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("must match"), std::string::npos) << e.what();
  }
}

struct DtypeCase {
  const char* op;
  T a;
  size_t a_dim;
  Argument b;  // a literal; or Kind::Node to use a second tensor of dtype b_dtype, rank b_dim
  T b_dtype;
  size_t b_dim;
  T expected;
};

class PointwiseDtype : public ::testing::TestWithParam<DtypeCase> {};

TEST_P(PointwiseDtype, FollowsElementwiseDtypes) {
  const DtypeCase& c = GetParam();
  OpHarness h;
  const Argument a = h.tensor("a", std::vector<Expr>(c.a_dim, integer(3)), c.a);
  const Argument b =
      c.b.is(Argument::Kind::Node) ? h.tensor("b", std::vector<Expr>(c.b_dim, integer(3)), c.b_dtype) : c.b;
  EXPECT_EQ(h.run_tensor(c.op, {a, b}).dtype, c.expected) << c.op;
}

Argument tensor_operand() {
  Argument a;
  a.kind = Argument::Kind::Node;
  return a;
}

INSTANTIATE_TEST_SUITE_P(
    Table, PointwiseDtype,
    ::testing::Values(DtypeCase{"aten.add.Tensor", T::I64, 1, arg_float(0.5), T::F32, 0, T::F32},
                      DtypeCase{"aten.add.Tensor", T::I64, 1, arg_int(1), T::F32, 0, T::I64},
                      DtypeCase{"aten.mul.Tensor", T::U8, 2, tensor_operand(), T::F32, 2, T::F32},
                      DtypeCase{"aten.mul.Tensor", T::F16, 1, tensor_operand(), T::F32, 0, T::F16},
                      DtypeCase{"aten.mul.Tensor", T::I32, 1, tensor_operand(), T::F64, 0, T::F64},
                      DtypeCase{"aten.add.Tensor", T::U8, 1, tensor_operand(), T::I8, 1, T::I16},
                      DtypeCase{"aten.add.Tensor", T::B8, 1, arg_bool(true), T::F32, 0, T::B8},
                      DtypeCase{"aten.lt.Scalar", T::F32, 1, arg_float(0.5), T::F32, 0, T::B8},
                      DtypeCase{"aten.ge.Tensor", T::I64, 1, tensor_operand(), T::F32, 1, T::B8},
                      DtypeCase{"aten.div.Tensor", T::I64, 1, tensor_operand(), T::I64, 1, T::F32},
                      DtypeCase{"aten.logical_and.default", T::F32, 1, tensor_operand(), T::I64, 1, T::B8},
                      DtypeCase{"aten.pow.Tensor_Scalar", T::B8, 1, arg_int(2), T::F32, 0, T::I64},
                      DtypeCase{"aten.clamp_min.default", T::I64, 1, arg_float(0.5), T::F32, 0, T::F32},
                      DtypeCase{"aten.clamp_max.default", T::I64, 1, arg_int(7), T::F32, 0, T::I64}));

TEST(PointwiseRules, UnaryDtypeKinds) {
  OpHarness h;
  const Argument i = h.tensor("i", {integer(4)}, T::I64);
  EXPECT_EQ(h.run_tensor("aten.sigmoid.default", {i}).dtype, T::F32);
  EXPECT_EQ(h.run_tensor("aten.abs.default", {i}).dtype, T::I64);
  EXPECT_EQ(h.run_tensor("aten.abs.default", {h.tensor("c", {integer(4)}, T::C128)}).dtype, T::F64);
  EXPECT_EQ(h.run_tensor("aten.div.Tensor_mode", {i, i}, {{"rounding_mode", arg_string("floor")}}).dtype, T::I64);
  EXPECT_EQ(h.run_tensor("aten.logical_not.default", {i}).dtype, T::B8);
}

TEST(PointwiseRules, SymScalarsTakePartInPromotion) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 5);
  const Argument x = h.tensor("x", {s0}, T::I64);
  const Argument n = h.sym("n", s0 - 1);
  const FakeTensor clamped = h.run_tensor("aten.clamp_max.default", {x, n});
  EXPECT_EQ(clamped.dtype, T::I64);
  const Argument f = h.input("f", Value::sym_float(SymFloat{s0, integer(2)}));
  EXPECT_EQ(h.run_tensor("aten.mul.Tensor", {x, f}).dtype, T::F32);
  // A float literal that no dyadic rational matches is fine as an operand.
  EXPECT_EQ(h.run_tensor("aten.mul.Tensor", {x, arg_float(0.004385964912280702)}).dtype, T::F32);
  EXPECT_EQ(show(h.run_tensor("aten.sub.Tensor", {arg_int(455), x}).sizes), "[s0]");
}

TEST(PointwiseRules, WhereBroadcastsThreeWays) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 6);
  const Argument cond = h.tensor("cond", {s0, integer(1)}, T::B8);
  const Argument a = h.tensor("a", {integer(4)}, T::F32);
  const Argument zero = h.tensor("zero", {}, T::I64);
  const FakeTensor out = h.run_tensor("aten.where.self", {cond, a, zero});
  EXPECT_EQ(show(out.sizes), "[s0, 4]");
  EXPECT_EQ(show(out.strides), "[4, 1]");
  EXPECT_EQ(out.dtype, T::F32);
}

TEST(PointwiseRules, OutputStridesFollowInputLayout) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  // A transposed [3, s0] (strides [1, 3]) times a contiguous [3, 1]: the
  // transposed input decides the order.
  const Argument t = h.strided("t", {integer(3), s0}, {integer(1), integer(3)});
  const FakeTensor out = h.run_tensor("aten.mul.Tensor", {t, h.tensor("c", {integer(3), integer(1)})});
  EXPECT_EQ(show(out.strides), "[1, 3]");
  const Argument cl = h.strided("cl", {s0, integer(3), integer(5), integer(7)},
                                {integer(105), integer(1), integer(21), integer(3)});
  EXPECT_EQ(show(h.run_tensor("aten.relu.default", {cl}).strides), "[105, 1, 21, 3]");
  // An expanded input (stride 0) gets dense output strides.
  const Argument e = h.strided("e", {s0, integer(3)}, {integer(0), integer(1)});
  EXPECT_EQ(show(h.run_tensor("aten.neg.default", {e}).strides), "[3, 1]");
}

TEST(PointwiseRules, InPlaceBroadcastsIntoSelfOnly) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Argument x = h.strided("x", {s0, integer(3)}, {integer(1), s0});
  const FakeTensor same = h.run_tensor("aten.sub_.Tensor", {x, h.tensor("r", {integer(3)})});
  EXPECT_EQ(show(same.strides), "[1, s0]") << "in-place returns self as it is";
  EXPECT_THROW(h.run("aten.sub_.Tensor", {h.tensor("small", {integer(3)}), x}), OpError);
  EXPECT_THROW(h.run("aten.add_.Tensor", {h.tensor("i", {integer(3)}, T::I64), arg_float(0.5)}), OpError)
      << "float result cannot be cast into an int64 self";
  EXPECT_EQ(show(h.run_tensor("aten.fill_.Tensor", {x, h.tensor("v", {})}).sizes), "[s0, 3]");
  EXPECT_THROW(h.run("aten.fill_.Tensor", {x, h.tensor("v1", {integer(1)})}), OpError);
}

TEST(PointwiseRules, MaskedFillMaskBroadcastsOneWay) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Argument x = h.tensor("x", {s0, integer(3)}, T::F16);
  const Argument row_mask = h.tensor("m", {integer(3)}, T::B8);
  const FakeTensor out = h.run_tensor("aten.masked_fill.Scalar", {x, row_mask, arg_float(-1e9)});
  EXPECT_EQ(show(out.sizes), "[s0, 3]");
  EXPECT_EQ(out.dtype, T::F16);
  const Argument small = h.tensor("small", {integer(3)});
  const Argument big_mask = h.tensor("big", {s0, integer(3)}, T::B8);
  EXPECT_THROW(h.run("aten.masked_fill.Scalar", {small, big_mask, arg_float(0.0)}), OpError)
      << "the mask never grows self";
  EXPECT_THROW(h.run("aten.clamp.default", {x}), OpError) << "clamp needs min or max";
}

TEST(PointwiseRules, ConvertElementTypeAndDevicePut) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Argument t = h.strided("t", {integer(3), s0}, {integer(1), integer(3)});
  const FakeTensor c = h.run_tensor("prims.convert_element_type.default", {t, arg_dtype(T::I64)});
  EXPECT_EQ(c.dtype, T::I64);
  EXPECT_EQ(show(c.strides), "[1, 3]") << "a dense input keeps its layout";
  const FakeTensor d = h.run_tensor("prims.device_put.default", {t, arg_device("cuda:0")});
  EXPECT_EQ(to_string(d.device), "cuda:0");
  EXPECT_EQ(show(d.strides), "[1, 3]");
}

}  // namespace pointwise_rules_test
}  // namespace symshape::tracer
