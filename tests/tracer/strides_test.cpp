// strides.hpp: PyTorch's stride rules, checked against strides PyTorch prints.
#include "symshape/tracer/strides.hpp"

#include <gtest/gtest.h>

#include "tracer_op_test.hpp"

namespace symshape::tracer {
namespace {

using namespace testing;

TEST(Strides, ContiguousUsesMaxOfSizeAndOne) {
  const Expr s0 = symbol("s0");
  EXPECT_EQ(show(contiguous_strides(std::vector<Expr>{integer(2), integer(0), integer(5)})), "[5, 5, 1]");
  EXPECT_EQ(show(contiguous_strides(std::vector<Expr>{integer(2), s0, integer(5)})), "[5*Max(1, s0), 5, 1]");
  OpHarness h;
  const Expr x0 = h.size("x.size()[0]", 8);
  OpContext ctx = h.context();
  EXPECT_EQ(show(contiguous_strides(ctx, std::vector<Expr>{integer(2), x0, integer(5)})), "[5*s0, 5, 1]")
      << "a backed size is >= 2, so the Max simplifies away";
  EXPECT_EQ(show(contiguous_strides(ctx, std::vector<Expr>{})), "[]");
}

TEST(Strides, ChannelsLast) {
  OpHarness h;
  const Expr n = h.size("x.size()[0]", 8);
  OpContext ctx = h.context();
  const std::vector<Expr> sizes{n, integer(3), integer(5), integer(7)};
  EXPECT_EQ(show(channels_last_strides(ctx, sizes)), "[105, 1, 21, 3]");
  EXPECT_EQ(show(strides_for(ctx, MemoryFormat::ChannelsLast3d,
                             std::vector<Expr>{n, integer(2), integer(3), integer(4), integer(5)})),
            "[120, 1, 40, 10, 2]");
  EXPECT_THROW(strides_for(ctx, MemoryFormat::ChannelsLast, std::vector<Expr>{n, integer(3)}), OpError);
  EXPECT_TRUE(is_channels_last_contiguous(ctx, sizes, channels_last_strides(ctx, sizes)));
  EXPECT_FALSE(is_contiguous(ctx, sizes, channels_last_strides(ctx, sizes)));
}

TEST(Strides, Permuted) {
  const std::vector<Expr> v{integer(10), integer(20), integer(30)};
  const std::vector<int64_t> p{2, 0, 1};
  EXPECT_EQ(show(permuted(v, p)), "[30, 10, 20]");
}

TEST(Strides, ExpandGivesZeroStrideAndChecksSize) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  OpContext ctx = h.context("aten.expand.default", {}, {}, "expand");
  const std::vector<Expr> old_sizes{integer(1), integer(3)}, old_strides{integer(3), integer(1)};
  EXPECT_EQ(show(expanded_strides(ctx, old_sizes, old_strides, std::vector<Expr>{integer(1), s0, integer(3)})),
            "[0, 0, 1]");
  EXPECT_EQ(show(expanded_strides(ctx, old_sizes, old_strides, std::vector<Expr>{integer(1), integer(1), integer(3)})),
            "[3, 3, 1]") << "a new size-1 dimension gets the stride a contiguous layout gives";
  EXPECT_THROW(expanded_strides(ctx, old_sizes, old_strides, std::vector<Expr>{s0, integer(4)}), OpError);
}

TEST(Strides, ViewSplitsAndMergesContiguousChunks) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  OpContext ctx = h.context("aten.view.default", {}, {}, "view");
  const std::vector<Expr> sizes{s0, integer(6)}, strides{integer(6), integer(1)};
  auto split = view_strides(ctx, sizes, strides, std::vector<Expr>{s0, integer(2), integer(3)});
  ASSERT_TRUE(split);
  EXPECT_EQ(show(*split), "[6, 3, 1]");
  // The transpose of a contiguous [s0, 6] cannot be flattened without a copy.
  const std::vector<Expr> t_sizes{integer(6), s0}, t_strides{integer(1), integer(6)};
  EXPECT_FALSE(view_strides(ctx, t_sizes, t_strides, std::vector<Expr>{6 * s0}));
  // ... but its dimensions can be split, each inside its own chunk.
  auto t_split = view_strides(ctx, t_sizes, t_strides, std::vector<Expr>{integer(2), integer(3), s0});
  ASSERT_TRUE(t_split);
  EXPECT_EQ(show(*t_split), "[3, 1, 6]");
  // A size-1 dimension's stride does not break a chunk.
  const std::vector<Expr> one_sizes{s0, integer(1), integer(4)}, one_strides{integer(4), integer(99), integer(1)};
  auto merged = view_strides(ctx, one_sizes, one_strides, std::vector<Expr>{4 * s0});
  ASSERT_TRUE(merged);
  EXPECT_EQ(show(*merged), "[1]");
  EXPECT_TRUE(h.guards_of("view").empty()) << "every question here is decided by the ranges";
}

TEST(Strides, ViewGuardsWhereSizesAreOnlyKnownAtTheHint) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 4);
  const Expr s1 = h.size("x.stride()[0]", 4);
  OpContext ctx = h.context("aten.view.default", {}, {}, "view");
  // [s0, 4] with strides [s1, 1], flattened: PyTorch's chunk test compares the
  // stride s1 with 4 * 1, which only the hints decide: a guard Eq(s1, 4).
  auto r = view_strides(ctx, std::vector<Expr>{s0, integer(4)}, std::vector<Expr>{s1, integer(1)},
                        std::vector<Expr>{4 * s0});
  ASSERT_TRUE(r);
  EXPECT_EQ(show(*r), "[1]");
  EXPECT_EQ(h.guard_texts("view"), std::vector<std::string>{"Eq(s1, 4)"});
  // A transpose cannot be flattened; the ranges decide it, no guard.
  EXPECT_FALSE(view_strides(ctx, std::vector<Expr>{s0, integer(3)}, std::vector<Expr>{integer(1), s0},
                            std::vector<Expr>{3 * s0}));
  EXPECT_EQ(h.guards_of("view").size(), 1u);
}

TEST(Strides, ElementwiseOutputFollowsInputs) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  OpContext ctx = h.context("aten.add.Tensor", {}, {}, "add");
  const std::vector<Expr> out{s0, integer(3), integer(5), integer(7)};
  const std::vector<std::vector<Expr>> cl_sizes{out};
  const std::vector<std::vector<Expr>> cl_strides{{105 * integer(1), integer(1), integer(21), integer(3)}};
  EXPECT_EQ(show(elementwise_strides(ctx, out, cl_sizes, cl_strides)), "[105, 1, 21, 3]") << "channels-last in";
  // A permuted (transposed) input: [3, s0] with strides [1, 3].
  const std::vector<Expr> t_out{integer(3), s0};
  const std::vector<std::vector<Expr>> t_sizes{t_out};
  const std::vector<std::vector<Expr>> t_strides{{integer(1), integer(3)}};
  EXPECT_EQ(show(elementwise_strides(ctx, t_out, t_sizes, t_strides)), "[1, 3]");
  // A contiguous [s0, 1] broadcast against a contiguous [2]: contiguous out.
  const std::vector<Expr> b_out{s0, integer(2)};
  const std::vector<std::vector<Expr>> b_sizes{{s0, integer(1)}, {integer(2)}};
  const std::vector<std::vector<Expr>> b_strides{{integer(1), integer(1)}, {integer(1)}};
  EXPECT_EQ(show(elementwise_strides(ctx, b_out, b_sizes, b_strides)), "[2, 1]");
  // An expanded input (stride 0) does not decide the order; the other does.
  const std::vector<std::vector<Expr>> e_sizes{t_out, t_out};
  const std::vector<std::vector<Expr>> e_strides{{integer(0), integer(0)}, {integer(1), integer(3)}};
  EXPECT_EQ(show(elementwise_strides(ctx, t_out, e_sizes, e_strides)), "[1, 3]");
  // Only expanded inputs: contiguous.
  const std::vector<std::vector<Expr>> z_strides{{integer(0), integer(1)}};
  EXPECT_EQ(show(elementwise_strides(ctx, t_out, t_sizes, z_strides)), "[s0, 1]");
}

}  // namespace
}  // namespace symshape::tracer
