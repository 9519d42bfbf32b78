// Human-readable forms of GuardProgram pieces (debugging and tests only).
#include <string>

#include "symshape/guards/guard_program.hpp"

namespace symshape {

const char* op_name(GuardProgram::Op op) {
  using Op = GuardProgram::Op;
  switch (op) {
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
  }
  return "?";
}

std::string GuardProgram::disassemble() const {
  using std::to_string;
  std::string out;
  size_t next_guard = 0;
  for (size_t pc = 0; pc < code_.size(); ++pc) {
    while (next_guard < guard_start_pc_.size() && guard_start_pc_[next_guard] == pc) {
      out += "; guard #" + to_string(order_[next_guard]) + "\n";
      ++next_guard;
    }
    const Instr& in = code_[pc];
    std::string line = to_string(pc) + ": " + op_name(in.op);
    switch (in.op) {
      case Op::LoadSlot: line += " r" + to_string(in.dst) + ", slot" + to_string(in.a); break;
      case Op::Not: line += " r" + to_string(in.dst) + ", r" + to_string(in.a); break;
      case Op::Require: line += " r" + to_string(in.a); break;
      case Op::RequireEq:
      case Op::RequireNe:
      case Op::RequireLt:
      case Op::RequireLe: line += " r" + to_string(in.a) + ", r" + to_string(in.b); break;
      default:
        line += " r" + to_string(in.dst) + ", r" + to_string(in.a) + ", r" + to_string(in.b);
        break;
    }
    out += line + "\n";
  }
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
