// Min / Max: flattening, dedupe, constant folding, offset dominance.
#include <gtest/gtest.h>

#include "build_test_util.hpp"
#include "symshape/symbolic/errors.hpp"

namespace symshape {
namespace {

using namespace build_test;
using K = ExprKind;

TEST(BuildMinMax, Table) {
  struct Case { Expr got, want; const char* what; };
  const Case cases[] = {
      {max(I(1), I(5)), I(5), "fold"},
      {min(I(1), I(5)), I(1), "fold"},
      {max(s0, s0), s0, "dedupe to one"},
      {min(std::vector<Expr>{s0}), s0, "single argument"},
      {max(s1, s0), R(K::Max, {s0, s1}), "sorted"},
      {max(I(1), s0), R(K::Max, {I(1), s0}), "constant first"},
      {max(max(s0, I(1)), max(s1, I(3))), R(K::Max, {I(3), s0, s1}), "flattened, constants folded"},
      {min(min(s0, s1), s0), R(K::Min, {s0, s1}), "flattened, deduped"},
      {max(s0, s0 + I(3)), s0 + I(3), "Max(a, a + c)"},
      {min(s0, s0 + I(3)), s0, "Min(a, a + c)"},
      {max(s0 - I(2), s0 + I(1)), s0 + I(1), "both offset"},
      {max(std::vector<Expr>{s0 + I(1), s1, s0 - I(4)}), R(K::Max, {s1, s0 + I(1)}), "offset groups"},
      {min(s0 + s1 + I(2), s1 + s0), s0 + s1, "offset of a sum"},
      {max(s0, 2 * s0), R(K::Max, {s0, 2 * s0}), "different bases kept"},
      {max(min(s0, s1), s2), R(K::Max, {s2, R(K::Min, {s0, s1})}), "different kinds not flattened"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.got, c.want) << c.what;
}

TEST(BuildMinMax, Errors) {
  EXPECT_THROW(max(std::vector<Expr>{}), UnsupportedError);
  EXPECT_THROW(min(s0, eq(s0, s1)), UnsupportedError);
}

}  // namespace
}  // namespace symshape
