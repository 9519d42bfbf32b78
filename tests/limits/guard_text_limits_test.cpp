// Ten megabytes of guard text (200,000 lines) is read, compiled, checked and
// minimized as a whole: every line counted, none lost. Linear time is what
// makes this test finish; it asserts the counts, not the time.
#include <gtest/gtest.h>

#include <string>

#include "symshape/guards/guard_program.hpp"
#include "symshape/guards/guard_reader.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/guards/slot_layout.hpp"

namespace symshape {
namespace {

constexpr int kLines = 200'000;
constexpr int kSymbols = 500;
constexpr int kBounds = 7;  // distinct lower bounds per symbol: s_i >= 0 .. 6

// Line i bounds s(i % kSymbols) from below by i % kBounds, with a comment as
// long as PyTorch's provenance comments; every 1000th line is malformed.
std::string big_guard_text() {
  std::string text;
  text.reserve(static_cast<size_t>(kLines) * 52);
  for (int i = 0; i < kLines; ++i) {
    if (i % 1000 == 999) {
      text += "Eq(s1, \n";
      continue;
    }
    text += "s" + std::to_string(i % kSymbols) + " >= " + std::to_string(i % kBounds) +
            "  # _dynamo/variables/builder.py:1234 in wrap\n";
  }
  return text;
}

TEST(GuardTextLimits, TwoHundredThousandLinesAreAllAccounted) {
  const std::string text = big_guard_text();
  ASSERT_GE(text.size(), 10'000'000u);
  GuardReadResult read = read_guards(text);
  const size_t bad = kLines / 1000;
  EXPECT_EQ(read.errors.size(), bad);
  EXPECT_EQ(read.guards.size(), kLines - bad);
  EXPECT_EQ(read.errors.front().line, 1000);
  EXPECT_EQ(read.errors.back().line, kLines);

  const std::vector<Expr> exprs = read.guards.exprs();
  const SlotLayout layout = SlotLayout::for_guards(exprs);
  const GuardProgram program(exprs, layout);
  Assignment at;
  for (int s = 0; s < kSymbols; ++s) at[symbol("s" + std::to_string(s))] = kBounds - 1;
  EXPECT_TRUE(program.check(layout.slots_from(at)).passed());
  at[symbol("s7")] = kBounds - 2;  // s7 >= 6 appears (kSymbols and kBounds are coprime)
  EXPECT_FALSE(program.check(layout.slots_from(at)).passed());

  // Per symbol only the strongest bound survives (s_i >= 0 is the domain).
  MinimizeResult result = minimize(read.guards);
  ASSERT_FALSE(result.contradiction);
  EXPECT_EQ(result.stats.input, read.guards.size());
  EXPECT_EQ(result.kept.size(), static_cast<size_t>(kSymbols));
  EXPECT_EQ(result.kept.size() + result.dropped.size(), read.guards.size());
}

}  // namespace
}  // namespace symshape
