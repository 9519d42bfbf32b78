#include "symshape/tracer/dtype.hpp"

#include <gtest/gtest.h>

namespace symshape::tracer {
namespace {

using T = ScalarType;

TEST(Dtype, NamesRoundTrip) {
  for (T t : {T::F16, T::BF16, T::F32, T::F64, T::I8, T::I16, T::I32, T::I64, T::U8, T::B8, T::C64, T::C128}) {
    EXPECT_EQ(parse_scalar_type(short_name(t)), t) << short_name(t);
    EXPECT_EQ(parse_scalar_type(torch_name(t)), t) << torch_name(t);
    EXPECT_EQ(parse_scalar_type(std::string("torch.") + torch_name(t)), t);
  }
  EXPECT_EQ(parse_scalar_type("long"), T::I64);
  EXPECT_EQ(parse_scalar_type("float"), T::F32);
  EXPECT_EQ(parse_scalar_type("half"), T::F16);
  EXPECT_EQ(parse_scalar_type("f31"), std::nullopt);
}

struct PromoteCase {
  T a, b, expected;
};

class Promote : public ::testing::TestWithParam<PromoteCase> {};

// Entries of c10's promoteTypes table.
TEST_P(Promote, MatchesPyTorchTable) {
  const PromoteCase& c = GetParam();
  EXPECT_EQ(promote_types(c.a, c.b), c.expected) << short_name(c.a) << " + " << short_name(c.b);
  EXPECT_EQ(promote_types(c.b, c.a), c.expected) << "symmetric";
}

INSTANTIATE_TEST_SUITE_P(Table, Promote,
                         ::testing::Values(PromoteCase{T::U8, T::I8, T::I16}, PromoteCase{T::U8, T::I32, T::I32},
                                           PromoteCase{T::B8, T::U8, T::U8}, PromoteCase{T::B8, T::F16, T::F16},
                                           PromoteCase{T::I64, T::F16, T::F16}, PromoteCase{T::F16, T::BF16, T::F32},
                                           PromoteCase{T::F32, T::F64, T::F64}, PromoteCase{T::I64, T::I32, T::I64},
                                           PromoteCase{T::C64, T::F64, T::C128}, PromoteCase{T::C64, T::F16, T::C64},
                                           PromoteCase{T::C64, T::C128, T::C128}, PromoteCase{T::I16, T::I8, T::I16},
                                           PromoteCase{T::B8, T::B8, T::B8}));

TEST(Dtype, Categories) {
  EXPECT_TRUE(is_floating(T::BF16));
  EXPECT_FALSE(is_floating(T::C64));
  EXPECT_TRUE(is_complex(T::C128));
  EXPECT_TRUE(is_integral(T::B8, true));
  EXPECT_FALSE(is_integral(T::B8, false));
  EXPECT_TRUE(is_integral(T::U8, false));
}

TEST(Device, ParseAndPrint) {
  EXPECT_EQ(to_string(*parse_device("cuda:1")), "cuda:1");
  EXPECT_EQ(to_string(*parse_device("cpu")), "cpu");
  EXPECT_EQ(parse_device("cuda:"), std::nullopt);
  EXPECT_EQ(parse_device("cuda:x"), std::nullopt);
  EXPECT_EQ(parse_device(""), std::nullopt);
}

}  // namespace
}  // namespace symshape::tracer
