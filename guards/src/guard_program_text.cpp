// Human-readable forms of GuardProgram pieces (debugging and tests only).
#include <span>
#include <string>

#include "symshape/guards/guard_program.hpp"

namespace symshape {

const char* op_name(GuardProgram::Op op) {
  using Op = GuardProgram::Op;
  switch (op) {
    case Op::End: return "end";
    case Op::LoadSlot: return "load_slot";
    case Op::Add: return "add";
    case Op::Mul: return "mul";
    case Op::Pow: return "pow";
    case Op::FloorDiv: return "floordiv";
    case Op::Mod: return "mod";
    case Op::Min: return "min";
    case Op::Max: return "max";
    case Op::Eq: return "eq";
    case Op::Ne: return "ne";
    case Op::Lt: return "lt";
    case Op::Le: return "le";
    case Op::Not: return "not";
    case Op::And: return "and";
    case Op::Or: return "or";
    case Op::Require: return "require";
    case Op::RequireEq: return "require_eq";
    case Op::RequireNe: return "require_ne";
    case Op::RequireLt: return "require_lt";
    case Op::RequireLe: return "require_le";
    case Op::SlotEqSlot: return "slot_eq_slot";
    case Op::SlotNeSlot: return "slot_ne_slot";
    case Op::SlotLeSlot: return "slot_le_slot";
    case Op::SlotEqConst: return "slot_eq_const";
    case Op::SlotNeConst: return "slot_ne_const";
    case Op::SlotLeConst: return "slot_le_const";
    case Op::SlotGeConst: return "slot_ge_const";
    case Op::SlotModZero: return "slot_mod_zero";
    case Op::SlotModNonZero: return "slot_mod_nonzero";
    case Op::SlotMaskZero: return "slot_mask_zero";
    case Op::SlotMaskNonZero: return "slot_mask_nonzero";
    case Op::AddEqSlot: return "add_eq_slot";
    case Op::MulEqSlot: return "mul_eq_slot";
    case Op::AddLeConst: return "add_le_const";
    case Op::AddGeConst: return "add_ge_const";
    case Op::SlotAlignEqSlot: return "slot_align_eq_slot";
    case Op::Linear: return "linear";
    case Op::SlotInRange: return "slot_in_range";
    case Op::SlotEqSlot2: return "slot_eq_slot2";
    case Op::AddEqSlotLeConst: return "add_eq_slot_le_const";
  }
  return "?";
}

const char* linear_rel_name(GuardProgram::LinearRel rel) {
  switch (rel) {
    case GuardProgram::LinearRel::Eq: return "==";
    case GuardProgram::LinearRel::Ne: return "!=";
    case GuardProgram::LinearRel::Lt: return "<";
    case GuardProgram::LinearRel::Le: return "<=";
  }
  return "?";
}

namespace {

using std::to_string;

std::string slot(uint32_t i) { return "slot" + to_string(i); }

// "3*slot1 + slot2 + 5": one side of a Linear instruction.
std::string linear_side(std::span<const GuardProgram::LinearTerm> terms) {
  using Kind = GuardProgram::LinearTerm::Kind;
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += " + ";
    switch (t.kind) {
      case Kind::Slot: out += slot(t.slot); break;
      case Kind::Scaled: out += to_string(t.coeff) + "*" + slot(t.slot); break;
      case Kind::Constant: out += to_string(t.coeff); break;
    }
  }
  return out;
}

}  // namespace

std::string GuardProgram::instruction_text(const Instr& in) const {
  std::string line = op_name(in.op);
  switch (in.op) {
    case Op::End: break;
    case Op::LoadSlot: line += " r" + to_string(in.dst) + ", " + slot(in.a); break;
    case Op::Not: line += " r" + to_string(in.dst) + ", r" + to_string(in.a); break;
    case Op::Require: line += " r" + to_string(in.a); break;
    case Op::RequireEq:
    case Op::RequireNe:
    case Op::RequireLt:
    case Op::RequireLe: line += " r" + to_string(in.a) + ", r" + to_string(in.b); break;
    case Op::SlotEqSlot:
    case Op::SlotNeSlot:
    case Op::SlotLeSlot: line += " " + slot(in.a) + ", " + slot(in.b); break;
    case Op::SlotEqConst:
    case Op::SlotNeConst:
    case Op::SlotLeConst:
    case Op::SlotGeConst:
    case Op::SlotModZero:
    case Op::SlotModNonZero:
    case Op::SlotMaskZero:
    case Op::SlotMaskNonZero: line += " " + slot(in.a) + ", " + to_string(in.imm); break;
    case Op::SlotAlignEqSlot:  // c*FloorDiv(s[a], c) == s[b], shown as: slot a, c, slot b
      line += " " + slot(in.a) + ", " + to_string(-in.imm) + ", " + slot(in.b);
      break;
    case Op::SlotEqSlot2:
      line += " " + slot(in.a) + ", " + slot(in.b) + "; " + slot(in.dst) + ", " + slot(static_cast<uint32_t>(in.imm));
      break;
    case Op::SlotInRange:
      line += " " + slot(in.a) + ", " + to_string(in.imm) + ", " +
              to_string(static_cast<int64_t>(static_cast<uint64_t>(in.imm) + range_width(in)));
      break;
    case Op::AddEqSlot:
    case Op::MulEqSlot: line += " " + slot(in.a) + ", " + slot(in.b) + ", " + slot(in.dst); break;
    case Op::AddEqSlotLeConst:
      line += " " + slot(in.a) + ", " + slot(in.b) + ", " + slot(in.dst) + ", " + to_string(in.imm);
      break;
    case Op::AddLeConst:
    case Op::AddGeConst: line += " " + slot(in.a) + ", " + slot(in.b) + ", " + to_string(in.imm); break;
    case Op::Linear: {
      std::span<const LinearTerm> terms(linear_terms_.data() + in.a, in.b + in.dst);
      line += " " + linear_side(terms.first(in.b)) + " " + linear_rel_name(static_cast<LinearRel>(in.rel)) + " " +
              linear_side(terms.subspan(in.b));
      break;
    }
    default: line += " r" + to_string(in.dst) + ", r" + to_string(in.a) + ", r" + to_string(in.b); break;
  }
  return line;
}

std::string GuardProgram::disassemble() const {
  std::string out;
  size_t next_guard = 0;
  for (size_t pc = 0; pc < code_.size(); ++pc) {
    while (next_guard < guard_start_pc_.size() && guard_start_pc_[next_guard] == pc) {
      out += "; guard #" + to_string(order_[next_guard]) + "\n";
      ++next_guard;
    }
    out += to_string(pc) + ": " + instruction_text(code_[pc]) + "\n";
  }
  return out;
}

std::string GuardProgram::disassemble_fast() const {
  std::string out;
  for (size_t pc = 0; pc < fast_code_.size(); ++pc) out += to_string(pc) + ": " + instruction_text(fast_code_[pc]) + "\n";
  return out;
}

const char* guard_status_name(GuardStatus s) {
  switch (s) {
    case GuardStatus::Pass: return "pass";
    case GuardStatus::False: return "false";
    case GuardStatus::Error: return "error";
  }
  return "?";
}

const char* eval_error_name(EvalError e) {
  switch (e) {
    case EvalError::None: return "none";
    case EvalError::Overflow: return "overflow";
    case EvalError::DivisionByZero: return "division by zero";
  }
  return "?";
}

}  // namespace symshape
