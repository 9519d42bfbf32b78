// Execution of GuardProgram bytecode. This is the hot path of every cache
// lookup: no allocation, no exceptions, one switch per instruction.
#include <algorithm>
#include <stdexcept>

#include "status_int_math.hpp"
#include "symshape/guards/guard_program.hpp"

namespace symshape {

GuardResult GuardProgram::check(std::span<const int64_t> slots) const { return check(slots, scratch_); }

GuardResult GuardProgram::check(std::span<const int64_t> slots, Registers& registers) const {
  if (slots.size() < slots_needed_) throw std::invalid_argument("GuardProgram::check: too few slots");
  if (registers.program_id_ != id_) throw std::invalid_argument("GuardProgram::check: register file of another program");
  return run(slots.data(), registers.values_.data());
}

GuardProgram::Registers GuardProgram::make_registers() const { return initial_registers_; }

GuardResult GuardProgram::stopped_at(size_t pc, GuardStatus status, EvalError error) const {
  // The guard whose block contains pc: the last one starting at or before it.
  auto it = std::upper_bound(guard_start_pc_.begin(), guard_start_pc_.end(), static_cast<uint32_t>(pc));
  size_t position = static_cast<size_t>(it - guard_start_pc_.begin()) - 1;
  return {status, error, order_[position], static_cast<uint32_t>(position + 1)};
}

GuardResult GuardProgram::run(const int64_t* slots, int64_t* r) const {
  const Instr* code = code_.data();
  const size_t n = code_.size();
  for (size_t pc = 0; pc < n; ++pc) {
    const Instr& in = code[pc];
    EvalError err = EvalError::None;
    switch (in.op) {
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
      case Op::Require:
        if (r[in.a] == 0) return stopped_at(pc, GuardStatus::False, EvalError::None);
        continue;
      case Op::RequireEq:
        if (r[in.a] != r[in.b]) return stopped_at(pc, GuardStatus::False, EvalError::None);
        continue;
      case Op::RequireNe:
        if (r[in.a] == r[in.b]) return stopped_at(pc, GuardStatus::False, EvalError::None);
        continue;
      case Op::RequireLt:
        if (!(r[in.a] < r[in.b])) return stopped_at(pc, GuardStatus::False, EvalError::None);
        continue;
      case Op::RequireLe:
        if (!(r[in.a] <= r[in.b])) return stopped_at(pc, GuardStatus::False, EvalError::None);
        continue;
    }
    if (err != EvalError::None) return stopped_at(pc, GuardStatus::Error, err);
  }
  return GuardResult::pass(static_cast<uint32_t>(guards_.size()));
}

}  // namespace symshape
