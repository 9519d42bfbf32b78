// Per-thread slots and a reader-writer lock built on them, for GuardCache.
//
// Why not std::shared_mutex: its readers all increment one shared counter, so
// lookups on many threads contend on one cache line, and glibc's rwlock
// prefers readers, so a steady stream of lookups starves an insert forever
// (measured: 8 lookup threads kept an installer waiting for minutes).
// ThreadSlotLock gives each thread slot its own reader counter on its own
// cache line (a read lock touches only memory its thread owns) and makes
// readers step aside while a writer is waiting (writers cannot starve).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>

namespace symshape {

// A small index identifying the calling thread among the threads alive now:
// unique among them, reused after a thread exits, below kThreadSlots for the
// first kThreadSlots concurrent threads; later ones all get kThreadSlots (the
// shared overflow slot). State indexed by a slot below kThreadSlots is touched
// only by its thread. Allocation-free.
inline constexpr size_t kThreadSlots = 64;
size_t this_thread_slot();

class ThreadSlotLock {
 public:
  // Readers: `slot` is this_thread_slot(). Not reentrant (a nested read lock
  // would wait for a writer that waits for the outer one).
  void lock_shared(size_t slot) {
    std::atomic<uint32_t>& mine = readers_[slot].count;
    for (;;) {
      // Dekker with writer(): either this reader sees the writer's flag, or
      // the writer sees this count (both sequentially consistent).
      mine.fetch_add(1, std::memory_order_seq_cst);
      if (!writer_.load(std::memory_order_seq_cst)) return;
      mine.fetch_sub(1, std::memory_order_release);
      while (writer_.load(std::memory_order_acquire)) std::this_thread::yield();
    }
  }
  void unlock_shared(size_t slot) { readers_[slot].count.fetch_sub(1, std::memory_order_release); }

  // Writers first take writers() (one writer at a time; while holding it a
  // writer may read the protected state alongside readers), then
  // lock_exclusive() to modify it: that waits until no reader is inside.
  std::mutex& writers() { return writers_; }
  void lock_exclusive() {
    writer_.store(true, std::memory_order_seq_cst);
    for (const Reader& r : readers_) {
      while (r.count.load(std::memory_order_seq_cst) != 0) std::this_thread::yield();
    }
  }
  void unlock_exclusive() { writer_.store(false, std::memory_order_release); }

 private:
  struct alignas(64) Reader {
    std::atomic<uint32_t> count{0};
  };
  std::array<Reader, kThreadSlots + 1> readers_{};  // + the overflow slot
  alignas(64) std::atomic<bool> writer_{false};
  std::mutex writers_;
};

// RAII for the two sides.
class SharedSlotGuard {
 public:
  explicit SharedSlotGuard(ThreadSlotLock& lock) : lock_(lock), slot_(this_thread_slot()) { lock_.lock_shared(slot_); }
  ~SharedSlotGuard() { lock_.unlock_shared(slot_); }
  SharedSlotGuard(const SharedSlotGuard&) = delete;
  SharedSlotGuard& operator=(const SharedSlotGuard&) = delete;
  size_t slot() const { return slot_; }

 private:
  ThreadSlotLock& lock_;
  size_t slot_;
};

class ExclusiveSlotGuard {  // the caller holds lock.writers()
 public:
  explicit ExclusiveSlotGuard(ThreadSlotLock& lock) : lock_(lock) { lock_.lock_exclusive(); }
  ~ExclusiveSlotGuard() { lock_.unlock_exclusive(); }
  ExclusiveSlotGuard(const ExclusiveSlotGuard&) = delete;
  ExclusiveSlotGuard& operator=(const ExclusiveSlotGuard&) = delete;

 private:
  ThreadSlotLock& lock_;
};

}  // namespace symshape
