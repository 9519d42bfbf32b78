// SlotLayout: which index of an int64 array ("slot") holds each size symbol.
//
// Compiled guards read sizes from a flat array instead of a map, so the caller
// and the program must agree on the mapping. The order is deterministic: the
// symbols of the guards a layout is built from are sorted by `compare` (s2
// before s10), and symbols added later are appended, again sorted among
// themselves. Appending never moves an existing symbol, so programs compiled
// against an earlier state of a layout stay valid when it grows (GuardCache
// relies on this to share one layout among all its entries).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape {

class SlotLayout {
 public:
  SlotLayout() = default;

  // The free symbols of `guards`, sorted.
  static SlotLayout for_guards(std::span<const Expr> guards);

  // Appends the symbols of `guards` that are not yet in the layout (sorted
  // among themselves). Returns how many were added.
  size_t add_symbols_of(std::span<const Expr> guards);
  // Appends `sym` if absent; returns its slot either way.
  uint32_t add_symbol(Expr sym);

  std::optional<uint32_t> slot_of(Expr sym) const;
  // As slot_of, but throws UnboundSymbolError naming the symbol when absent.
  uint32_t require_slot(Expr sym) const;
  bool contains(Expr sym) const { return index_.count(sym) != 0; }

  std::span<const Expr> symbols() const { return symbols_; }
  size_t size() const { return symbols_.size(); }

  // The slot array for `values`. Throws UnboundSymbolError for a symbol of the
  // layout that `values` does not bind (entries are symbols only; extra
  // bindings are ignored).
  std::vector<int64_t> slots_from(const Assignment& values) const;
  void fill_slots(const Assignment& values, std::span<int64_t> out) const;
  // The inverse: symbol -> value for every slot.
  Assignment assignment_from(std::span<const int64_t> slots) const;

 private:
  std::vector<Expr> symbols_;
  std::unordered_map<Expr, uint32_t, ExprHash> index_;
};

}  // namespace symshape
