// Recognizes the guard shapes that PyTorch raises most often (`s0 == s1`,
// `s0 >= 2`, `s0 % 8 == 0`, `s0 + s1 == s2`, `2*s0 + 3 <= s1`, ...) and
// writes each as ONE fused GuardProgram instruction that reads its slots and
// constant directly. A generic guard costs a load per symbol, an instruction
// per operation and a compare-and-require; a fused one costs one dispatch.
//
// A fused instruction must give exactly the result of evaluating the guard's
// tree (symshape::evaluate): the same value, and an overflow error exactly
// where the tree's checked arithmetic overflows. So only shapes whose tree
// is evaluated in a known order are fused, and Linear keeps the tree's terms
// and their order instead of normalizing them.
#pragma once

#include <vector>

#include "symshape/guards/guard_program.hpp"
#include "symshape/guards/slot_layout.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape::detail {

// When `guard` has a fused shape: writes its instruction to `out` (
// Linear's `a` indexes `terms`, to which its terms are appended) and returns
// true. Otherwise returns false and leaves `terms` as it was. Every symbol of
// `guard` must be in `layout`.
bool fuse_guard(Expr guard, const SlotLayout& layout, GuardProgram::Instr& out,
                std::vector<GuardProgram::LinearTerm>& terms);

// SlotEqSlot .. Linear: ops that are a whole guard and use no register.
bool is_fused(GuardProgram::Op op);

}  // namespace symshape::detail
