// GuardCache under concurrency: 8 lookup threads while one thread installs,
// evicts and erases entries. Every lookup's answer must be one some installed
// entry could give (a hit only on an entry whose guards pass at those sizes, a
// mismatch only for a guard that fails there), and the statistics must add up
// to what the threads did. Built under ThreadSanitizer in CI (.ci/run), where
// any data race fails the test; without TSan it still checks the answers.
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "symshape/guards/guard_cache.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"

namespace symshape {
namespace {

constexpr int kLookupThreads = 8;
constexpr int kLookupsPerThread = 3000;
constexpr int kInstalls = 400;
constexpr int kGuardSets = 12;
constexpr int64_t kPointRange = 24;  // probe sizes s0, s1 in [0, kPointRange)

Expr s0() { return symbol("s0"); }
Expr s1() { return symbol("s1"); }

// Guard set k: a lower bound, a divisibility, a relation between the two
// sizes, and (for some k) a division by s1 that raises at s1 = 0, so errors
// are misses too. Every set uses both symbols: the layout is fixed after the
// first insert, so lookup threads can keep one slot array.
std::vector<Expr> guard_set(int k) {
  std::vector<Expr> g = {le(integer(k % 4), s0()), eq(mod(s0(), integer(k % 3 + 1)), integer(0)),
                         le(s1(), s0() + integer(k))};
  if (k % 2 == 1) g.push_back(le(floordiv(s0(), s1()), integer(k)));
  return g;
}

// The entry payload: the set's index, repeated, in heap memory, so a read of
// an entry freed too early is a use after free under ASan and a race under TSan.
struct Payload {
  std::vector<int> k;
};
Payload payload(int k) { return {std::vector<int>(16, k)}; }

// What a guard does at a point, by tree evaluation (independent of GuardProgram).
bool holds(Expr guard, int64_t a, int64_t b) {
  try {
    return evaluate_bool(guard, Assignment{{s0(), a}, {s1(), b}});
  } catch (const OverflowError&) {
    return false;
  } catch (const DivisionByZeroError&) {
    return false;  // raising fails the guard
  }
}

bool set_passes(int k, int64_t a, int64_t b) {
  for (Expr g : guard_set(k)) {
    if (!holds(g, a, b)) return false;
  }
  return true;
}

TEST(GuardCacheConcurrency, LookupsWhileInstallingAndEvicting) {
  GuardCache<Payload> cache(4);
  // Fixes the layout (s0, s1) before any lookup thread starts.
  ASSERT_TRUE(cache.insert(guard_set(0), payload(0)).inserted);
  ASSERT_EQ(cache.layout().size(), 2u);
  const uint32_t slot0 = *cache.layout().slot_of(s0()), slot1 = *cache.layout().slot_of(s1());

  // passes[k][a][b], computed before the threads start.
  std::vector<std::vector<std::vector<bool>>> passes(kGuardSets);
  for (int k = 0; k < kGuardSets; ++k) {
    passes[k].assign(kPointRange, std::vector<bool>(kPointRange));
    for (int64_t a = 0; a < kPointRange; ++a) {
      for (int64_t b = 0; b < kPointRange; ++b) passes[k][a][b] = set_passes(k, a, b);
    }
  }

  std::atomic<bool> installer_done{false};
  uint64_t inserted = 1, evicted = 0, erased = 0;
  std::thread installer([&] {
    std::vector<uint64_t> live;
    for (int i = 1; i <= kInstalls; ++i) {
      auto r = cache.insert(guard_set(i % kGuardSets), payload(i % kGuardSets));
      if (!r.inserted) continue;
      ++inserted;
      if (r.evicted_id) ++evicted;
      if (i % 5 == 0 && cache.erase(r.entry_id)) ++erased;  // erase the newest now and then
      if (i % 7 == 0) std::this_thread::yield();
    }
    installer_done = true;
  });

  struct ThreadResult {
    uint64_t lookups = 0, hits = 0, misses = 0;
    std::vector<std::string> errors;
  };
  std::vector<ThreadResult> results(kLookupThreads);
  std::vector<std::thread> readers;
  for (int t = 0; t < kLookupThreads; ++t) {
    readers.emplace_back([&, t] {
      ThreadResult& out = results[t];
      std::vector<int64_t> slots(2);
      auto fail = [&](std::string what) {
        if (out.errors.size() < 5) out.errors.push_back(std::move(what));
      };
      // Runs at least kLookupsPerThread lookups and then on until the
      // installer is done, so every install overlaps lookups.
      for (int i = 0; i < kLookupsPerThread || !installer_done; ++i) {
        const int64_t a = (i * 7 + t * 3) % kPointRange, b = (i * 5 + t) % kPointRange;
        slots[slot0] = a;
        slots[slot1] = b;
        auto found = cache.lookup(slots);
        ++out.lookups;
        const std::string at = " at s0=" + std::to_string(a) + ", s1=" + std::to_string(b);
        if (found.hit()) {
          ++out.hits;
          const int k = found.entry->k.front();
          if (found.entry->k != std::vector<int>(16, k)) fail("torn payload" + at);
          if (k < 0 || k >= kGuardSets || !passes[k][a][b]) fail("hit on set " + std::to_string(k) + at);
          if (!found.mismatches.empty()) fail("a hit with mismatches" + at);
        } else {
          ++out.misses;
          for (const EntryMismatch& m : found.mismatches) {
            if (m.result.passed() || holds(m.guard, a, b)) fail("mismatch on a passing guard" + at);
          }
        }
      }
    });
  }
  installer.join();
  for (std::thread& r : readers) r.join();

  uint64_t lookups = 0, hits = 0, misses = 0;
  for (const ThreadResult& r : results) {
    for (const std::string& e : r.errors) ADD_FAILURE() << e;
    lookups += r.lookups;
    hits += r.hits;
    misses += r.misses;
  }
  // Both outcomes were exercised.
  EXPECT_GT(hits, 0u);
  EXPECT_GT(misses, 0u);
  const GuardCacheStats stats = cache.stats();
  EXPECT_EQ(stats.lookups, lookups);
  EXPECT_EQ(stats.hits, hits);
  EXPECT_EQ(stats.misses, misses);
  EXPECT_EQ(stats.inserts, inserted);
  EXPECT_EQ(stats.evictions, evicted);
  EXPECT_GT(evicted, 0u);
  EXPECT_EQ(cache.size(), inserted - evicted - erased);
  EXPECT_GE(stats.entries_checked, hits);
}

// A Lookup keeps its entry alive: erasing (or evicting) it does not free the
// payload the caller is still reading.
TEST(GuardCacheConcurrency, HitOutlivesErase) {
  GuardCache<Payload> cache(1);
  auto a = cache.insert(guard_set(0), payload(7));
  auto found = cache.lookup(cache.slots_from({{s0(), 4}, {s1(), 2}}));
  ASSERT_TRUE(found.hit());
  ASSERT_TRUE(cache.erase(a.entry_id));
  cache.insert(guard_set(1), payload(1));
  EXPECT_EQ(found.entry->k, std::vector<int>(16, 7));
}

// More threads than GuardCache keeps per-thread state for, all alive at once:
// the ones beyond share the overflow slot (register files made per check,
// shared counters) and still get the right answers and counts.
TEST(GuardCacheConcurrency, MoreThreadsThanThreadSlots) {
  constexpr int kThreads = static_cast<int>(kThreadSlots) + 6;
  GuardCache<Payload> cache;
  cache.insert(guard_set(2), payload(2));
  const std::vector<int64_t> hit = cache.slots_from({{s0(), 6}, {s1(), 3}});
  const std::vector<int64_t> miss = cache.slots_from({{s0(), 5}, {s1(), 3}});
  ASSERT_TRUE(set_passes(2, 6, 3));
  ASSERT_FALSE(set_passes(2, 5, 3));
  std::barrier all_started(kThreads);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      all_started.arrive_and_wait();  // every thread holds its slot from here on
      for (int i = 0; i < 20; ++i) {
        if (!cache.lookup(hit).hit()) ++wrong;
        if (cache.lookup(miss).hit()) ++wrong;
      }
      all_started.arrive_and_wait();
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(cache.stats().lookups, uint64_t{kThreads} * 40);
  EXPECT_EQ(cache.stats().hits, uint64_t{kThreads} * 20);
}

}  // namespace
}  // namespace symshape
