// Non-template parts of GuardCache.
#include "symshape/guards/guard_cache.hpp"

#include <cstdio>

#include "symshape/guards/guard_failure.hpp"

namespace symshape {

double GuardCacheStats::guards_checked_per_lookup() const {
  return lookups == 0 ? 0.0 : static_cast<double>(guards_checked) / static_cast<double>(lookups);
}

double GuardCacheStats::entries_checked_per_lookup() const {
  return lookups == 0 ? 0.0 : static_cast<double>(entries_checked) / static_cast<double>(lookups);
}

std::string GuardCacheStats::to_string() const {
  char ratios[96];
  std::snprintf(ratios, sizeof ratios, " entries/lookup=%.2f guards/lookup=%.2f", entries_checked_per_lookup(),
                guards_checked_per_lookup());
  return "lookups=" + std::to_string(lookups) + " hits=" + std::to_string(hits) +
         " misses=" + std::to_string(misses) + " inserts=" + std::to_string(inserts) +
         " refused=" + std::to_string(refused_inserts) + " evictions=" + std::to_string(evictions) + ratios;
}

EntryMismatch make_entry_mismatch(uint64_t entry_id, const GuardProgram& program, const GuardResult& result,
                                  const SlotLayout& layout, std::span<const int64_t> slots) {
  EntryMismatch m;
  m.entry_id = entry_id;
  m.guard_index = result.failed_guard;
  m.guard = program.guard(result.failed_guard);
  m.result = result;
  m.reason = describe_failure(m.guard, result, layout, slots);
  return m;
}

std::string describe_mismatches(std::span<const EntryMismatch> mismatches) {
  std::string out;
  for (const EntryMismatch& m : mismatches) out += "entry " + std::to_string(m.entry_id) + ": " + m.reason + "\n";
  return out;
}

}  // namespace symshape
