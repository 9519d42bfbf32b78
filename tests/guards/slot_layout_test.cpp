// SlotLayout: deterministic symbol order, append-only growth, slot arrays.
#include <gtest/gtest.h>

#include <vector>

#include "symshape/guards/slot_layout.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"

namespace symshape {
namespace {

TEST(SlotLayout, SortsSymbolsNumericallyAndAppendsNewOnes) {
  Expr s2 = symbol("s2"), s10 = symbol("s10"), s1 = symbol("s1"), u0 = symbol("u0");
  // Given in an order unlike the sorted one, spread over two guards.
  SlotLayout layout = SlotLayout::for_guards(std::vector<Expr>{eq(s10, integer(3)), le(s2, s10)});
  ASSERT_EQ(layout.size(), 2u);
  EXPECT_EQ(layout.symbols()[0], s2);  // s2 before s10: digits compare as numbers
  EXPECT_EQ(layout.symbols()[1], s10);
  EXPECT_EQ(layout.add_symbols_of(std::vector<Expr>{eq(u0, s1), le(s2, s1)}), 2u);
  EXPECT_EQ(layout.slot_of(s2), 0u);  // existing slots never move
  EXPECT_EQ(layout.slot_of(s10), 1u);
  EXPECT_EQ(layout.slot_of(s1), 2u);  // new ones sorted among themselves
  EXPECT_EQ(layout.slot_of(u0), 3u);
  EXPECT_EQ(layout.add_symbol(s1), 2u);  // already there
  EXPECT_EQ(layout.size(), 4u);
  EXPECT_FALSE(layout.slot_of(symbol("s99")).has_value());
  EXPECT_THROW(layout.require_slot(symbol("s99")), UnboundSymbolError);
  EXPECT_THROW(layout.add_symbol(integer(1)), InvalidArgumentError);
}

TEST(SlotLayout, SlotArraysRoundTrip) {
  Expr a = symbol("s0"), b = symbol("s1");
  SlotLayout layout = SlotLayout::for_guards(std::vector<Expr>{eq(b, a)});
  Assignment values{{a, 4}, {b, -7}, {symbol("s5"), 1}};  // extra bindings are ignored
  std::vector<int64_t> slots = layout.slots_from(values);
  EXPECT_EQ(slots, (std::vector<int64_t>{4, -7}));
  Assignment back = layout.assignment_from(slots);
  EXPECT_EQ(back.size(), 2u);
  EXPECT_EQ(back.at(a), 4);
  EXPECT_EQ(back.at(b), -7);
  EXPECT_THROW(layout.slots_from(Assignment{{a, 1}}), UnboundSymbolError);
  std::vector<int64_t> small(1);
  EXPECT_THROW(layout.fill_slots(values, small), InvalidArgumentError);
}

}  // namespace
}  // namespace symshape
