// GuardCache<Entry>: compiled code (an `Entry`) keyed by guard sets, like
// TorchDynamo's per-frame cache.
//
// Slots: all entries of one cache share one SlotLayout (`layout()`). Inserting
// an entry appends its new symbols to the layout; existing slots never move, so
// programs compiled earlier stay valid. Callers fill a slot array laid out by
// `layout()` (re-read it after an insert) or pass an Assignment.
//
// Lookup: entries are tried in insertion order (oldest first) and the first
// whose guards all pass is a hit. A miss lists, for every entry, the guard that
// failed and the values involved (`Eq(s0, s1) failed: s0=4, s1=5`): the
// recompilation reason. A hit builds no text and allocates nothing (once the
// calling thread has a register file for each entry it checked: made on its
// first check of that entry, or with the entry when that thread inserted it).
//
// Size bound: at most `max_entries` entries (default 8, PyTorch's
// cache_size_limit). Inserting into a full cache either evicts the least
// recently used entry (hit or inserted longest ago, counted in inserts: see
// "Recency" below; ties by insertion order) -
// the default - or refuses the insert (PyTorch's behavior at the limit: stop
// compiling and run the frame uncompiled); see CacheFullPolicy.
//
// Thread-safe: see the comment above the class.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "symshape/guards/guard_program.hpp"
#include "symshape/guards/guard_result.hpp"
#include "symshape/guards/slot_layout.hpp"
#include "symshape/guards/thread_slot_lock.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape {

enum class CacheFullPolicy : uint8_t { EvictLeastRecentlyUsed, Refuse };

struct GuardCacheStats {
  uint64_t lookups = 0;
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t inserts = 0;
  uint64_t refused_inserts = 0;
  uint64_t evictions = 0;
  uint64_t entries_checked = 0;  // programs run, over all lookups
  uint64_t guards_checked = 0;   // guards evaluated, over all lookups

  double guards_checked_per_lookup() const;
  double entries_checked_per_lookup() const;
  // One line: "lookups=10 hits=8 misses=2 ... guards/lookup=3.2".
  std::string to_string() const;
};

// Why one entry did not match.
struct EntryMismatch {
  uint64_t entry_id = 0;
  uint32_t guard_index = 0;  // in the entry's original guard list
  Expr guard;
  GuardResult result;
  std::string reason;  // `Eq(s0, s1) failed: s0=4, s1=5`
};

EntryMismatch make_entry_mismatch(uint64_t entry_id, const GuardProgram& program, const GuardResult& result,
                                  const SlotLayout& layout, std::span<const int64_t> slots);
// All reasons, one per line: "entry 3: Eq(s0, s1) failed: s0=4, s1=5".
std::string describe_mismatches(std::span<const EntryMismatch> mismatches);

// Thread safety: every member may be called from several threads at once.
// Lookups (and size, stats, find, program) take a ThreadSlotLock shared: they
// never wait for each other, and a lookup writes only per-thread state (its
// register files, its statistics counters) plus, on a hit, the entry's recency
// stamp (an atomic, stored only when it changes). insert, erase and
// reset_stats are serialized among themselves; insert compiles its program
// while lookups go on and holds the lock exclusively only to publish the entry
// (lookups wait that long; a waiting writer is never starved by lookups).
// The cost a hit pays for this: two atomic adds on its thread's own reader
// counter, and one on the hit entry's reference count (for `hold`; this one is
// shared by all threads hitting that entry). Exceptions, because they hand out
// references into the cache:
//  - layout() is a reference: read it only while no other thread inserts (a
//    single-threaded owner, or after the layout holds every symbol); other
//    threads use slots_from() or lookup(const Assignment&).
//  - find() and program() pointers stay valid until that entry is evicted or
//    erased; a Lookup's `entry` stays valid as long as the Lookup (it holds
//    the entry alive, even past an eviction).
// Recency: a hit stamps its entry with the current install
// count (no shared counter is incremented on a hit, so lookups on different
// threads do not contend), so entries hit since the same insert are equally
// recent and the older of them is evicted first.
template <class Entry>
class GuardCache {
  struct Node;

 public:
  struct Lookup {
    Entry* entry = nullptr;  // the hit; valid while this Lookup (or `hold`) lives
    uint64_t entry_id = 0;
    std::vector<EntryMismatch> mismatches;  // on a miss: one per entry, in lookup order
    std::shared_ptr<const void> hold;       // keeps the hit entry alive after an eviction

    bool hit() const { return entry != nullptr; }
  };

  struct Insert {
    bool inserted = false;
    uint64_t entry_id = 0;                // when inserted
    std::optional<uint64_t> evicted_id;  // the entry that made room
  };

  explicit GuardCache(size_t max_entries = 8, CacheFullPolicy policy = CacheFullPolicy::EvictLeastRecentlyUsed)
      : max_entries_(max_entries), policy_(policy), shards_(new StatShard[kShards]) {
    if (max_entries == 0) throw InvalidArgumentError("GuardCache: max_entries must be positive");
  }
  GuardCache(const GuardCache&) = delete;
  GuardCache& operator=(const GuardCache&) = delete;

  // Compiles `guards` and adds an entry (see the policy above when full).
  Insert insert(std::vector<Expr> guards, Entry entry) {
    std::lock_guard writer(lock_.writers());
    if (entries_.size() >= max_entries_ && policy_ == CacheFullPolicy::Refuse) {
      ExclusiveSlotGuard exclusive(lock_);
      ++refused_inserts_;
      return {};
    }
    // Compiled against a grown copy of the layout while lookups go on (only
    // writers change layout_, and this one holds writers()).
    SlotLayout layout = layout_;
    layout.add_symbols_of(guards);
    auto node = std::make_shared<Node>(GuardProgram(std::move(guards), layout), std::move(entry));
    // The inserting thread's register file is made now: a thread that inserts
    // and then looks up (the common single-threaded use) never allocates on a hit.
    const size_t slot = this_thread_slot();
    if (slot < kThreadSlots) node->registers[slot].emplace(node->program.make_registers());
    Insert result;
    std::shared_ptr<Node> evicted;  // freed after the lock is released
    {
      ExclusiveSlotGuard exclusive(lock_);
      if (entries_.size() >= max_entries_) evicted = evict_least_recently_used();
      result.inserted = true;
      result.entry_id = next_id_++;
      node->id = result.entry_id;
      // Hits after this insert stamp clock_, later than every insertion stamp.
      node->last_used.store(++clock_, std::memory_order_relaxed);
      ++clock_;
      layout_ = std::move(layout);
      entries_.push_back(std::move(node));
      ++inserts_;
    }
    if (evicted) result.evicted_id = evicted->id;
    return result;
  }

  // `slots` laid out by `layout()`, at least layout().size() values.
  Lookup lookup(std::span<const int64_t> slots) {
    SharedSlotGuard lock(lock_);
    if (slots.size() < layout_.size()) throw InvalidArgumentError("GuardCache::lookup: too few slots");
    return lookup_locked(slots, lock.slot());
  }

  // Convenience: fills a slot array from `sizes` (allocates; UnboundSymbolError
  // when a symbol of the layout has no value).
  Lookup lookup(const Assignment& sizes) {
    SharedSlotGuard lock(lock_);
    std::vector<int64_t> slots = layout_.slots_from(sizes);
    return lookup_locked(slots, lock.slot());
  }

  // The slot array for `sizes` under the current layout (see layout()).
  std::vector<int64_t> slots_from(const Assignment& sizes) const {
    SharedSlotGuard lock(lock_);
    return layout_.slots_from(sizes);
  }

  bool erase(uint64_t entry_id) {
    std::lock_guard writer(lock_.writers());
    std::shared_ptr<Node> erased;  // freed after the lock is released
    ExclusiveSlotGuard exclusive(lock_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if ((*it)->id == entry_id) {
        erased = std::move(*it);
        entries_.erase(it);
        return true;
      }
    }
    return false;
  }

  Entry* find(uint64_t entry_id) {
    SharedSlotGuard lock(lock_);
    for (const auto& n : entries_) {
      if (n->id == entry_id) return &n->entry;
    }
    return nullptr;
  }
  const GuardProgram* program(uint64_t entry_id) const {
    SharedSlotGuard lock(lock_);
    for (const auto& n : entries_) {
      if (n->id == entry_id) return &n->program;
    }
    return nullptr;
  }

  size_t size() const {
    SharedSlotGuard lock(lock_);
    return entries_.size();
  }
  size_t max_entries() const { return max_entries_; }
  CacheFullPolicy policy() const { return policy_; }
  const SlotLayout& layout() const { return layout_; }
  // A snapshot: the per-thread counters summed (lookups = hits + misses).
  GuardCacheStats stats() const {
    SharedSlotGuard lock(lock_);
    GuardCacheStats s;
    for (size_t i = 0; i < kShards; ++i) {
      s.hits += shards_[i].hits.load(std::memory_order_relaxed);
      s.misses += shards_[i].misses.load(std::memory_order_relaxed);
      s.entries_checked += shards_[i].entries_checked.load(std::memory_order_relaxed);
      s.guards_checked += shards_[i].guards_checked.load(std::memory_order_relaxed);
    }
    s.lookups = s.hits + s.misses;
    s.inserts = inserts_;
    s.refused_inserts = refused_inserts_;
    s.evictions = evictions_;
    return s;
  }
  void reset_stats() {
    std::lock_guard writer(lock_.writers());
    ExclusiveSlotGuard exclusive(lock_);
    for (size_t i = 0; i < kShards; ++i) shards_[i].clear();
    inserts_ = refused_inserts_ = evictions_ = 0;
  }

 private:
  static constexpr size_t kShards = kThreadSlots + 1;  // + the shared overflow slot's

  struct Node {
    Node(GuardProgram p, Entry e)
        : program(std::move(p)), entry(std::move(e)), registers(new std::optional<GuardProgram::Registers>[kThreadSlots]) {}
    uint64_t id = 0;
    std::atomic<uint64_t> last_used{0};  // clock_ at insertion or last hit
    GuardProgram program;
    Entry entry;
    // One register file per thread slot, made on that thread's first check of
    // this entry (only that thread touches it, so no lock).
    std::unique_ptr<std::optional<GuardProgram::Registers>[]> registers;
  };

  // Counters of one thread slot, on their own cache line. The owning thread
  // is the only writer (the overflow shard excepted), hence load + store
  // instead of a locked read-modify-write; reset_stats and stats() hold the
  // lock exclusively / shared against it.
  struct alignas(64) StatShard {
    std::atomic<uint64_t> hits{0}, misses{0}, entries_checked{0}, guards_checked{0};
    void clear() {
      for (auto* c : {&hits, &misses, &entries_checked, &guards_checked}) c->store(0, std::memory_order_relaxed);
    }
  };

  static void bump(std::atomic<uint64_t>& counter, uint64_t by, bool exclusive) {
    if (exclusive) {
      counter.store(counter.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
    } else {
      counter.fetch_add(by, std::memory_order_relaxed);
    }
  }

  // Runs `node`'s program with the calling thread's register file.
  static GuardResult check(Node& node, std::span<const int64_t> slots, size_t thread_slot) {
    if (thread_slot < kThreadSlots) [[likely]] {
      std::optional<GuardProgram::Registers>& r = node.registers[thread_slot];
      if (!r) r.emplace(node.program.make_registers());
      return node.program.check(slots, *r);
    }
    GuardProgram::Registers r = node.program.make_registers();  // beyond kThreadSlots threads: allocates
    return node.program.check(slots, r);
  }

  // Holds lock_ shared; `thread_slot` is this_thread_slot().
  Lookup lookup_locked(std::span<const int64_t> slots, size_t thread_slot) {
    const bool exclusive = thread_slot < kThreadSlots;
    StatShard& stats = shards_[thread_slot];
    Lookup out;
    uint64_t entries_checked = 0, guards_checked = 0;
    for (const std::shared_ptr<Node>& n : entries_) {
      GuardResult r = check(*n, slots, thread_slot);
      ++entries_checked;
      guards_checked += r.guards_checked;
      if (r.passed()) {
        bump(stats.hits, 1, exclusive);
        bump(stats.entries_checked, entries_checked, exclusive);
        bump(stats.guards_checked, guards_checked, exclusive);
        // Skip the store when already stamped: a hot entry's line stays shared.
        if (n->last_used.load(std::memory_order_relaxed) != clock_) n->last_used.store(clock_, std::memory_order_relaxed);
        out.entry = &n->entry;
        out.entry_id = n->id;
        out.hold = n;
        return out;
      }
    }
    bump(stats.misses, 1, exclusive);
    bump(stats.entries_checked, entries_checked, exclusive);
    bump(stats.guards_checked, guards_checked, exclusive);
    // Re-running the (deterministic) programs here keeps the hit path free of
    // allocation; a miss leads to a recompilation, which dwarfs this.
    for (const std::shared_ptr<Node>& n : entries_) {
      out.mismatches.push_back(make_entry_mismatch(n->id, n->program, check(*n, slots, thread_slot), layout_, slots));
    }
    return out;
  }

  // Holds lock_ exclusively.
  std::shared_ptr<Node> evict_least_recently_used() {
    size_t victim = 0;
    for (size_t i = 1; i < entries_.size(); ++i) {
      if (entries_[i]->last_used.load(std::memory_order_relaxed) <
          entries_[victim]->last_used.load(std::memory_order_relaxed)) {
        victim = i;
      }
    }
    std::shared_ptr<Node> node = std::move(entries_[victim]);
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(victim));
    ++evictions_;
    return node;
  }

  size_t max_entries_;
  CacheFullPolicy policy_;
  mutable ThreadSlotLock lock_;
  SlotLayout layout_;
  std::vector<std::shared_ptr<Node>> entries_;  // insertion order = lookup order
  std::unique_ptr<StatShard[]> shards_;
  uint64_t inserts_ = 0, refused_inserts_ = 0, evictions_ = 0;
  uint64_t next_id_ = 1;
  // Advanced by 2 per insert, only under the exclusive lock; lookups read it
  // under the shared lock. Recency stamps are taken from it.
  uint64_t clock_ = 0;
};

}  // namespace symshape
