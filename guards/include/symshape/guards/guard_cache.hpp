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
// recompilation reason. A hit builds no text and allocates nothing.
//
// Size bound: at most `max_entries` entries (default 8, PyTorch's
// cache_size_limit). Inserting into a full cache either evicts the least
// recently used entry (hit or inserted longest ago; ties by insertion order) -
// the default - or refuses the insert (PyTorch's behavior at the limit: stop
// compiling and run the frame uncompiled); see CacheFullPolicy.
//
// Not thread-safe (lookup updates statistics and recency).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "symshape/guards/guard_program.hpp"
#include "symshape/guards/guard_result.hpp"
#include "symshape/guards/slot_layout.hpp"
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

template <class Entry>
class GuardCache {
 public:
  struct Lookup {
    Entry* entry = nullptr;  // the hit; valid until the next insert
    uint64_t entry_id = 0;
    std::vector<EntryMismatch> mismatches;  // on a miss: one per entry, in lookup order

    bool hit() const { return entry != nullptr; }
  };

  struct Insert {
    bool inserted = false;
    uint64_t entry_id = 0;                // when inserted
    std::optional<uint64_t> evicted_id;  // the entry that made room
  };

  explicit GuardCache(size_t max_entries = 8, CacheFullPolicy policy = CacheFullPolicy::EvictLeastRecentlyUsed)
      : max_entries_(max_entries), policy_(policy) {
    if (max_entries == 0) throw InvalidArgumentError("GuardCache: max_entries must be positive");
  }

  // Compiles `guards` and adds an entry (see the policy above when full).
  Insert insert(std::vector<Expr> guards, Entry entry) {
    if (entries_.size() >= max_entries_ && policy_ == CacheFullPolicy::Refuse) {
      ++stats_.refused_inserts;
      return {};
    }
    layout_.add_symbols_of(guards);
    GuardProgram program(std::move(guards), layout_);
    Insert result;
    if (entries_.size() >= max_entries_) result.evicted_id = evict_least_recently_used();
    result.inserted = true;
    result.entry_id = next_id_++;
    entries_.push_back(Slot{result.entry_id, ++clock_, std::move(program), std::move(entry)});
    ++stats_.inserts;
    return result;
  }

  // `slots` laid out by `layout()`, at least layout().size() values.
  Lookup lookup(std::span<const int64_t> slots) {
    if (slots.size() < layout_.size()) throw InvalidArgumentError("GuardCache::lookup: too few slots");
    ++stats_.lookups;
    Lookup out;
    for (size_t i = 0; i < entries_.size(); ++i) {
      Slot& s = entries_[i];
      GuardResult r = s.program.check(slots);
      ++stats_.entries_checked;
      stats_.guards_checked += r.guards_checked;
      if (r.passed()) {
        ++stats_.hits;
        s.last_used = ++clock_;
        out.entry = &s.entry;
        out.entry_id = s.id;
        return out;
      }
    }
    ++stats_.misses;
    // Re-running the (deterministic) programs here keeps the hit path free of
    // allocation; a miss leads to a recompilation, which dwarfs this.
    for (const Slot& s : entries_) {
      out.mismatches.push_back(make_entry_mismatch(s.id, s.program, s.program.check(slots), layout_, slots));
    }
    return out;
  }

  // Convenience: fills a slot array from `sizes` (allocates; UnboundSymbolError
  // when a symbol of the layout has no value).
  Lookup lookup(const Assignment& sizes) { return lookup(std::span<const int64_t>(layout_.slots_from(sizes))); }

  bool erase(uint64_t entry_id) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->id == entry_id) {
        entries_.erase(it);
        return true;
      }
    }
    return false;
  }

  Entry* find(uint64_t entry_id) {
    for (Slot& s : entries_) {
      if (s.id == entry_id) return &s.entry;
    }
    return nullptr;
  }
  const GuardProgram* program(uint64_t entry_id) const {
    for (const Slot& s : entries_) {
      if (s.id == entry_id) return &s.program;
    }
    return nullptr;
  }

  size_t size() const { return entries_.size(); }
  size_t max_entries() const { return max_entries_; }
  CacheFullPolicy policy() const { return policy_; }
  const SlotLayout& layout() const { return layout_; }
  const GuardCacheStats& stats() const { return stats_; }
  void reset_stats() { stats_ = {}; }

 private:
  struct Slot {
    uint64_t id;
    uint64_t last_used;  // clock at insertion or last hit
    GuardProgram program;
    Entry entry;
  };

  uint64_t evict_least_recently_used() {
    size_t victim = 0;
    for (size_t i = 1; i < entries_.size(); ++i) {
      if (entries_[i].last_used < entries_[victim].last_used) victim = i;
    }
    uint64_t id = entries_[victim].id;
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(victim));
    ++stats_.evictions;
    return id;
  }

  size_t max_entries_;
  CacheFullPolicy policy_;
  SlotLayout layout_;
  std::vector<Slot> entries_;  // insertion order = lookup order
  GuardCacheStats stats_;
  uint64_t next_id_ = 1;
  uint64_t clock_ = 0;
};

}  // namespace symshape
