// GuardCache: first passing entry wins, misses explain every entry, the size
// bound and both full-cache policies, the shared slot layout, statistics, and
// no allocation on a hit.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "allocation_counter.hpp"
#include "symshape/guards/guard_cache.hpp"
#include "symshape/guards/guard_failure.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

Expr s(int i) { return symbol("s" + std::to_string(i)); }

// Slots for the cache's current layout from (symbol index, value) pairs.
std::vector<int64_t> slots_for(const GuardCache<std::string>& cache, const Assignment& values) {
  return cache.layout().slots_from(values);
}

Assignment sizes(std::initializer_list<std::pair<int, int64_t>> vs) {
  Assignment a;
  for (auto [i, v] : vs) a[s(i)] = v;
  return a;
}

TEST(GuardCache, FirstPassingEntryIsTheHit) {
  GuardCache<std::string> cache;
  auto square = cache.insert({eq(s(0), s(1)), le(integer(2), s(0))}, "square");
  auto wide = cache.insert({le(integer(2), s(0)), le(integer(2), s(1))}, "any");
  ASSERT_TRUE(square.inserted && wide.inserted);
  EXPECT_NE(square.entry_id, wide.entry_id);

  auto hit = cache.lookup(sizes({{0, 8}, {1, 8}}));
  ASSERT_TRUE(hit.hit());
  EXPECT_EQ(*hit.entry, "square");  // both pass; the older entry is first
  EXPECT_EQ(hit.entry_id, square.entry_id);
  EXPECT_TRUE(hit.mismatches.empty());

  hit = cache.lookup(sizes({{0, 8}, {1, 9}}));
  ASSERT_TRUE(hit.hit());
  EXPECT_EQ(*hit.entry, "any");
  EXPECT_EQ(cache.stats().hits, 2u);
  EXPECT_EQ(cache.stats().misses, 0u);
  // Lookup 1 ran 2 guards of entry 1; lookup 2 failed entry 1 at its first
  // guard (the equality is evaluated first) and ran 2 guards of entry 2.
  EXPECT_EQ(cache.stats().guards_checked, 5u);
  EXPECT_EQ(cache.stats().entries_checked, 3u);
  EXPECT_DOUBLE_EQ(cache.stats().guards_checked_per_lookup(), 2.5);
}

TEST(GuardCache, MissExplainsEveryEntry) {
  GuardCache<std::string> cache;
  Expr same = eq(s(0), s(1));
  Expr range = le(s(0), integer(16));
  cache.insert({le(integer(2), s(0)), same}, "a");
  cache.insert({range}, "b");
  std::vector<int64_t> slots = slots_for(cache, sizes({{0, 40}, {1, 5}}));
  auto miss = cache.lookup(slots);
  EXPECT_FALSE(miss.hit());
  ASSERT_EQ(miss.mismatches.size(), 2u);
  EXPECT_EQ(miss.mismatches[0].guard_index, 1u);  // index in entry a's own list
  EXPECT_EQ(miss.mismatches[0].guard, same);
  EXPECT_EQ(miss.mismatches[0].reason, to_sympy(same) + " failed: s0=40, s1=5");
  EXPECT_EQ(miss.mismatches[1].guard, range);
  EXPECT_EQ(miss.mismatches[1].reason, to_sympy(range) + " failed: s0=40");
  std::string text = describe_mismatches(miss.mismatches);
  EXPECT_NE(text.find("entry 1: " + to_sympy(same) + " failed"), std::string::npos) << text;
  EXPECT_NE(text.find("entry 2: " + to_sympy(range) + " failed"), std::string::npos) << text;
  EXPECT_EQ(cache.stats().misses, 1u);
}

TEST(GuardCache, ErrorsAreMissesWithTheirKind) {
  GuardCache<std::string> cache;
  Expr g = eq(floordiv(s(0), s(1)), integer(2));
  cache.insert({g}, "div");
  auto miss = cache.lookup(sizes({{0, 4}, {1, 0}}));
  ASSERT_FALSE(miss.hit());
  ASSERT_EQ(miss.mismatches.size(), 1u);
  EXPECT_EQ(miss.mismatches[0].result.status, GuardStatus::Error);
  EXPECT_EQ(miss.mismatches[0].reason, to_sympy(g) + " failed (division by zero): s0=4, s1=0");
}

TEST(GuardCache, SharedLayoutGrowsWithoutMovingSlots) {
  GuardCache<std::string> cache;
  cache.insert({eq(s(1), integer(3))}, "first");
  ASSERT_EQ(cache.layout().size(), 1u);
  cache.insert({eq(s(0), integer(4)), eq(s(1), integer(5))}, "second");
  ASSERT_EQ(cache.layout().size(), 2u);
  EXPECT_EQ(cache.layout().slot_of(s(1)), 0u);  // unchanged by the second insert
  EXPECT_EQ(cache.layout().slot_of(s(0)), 1u);
  EXPECT_EQ(*cache.lookup(std::vector<int64_t>{3, 0}).entry, "first");
  EXPECT_EQ(*cache.lookup(std::vector<int64_t>{5, 4}).entry, "second");
  EXPECT_FALSE(cache.lookup(std::vector<int64_t>{5, 3}).hit());
  EXPECT_THROW(cache.lookup(std::vector<int64_t>{3}), InvalidArgumentError);
  EXPECT_THROW(cache.lookup(sizes({{1, 3}})), UnboundSymbolError);
}

TEST(GuardCache, FullCacheEvictsLeastRecentlyUsed) {
  GuardCache<std::string> cache(2);
  auto a = cache.insert({eq(s(0), integer(1))}, "one");
  auto b = cache.insert({eq(s(0), integer(2))}, "two");
  ASSERT_TRUE(cache.lookup(std::vector<int64_t>{1}).hit());  // "one" is now the most recent
  auto c = cache.insert({eq(s(0), integer(3))}, "three");
  ASSERT_TRUE(c.inserted);
  ASSERT_TRUE(c.evicted_id.has_value());
  EXPECT_EQ(*c.evicted_id, b.entry_id);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.find(b.entry_id), nullptr);
  EXPECT_FALSE(cache.lookup(std::vector<int64_t>{2}).hit());
  EXPECT_EQ(*cache.lookup(std::vector<int64_t>{3}).entry, "three");
  // Now "one" is the least recent.
  auto d = cache.insert({eq(s(0), integer(4))}, "four");
  EXPECT_EQ(*d.evicted_id, a.entry_id);
  EXPECT_EQ(cache.stats().evictions, 2u);
  EXPECT_EQ(cache.stats().inserts, 4u);
}

TEST(GuardCache, RefusePolicyKeepsExistingEntries) {
  GuardCache<std::string> cache(1, CacheFullPolicy::Refuse);
  ASSERT_TRUE(cache.insert({eq(s(0), integer(1))}, "one").inserted);
  auto refused = cache.insert({eq(s(0), integer(2))}, "two");
  EXPECT_FALSE(refused.inserted);
  EXPECT_FALSE(refused.evicted_id.has_value());
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_TRUE(cache.lookup(std::vector<int64_t>{1}).hit());
  EXPECT_EQ(cache.stats().refused_inserts, 1u);
  EXPECT_THROW(GuardCache<std::string>(0), InvalidArgumentError);
}

TEST(GuardCache, EraseAndStatsText) {
  GuardCache<int> cache;
  auto a = cache.insert({le(integer(2), s(0))}, 7);
  EXPECT_EQ(*cache.find(a.entry_id), 7);
  ASSERT_NE(cache.program(a.entry_id), nullptr);
  EXPECT_EQ(cache.program(a.entry_id)->guard_count(), 1u);
  cache.lookup(std::vector<int64_t>{3});
  cache.lookup(std::vector<int64_t>{1});
  std::string text = cache.stats().to_string();
  EXPECT_NE(text.find("lookups=2 hits=1 misses=1"), std::string::npos) << text;
  EXPECT_TRUE(cache.erase(a.entry_id));
  EXPECT_FALSE(cache.erase(a.entry_id));
  EXPECT_FALSE(cache.lookup(std::vector<int64_t>{3}).hit());
  cache.reset_stats();
  EXPECT_EQ(cache.stats().lookups, 0u);
}

TEST(GuardCache, HitAllocatesNothing) {
  GuardCache<std::string> cache;
  cache.insert({eq(s(0), integer(1)), le(s(1), integer(100))}, "small");
  cache.insert({le(integer(2), s(0)), eq(mod(s(0) * s(1), integer(8)), integer(0))}, "aligned");
  std::vector<int64_t> second_entry_hit = slots_for(cache, sizes({{0, 4}, {1, 6}}));
  std::vector<int64_t> first_entry_hit = slots_for(cache, sizes({{0, 1}, {1, 6}}));
  size_t before = testing::allocation_count();
  int hits = 0;
  for (int i = 0; i < 100; ++i) {
    hits += cache.lookup(second_entry_hit).hit();
    hits += cache.lookup(first_entry_hit).hit();
  }
  EXPECT_EQ(testing::allocation_count(), before);
  EXPECT_EQ(hits, 200);
}

}  // namespace
}  // namespace symshape
