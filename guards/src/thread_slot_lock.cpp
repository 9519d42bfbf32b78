// this_thread_slot(): a dense index per live thread, recycled on thread exit.
#include "symshape/guards/thread_slot_lock.hpp"

#include <array>
#include <mutex>

namespace symshape {
namespace {

// Which thread slots are taken. Constant-initialized and trivially
// destructible, so it outlives every thread's release at exit.
struct ThreadSlots {
  std::mutex mu;
  std::array<bool, kThreadSlots> taken{};
};
constinit ThreadSlots thread_slots;

struct ThreadSlotHolder {
  size_t index = kThreadSlots;  // the overflow slot until one is free
  ThreadSlotHolder() {
    std::lock_guard lock(thread_slots.mu);
    for (size_t i = 0; i < kThreadSlots; ++i) {
      if (!thread_slots.taken[i]) {
        thread_slots.taken[i] = true;
        index = i;
        return;
      }
    }
  }
  // The mutex orders this thread's last use of its slot's state before the
  // next owner's first use.
  ~ThreadSlotHolder() {
    if (index == kThreadSlots) return;
    std::lock_guard lock(thread_slots.mu);
    thread_slots.taken[index] = false;
  }
  ThreadSlotHolder(const ThreadSlotHolder&) = delete;
  ThreadSlotHolder& operator=(const ThreadSlotHolder&) = delete;
};

}  // namespace

size_t this_thread_slot() {
  thread_local ThreadSlotHolder holder;
  return holder.index;
}


}  // namespace symshape
