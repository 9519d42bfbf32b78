// GuardInterpreter: the baseline evaluator. Walks each guard's Expr tree in
// the original order, re-evaluating shared subexpressions and looking every
// symbol up by hash, with the same semantics and result type as GuardProgram
// (checked int64, Python // and %, errors as a failed guard, And/Or evaluate
// every arm). Its first failing guard is the first in ORIGINAL order.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "symshape/guards/guard_result.hpp"
#include "symshape/guards/slot_layout.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape {

class GuardInterpreter {
 public:
  // `layout` must contain every symbol of every guard (UnboundSymbolError
  // otherwise); it is copied. Throws UnsupportedError for a non-boolean guard.
  GuardInterpreter(std::vector<Expr> guards, SlotLayout layout);

  GuardResult check(std::span<const int64_t> slots) const;

  // Evaluates one expression at `slots` (booleans as 1/0).
  EvalError evaluate_at(Expr e, std::span<const int64_t> slots, int64_t& out) const;

  std::span<const Expr> guards() const { return guards_; }
  const SlotLayout& layout() const { return layout_; }

 private:
  EvalError eval(Expr e, const int64_t* slots, int64_t& out) const;

  std::vector<Expr> guards_;
  SlotLayout layout_;
};

}  // namespace symshape
