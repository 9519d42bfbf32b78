// Text for a failed guard, for recompilation reasons and `symshape check`:
//   Eq(s0, s1) failed: s0=4, s1=5
//   Eq((s0//s1), 2) failed (division by zero): s0=4, s1=0
// The guard is printed in sympy form; the values listed are those of the
// guard's own symbols, in layout order.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "symshape/guards/guard_result.hpp"
#include "symshape/guards/slot_layout.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape {

// `result` must be a failure; `guard` the guard it names.
std::string describe_failure(Expr guard, const GuardResult& result, const SlotLayout& layout,
                             std::span<const int64_t> slots);

// "s0=4, s1=5": the values of the symbols of `e`.
std::string describe_values(Expr e, const SlotLayout& layout, std::span<const int64_t> slots);

}  // namespace symshape
