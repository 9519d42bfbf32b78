#include "symshape/guards/slot_layout.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

#include "symshape/symbolic/errors.hpp"

namespace symshape {

SlotLayout SlotLayout::for_guards(std::span<const Expr> guards) {
  SlotLayout layout;
  layout.add_symbols_of(guards);
  return layout;
}

size_t SlotLayout::add_symbols_of(std::span<const Expr> guards) {
  std::vector<Expr> fresh;
  std::unordered_set<Expr, ExprHash> seen;
  for (Expr g : guards) {
    for (Expr sym : free_symbols(g)) {
      if (!contains(sym) && seen.insert(sym).second) fresh.push_back(sym);
    }
  }
  std::sort(fresh.begin(), fresh.end(), ExprLess{});
  for (Expr sym : fresh) add_symbol(sym);
  return fresh.size();
}

uint32_t SlotLayout::add_symbol(Expr sym) {
  if (!sym.is_symbol()) throw InvalidArgumentError("SlotLayout::add_symbol: not a symbol");
  auto [it, inserted] = index_.emplace(sym, static_cast<uint32_t>(symbols_.size()));
  if (inserted) symbols_.push_back(sym);
  return it->second;
}

std::optional<uint32_t> SlotLayout::slot_of(Expr sym) const {
  auto it = index_.find(sym);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

uint32_t SlotLayout::require_slot(Expr sym) const {
  auto slot = slot_of(sym);
  if (!slot) throw UnboundSymbolError("symbol " + sym.name() + " has no slot in the layout");
  return *slot;
}

std::vector<int64_t> SlotLayout::slots_from(const Assignment& values) const {
  std::vector<int64_t> slots(symbols_.size());
  fill_slots(values, slots);
  return slots;
}

void SlotLayout::fill_slots(const Assignment& values, std::span<int64_t> out) const {
  if (out.size() < symbols_.size()) throw InvalidArgumentError("SlotLayout::fill_slots: array too small");
  for (size_t i = 0; i < symbols_.size(); ++i) {
    auto it = values.find(symbols_[i]);
    if (it == values.end()) throw UnboundSymbolError("no value for symbol " + symbols_[i].name());
    out[i] = it->second;
  }
}

Assignment SlotLayout::assignment_from(std::span<const int64_t> slots) const {
  if (slots.size() < symbols_.size()) throw InvalidArgumentError("SlotLayout::assignment_from: array too small");
  Assignment values;
  for (size_t i = 0; i < symbols_.size(); ++i) values.emplace(symbols_[i], slots[i]);
  return values;
}

}  // namespace symshape
