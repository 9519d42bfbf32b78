// Execution of GuardProgram bytecode. This is the hot path of every cache
// lookup: no allocation, no exceptions. check() first runs the fast code
// (guard_program_fast.cpp), which only says whether everything passed; the
// exact code here runs only when something failed, to name the first guard
// in evaluation order that failed and how.
#include <algorithm>
#include <stdexcept>

#include "guard_program_ops.hpp"
#include "status_int_math.hpp"
#include "symshape/guards/guard_program.hpp"

namespace symshape {

GuardProgram::Registers GuardProgram::make_registers() const { return initial_registers_; }

GuardResult GuardProgram::stopped_at(size_t pc, GuardStatus status, EvalError error) const {
  // The guard whose block contains pc: the last one starting at or before it.
  auto it = std::upper_bound(guard_start_pc_.begin(), guard_start_pc_.end(), static_cast<uint32_t>(pc));
  size_t position = static_cast<size_t>(it - guard_start_pc_.begin()) - 1;
  return {status, error, order_[position], static_cast<uint32_t>(position + 1)};
}

GuardResult GuardProgram::run(const int64_t* slots, int64_t* r) const {
  const Instr* code = code_.data();
  const LinearTerm* terms = linear_terms_.data();
  for (size_t pc = 0;; ++pc) {
    const Instr& in = code[pc];
    EvalError err = EvalError::None;
    bool overflow = false;
    uint64_t failed = 0;
    switch (in.op) {
      case Op::End: return GuardResult::pass(static_cast<uint32_t>(guards_.size()));
      case Op::LoadSlot: r[in.dst] = slots[in.a]; continue;
      case Op::Add:
        if (__builtin_add_overflow(r[in.a], r[in.b], &r[in.dst])) err = EvalError::Overflow;
        break;
      case Op::Mul:
        if (__builtin_mul_overflow(r[in.a], r[in.b], &r[in.dst])) err = EvalError::Overflow;
        break;
      case Op::Pow: err = guard_math::pow(r[in.a], r[in.b], r[in.dst]); break;
      case Op::FloorDiv: err = guard_math::floordiv(r[in.a], r[in.b], r[in.dst]); break;
      case Op::Mod: err = guard_math::mod(r[in.a], r[in.b], r[in.dst]); break;
      case Op::Min: r[in.dst] = std::min(r[in.a], r[in.b]); continue;
      case Op::Max: r[in.dst] = std::max(r[in.a], r[in.b]); continue;
      case Op::Eq: r[in.dst] = r[in.a] == r[in.b]; continue;
      case Op::Ne: r[in.dst] = r[in.a] != r[in.b]; continue;
      case Op::Lt: r[in.dst] = r[in.a] < r[in.b]; continue;
      case Op::Le: r[in.dst] = r[in.a] <= r[in.b]; continue;
      case Op::Not: r[in.dst] = r[in.a] == 0; continue;
      case Op::And: r[in.dst] = (r[in.a] != 0) & (r[in.b] != 0); continue;
      case Op::Or: r[in.dst] = (r[in.a] != 0) | (r[in.b] != 0); continue;
      case Op::Require: failed = r[in.a] == 0; break;
      case Op::RequireEq: failed = r[in.a] != r[in.b]; break;
      case Op::RequireNe: failed = r[in.a] == r[in.b]; break;
      case Op::RequireLt: failed = !(r[in.a] < r[in.b]); break;
      case Op::RequireLe: failed = !(r[in.a] <= r[in.b]); break;
#define SYMSHAPE_FUSED_CASE(name) \
  case Op::name: failed = guard_ops::fails<Op::name>(in, terms, slots, overflow); break;
      SYMSHAPE_FUSED_CASE(SlotEqSlot)
      SYMSHAPE_FUSED_CASE(SlotNeSlot)
      SYMSHAPE_FUSED_CASE(SlotLeSlot)
      SYMSHAPE_FUSED_CASE(SlotEqConst)
      SYMSHAPE_FUSED_CASE(SlotNeConst)
      SYMSHAPE_FUSED_CASE(SlotLeConst)
      SYMSHAPE_FUSED_CASE(SlotGeConst)
      SYMSHAPE_FUSED_CASE(SlotModZero)
      SYMSHAPE_FUSED_CASE(SlotModNonZero)
      SYMSHAPE_FUSED_CASE(SlotMaskZero)
      SYMSHAPE_FUSED_CASE(SlotMaskNonZero)
      SYMSHAPE_FUSED_CASE(AddEqSlot)
      SYMSHAPE_FUSED_CASE(MulEqSlot)
      SYMSHAPE_FUSED_CASE(AddLeConst)
      SYMSHAPE_FUSED_CASE(AddGeConst)
      SYMSHAPE_FUSED_CASE(SlotAlignEqSlot)
      SYMSHAPE_FUSED_CASE(Linear)
      SYMSHAPE_FUSED_CASE(SlotInRange)  // not in the exact code, but harmless
      SYMSHAPE_FUSED_CASE(SlotEqSlot2)  // neither
      SYMSHAPE_FUSED_CASE(AddEqSlotLeConst)  // nor
#undef SYMSHAPE_FUSED_CASE
    }
    if (overflow) err = EvalError::Overflow;
    if (err != EvalError::None) return stopped_at(pc, GuardStatus::Error, err);
    if (failed) return stopped_at(pc, GuardStatus::False, EvalError::None);
  }
}

}  // namespace symshape
