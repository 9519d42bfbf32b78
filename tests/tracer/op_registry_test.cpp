#include "symshape/tracer/op_registry.hpp"

#include <gtest/gtest.h>

namespace symshape::tracer {
namespace {

Value rule_a(OpContext&) { return Value::none(); }
Value rule_b(OpContext&) { return Value::sym_int(integer(1)); }

TEST(OpRegistry, FindsExactOverloadThenPacket) {
  OpRegistry r;
  r.add("aten.add", rule_a);
  r.add("aten.add.Scalar", rule_b);
  r.add("aten.sym_size", rule_b);
  EXPECT_EQ(r.find("aten.add.Tensor"), &rule_a);
  EXPECT_EQ(r.find("aten.add.Scalar"), &rule_b);
  EXPECT_EQ(r.find("aten.add"), &rule_a);
  EXPECT_EQ(r.find("aten.sym_size"), &rule_b) << "a target printed without overload";
  EXPECT_EQ(r.find("aten.sym_size.int"), &rule_b);
  EXPECT_EQ(r.find("aten.mul.Tensor"), nullptr);
}

TEST(OpRegistry, DuplicateRegistrationThrows) {
  OpRegistry r;
  r.add("aten.mm", rule_a);
  EXPECT_THROW(r.add("aten.mm", rule_b), Error);
}

TEST(OpRegistry, ClosestNamesByEditDistance) {
  OpRegistry r;
  for (const char* n : {"aten.mm", "aten.bmm", "aten.addmm", "aten.view", "aten.permute"}) r.add(n, rule_a);
  const auto near = r.closest("aten.bmn.default", 2);
  ASSERT_EQ(near.size(), 2u);
  EXPECT_EQ(near[0], "aten.bmm");
  EXPECT_EQ(near[1], "aten.mm");
  EXPECT_EQ(r.closest("aten.premute", 1), std::vector<std::string>{"aten.permute"});
  EXPECT_EQ(r.names().front(), "aten.addmm");
  EXPECT_EQ(r.names().size(), 5u);
}

}  // namespace
}  // namespace symshape::tracer
