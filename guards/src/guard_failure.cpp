#include "symshape/guards/guard_failure.hpp"

#include <algorithm>
#include <stdexcept>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {

std::string describe_values(Expr e, const SlotLayout& layout, std::span<const int64_t> slots) {
  std::vector<uint32_t> used;
  for (Expr sym : free_symbols(e)) used.push_back(layout.require_slot(sym));
  std::sort(used.begin(), used.end());
  std::string out;
  for (uint32_t slot : used) {
    if (slot >= slots.size()) throw InvalidArgumentError("describe_values: too few slots");
    if (!out.empty()) out += ", ";
    out += layout.symbols()[slot].name() + "=" + std::to_string(slots[slot]);
  }
  return out;
}

std::string describe_failure(Expr guard, const GuardResult& result, const SlotLayout& layout,
                             std::span<const int64_t> slots) {
  std::string out = to_sympy(guard) + " failed";
  if (result.status == GuardStatus::Error) out += std::string(" (") + eval_error_name(result.error) + ")";
  std::string values = describe_values(guard, layout, slots);
  if (!values.empty()) out += ": " + values;
  return out;
}

}  // namespace symshape
