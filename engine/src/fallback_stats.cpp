#include "symshape/engine/fallback_stats.hpp"

#include <array>
#include <atomic>

namespace symshape {
namespace {

constexpr size_t kSites = static_cast<size_t>(Fallback::Count);

std::array<std::atomic<uint64_t>, kSites>& counts() {
  static std::array<std::atomic<uint64_t>, kSites> c{};
  return c;
}

}  // namespace

const char* fallback_name(Fallback site) {
  static constexpr const char* kNames[kSites] = {
      "atom_interval",      "linear_form_atom",  "factor_interval",          "residue_learning",
      "interval_under_facts", "simplify_decision", "multiples_rewrite",      "divisor_nonzero",
      "alias_rename",       "z3_check",          "bound_attained",           "bound_tightening",
      "core_query",         "nonzero_factor_divisor", "exact_quotients",     "exact_quotient_atom",
      "shifted_interval",   "witness_evaluation", "linear_tier",              "modular_witness",
      "pinned_atom_tier",
  };
  const auto i = static_cast<size_t>(site);
  return i < kSites ? kNames[i] : "?";
}

uint64_t fallback_count(Fallback site) {
  return counts()[static_cast<size_t>(site)].load(std::memory_order_relaxed);
}

uint64_t total_fallbacks() {
  uint64_t sum = 0;
  for (const auto& c : counts()) sum += c.load(std::memory_order_relaxed);
  return sum;
}

void reset_fallback_counts() {
  for (auto& c : counts()) c.store(0, std::memory_order_relaxed);
}

void count_fallback(Fallback site) noexcept {
  counts()[static_cast<size_t>(site)].fetch_add(1, std::memory_order_relaxed);
}

}  // namespace symshape
