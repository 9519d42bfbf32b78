#include "symshape/guards/guard_interpreter.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {

GuardInterpreter::GuardInterpreter(std::vector<Expr> guards, SlotLayout layout)
    : guards_(std::move(guards)), layout_(std::move(layout)) {
  for (Expr g : guards_) {
    if (!g || !g.is_boolean()) throw UnsupportedError("GuardInterpreter: a guard must be boolean");
    if (g.depth() > kMaxGuardDepth) {
      throw UnsupportedError("GuardInterpreter: guard nested deeper than " + std::to_string(kMaxGuardDepth));
    }
    for (Expr sym : free_symbols(g)) layout_.require_slot(sym);
  }
}

GuardResult GuardInterpreter::check(std::span<const int64_t> slots) const {
  if (slots.size() < layout_.size()) throw InvalidArgumentError("GuardInterpreter::check: too few slots");
  for (size_t i = 0; i < guards_.size(); ++i) {
    int64_t value = 0;
    EvalError err = eval(guards_[i], slots.data(), value);
    auto index = static_cast<uint32_t>(i);
    if (err != EvalError::None) return GuardResult::error_in(index, err, index + 1);
    if (value == 0) return GuardResult::fail(index, index + 1);
  }
  return GuardResult::pass(static_cast<uint32_t>(guards_.size()));
}

EvalError GuardInterpreter::evaluate_at(Expr e, std::span<const int64_t> slots, int64_t& out) const {
  if (slots.size() < layout_.size()) throw InvalidArgumentError("GuardInterpreter: too few slots");
  if (e.depth() > kMaxGuardDepth) throw UnsupportedError("GuardInterpreter: expression nested too deep");
  for (Expr sym : free_symbols(e)) layout_.require_slot(sym);
  return eval(e, slots.data(), out);
}

EvalError GuardInterpreter::eval(Expr e, const int64_t* slots, int64_t& out) const {
  switch (e.kind()) {
    case ExprKind::Integer: out = e.value(); return EvalError::None;
    case ExprKind::Symbol: out = slots[*layout_.slot_of(e)]; return EvalError::None;
    case ExprKind::True: out = 1; return EvalError::None;
    case ExprKind::False: out = 0; return EvalError::None;
    case ExprKind::Not: {
      EvalError err = eval(e.arg(0), slots, out);
      out = out == 0;
      return err;
    }
    default: break;
  }
  // Left fold over the arguments, the same order as GuardProgram.
  EvalError err = eval(e.arg(0), slots, out);
  for (size_t i = 1; i < e.num_args() && err == EvalError::None; ++i) {
    int64_t rhs = 0;
    if ((err = eval(e.arg(i), slots, rhs)) != EvalError::None) break;
    int64_t lhs = out;
    switch (e.kind()) {
      case ExprKind::Add: err = try_add(lhs, rhs, out); break;
      case ExprKind::Mul: err = try_mul(lhs, rhs, out); break;
      case ExprKind::Pow: err = try_pow(lhs, rhs, out); break;
      case ExprKind::FloorDiv: err = try_floor_div(lhs, rhs, out); break;
      case ExprKind::Mod: err = try_mod(lhs, rhs, out); break;
      case ExprKind::Min: out = std::min(lhs, rhs); break;
      case ExprKind::Max: out = std::max(lhs, rhs); break;
      case ExprKind::Eq: out = lhs == rhs; break;
      case ExprKind::Ne: out = lhs != rhs; break;
      case ExprKind::Lt: out = lhs < rhs; break;
      case ExprKind::Le: out = lhs <= rhs; break;
      case ExprKind::And: out = (lhs != 0) && (rhs != 0); break;
      case ExprKind::Or: out = (lhs != 0) || (rhs != 0); break;
      default: throw UnsupportedError(std::string("GuardInterpreter: cannot evaluate ") + kind_name(e.kind()));
    }
  }
  return err;
}

}  // namespace symshape
