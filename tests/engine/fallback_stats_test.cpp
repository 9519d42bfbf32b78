// fallback_stats.hpp: every silent fallback site has its own name and counter.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "symshape/engine/fallback_stats.hpp"

namespace symshape {
namespace {

TEST(FallbackStats, EverySiteHasItsOwnNameAndCounter) {
  std::set<std::string> names;
  for (int i = 0; i < static_cast<int>(Fallback::Count); ++i) {
    const std::string name = fallback_name(static_cast<Fallback>(i));
    EXPECT_NE(name, "?") << i;
    EXPECT_TRUE(names.insert(name).second) << "duplicate name " << name;
  }
  reset_fallback_counts();
  EXPECT_EQ(total_fallbacks(), 0u);
  count_fallback(Fallback::Z3Check);
  count_fallback(Fallback::Z3Check);
  count_fallback(Fallback::WitnessEvaluation);
  EXPECT_EQ(fallback_count(Fallback::Z3Check), 2u);
  EXPECT_EQ(fallback_count(Fallback::WitnessEvaluation), 1u);
  EXPECT_EQ(fallback_count(Fallback::AtomInterval), 0u);
  EXPECT_EQ(total_fallbacks(), 3u);
  reset_fallback_counts();
  EXPECT_EQ(total_fallbacks(), 0u);
}

}  // namespace
}  // namespace symshape
