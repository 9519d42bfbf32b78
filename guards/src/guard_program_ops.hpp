// What each fused GuardProgram instruction computes, written once and used by
// both the exact code (guard_program_run.cpp, which must say whether a guard
// was false or overflowed) and the fast code (guard_program_fast.cpp, which
// only accumulates "something failed" without branching).
//
// `fails<op>` returns nonzero exactly when the guard does not hold, and sets
// `overflow` (never clears it) when its checked arithmetic overflowed; its
// value is then meaningless, and the guard is an error. Nonzero rather than
// bool, so that `x != y` can be the cheaper `x ^ y`.
#pragma once

#include <cstdint>

#include "symshape/guards/guard_program.hpp"

// Every op in declaration order, for tables indexed by op (the fast code's
// label table). The static_assert below keeps it in step with the enum.
#define SYMSHAPE_GUARD_OPS(X)                                                                              \
  X(End) X(LoadSlot) X(Add) X(Mul) X(Pow) X(FloorDiv) X(Mod) X(Min) X(Max) X(Eq) X(Ne) X(Lt) X(Le) X(Not) \
  X(And) X(Or) X(Require) X(RequireEq) X(RequireNe) X(RequireLt) X(RequireLe) X(SlotEqSlot) X(SlotNeSlot)  \
  X(SlotLeSlot) X(SlotEqConst) X(SlotNeConst) X(SlotLeConst) X(SlotGeConst) X(SlotModZero)                  \
  X(SlotModNonZero) X(SlotMaskZero) X(SlotMaskNonZero) X(AddEqSlot) X(MulEqSlot) X(AddLeConst) \
  X(AddGeConst) X(SlotAlignEqSlot) X(Linear) X(SlotInRange) X(SlotEqSlot2) X(AddEqSlotLeConst)

namespace symshape::guard_ops {

namespace detail {
constexpr bool ops_in_declaration_order() {
  size_t i = 0;
  bool ok = true;
#define SYMSHAPE_CHECK_OP(name) ok = ok && static_cast<size_t>(GuardProgram::Op::name) == i++;
  SYMSHAPE_GUARD_OPS(SYMSHAPE_CHECK_OP)
#undef SYMSHAPE_CHECK_OP
  return ok && i == GuardProgram::kOpCount;
}
static_assert(ops_in_declaration_order(), "SYMSHAPE_GUARD_OPS must list GuardProgram::Op in order");
}  // namespace detail

using Op = GuardProgram::Op;
using Instr = GuardProgram::Instr;
using LinearTerm = GuardProgram::LinearTerm;

// The left-folded sum of `n` terms. Evaluates every term and partial sum (no
// early exit, no branch per term: the fast code stays branch-free) and
// reports whether any overflowed; the tree stops at the first overflow, so
// "any" is the same answer. Starting from 0 adds nothing that could overflow;
// a Slot term multiplies by 1, which never overflows; a Constant term's slot
// is 0, a valid slot (the guard has a symbol), read and ignored.
inline int64_t linear_sum(const LinearTerm* t, uint32_t n, const int64_t* s, bool& overflow) {
  int64_t acc = 0;
  for (uint32_t i = 0; i < n; ++i) {
    int64_t product = 0;
    bool product_overflow = __builtin_mul_overflow(t[i].coeff, s[t[i].slot], &product);
    bool constant = t[i].kind == LinearTerm::Kind::Constant;
    overflow |= product_overflow & !constant;
    overflow |= __builtin_add_overflow(acc, constant ? t[i].coeff : product, &acc);
  }
  return acc;
}

inline uint64_t linear_fails(const Instr& in, const LinearTerm* terms, const int64_t* s, bool& overflow) {
  int64_t lhs = linear_sum(terms + in.a, in.b, s, overflow);
  int64_t rhs = linear_sum(terms + in.a + in.b, in.dst, s, overflow);
  switch (static_cast<GuardProgram::LinearRel>(in.rel)) {
    case GuardProgram::LinearRel::Eq: return static_cast<uint64_t>(lhs ^ rhs);
    case GuardProgram::LinearRel::Ne: return lhs == rhs;
    case GuardProgram::LinearRel::Lt: return !(lhs < rhs);
    case GuardProgram::LinearRel::Le: return !(lhs <= rhs);
  }
  return 1;
}

template <Op op>
inline uint64_t fails(const Instr& in, [[maybe_unused]] const LinearTerm* terms, const int64_t* s,
                      [[maybe_unused]] bool& overflow) {
  if constexpr (op == Op::Linear) return linear_fails(in, terms, s, overflow);
  const int64_t x = s[in.a];  // every other fused op reads slot a
  if constexpr (op == Op::SlotEqSlot) return static_cast<uint64_t>(x ^ s[in.b]);
  if constexpr (op == Op::SlotEqSlot2) return static_cast<uint64_t>((x ^ s[in.b]) | (s[in.dst] ^ s[in.imm]));
  if constexpr (op == Op::SlotNeSlot) return x == s[in.b];
  if constexpr (op == Op::SlotLeSlot) return x > s[in.b];
  if constexpr (op == Op::SlotEqConst) return static_cast<uint64_t>(x ^ in.imm);
  if constexpr (op == Op::SlotNeConst) return x == in.imm;
  if constexpr (op == Op::SlotLeConst) return x > in.imm;
  if constexpr (op == Op::SlotGeConst) return x < in.imm;
  // imm >= 3, so neither a zero divisor nor INT64_MIN % -1.
  if constexpr (op == Op::SlotModZero) return x % in.imm != 0;
  if constexpr (op == Op::SlotModNonZero) return x % in.imm == 0;
  if constexpr (op == Op::SlotMaskZero) return static_cast<uint64_t>(x & in.imm);
  if constexpr (op == Op::SlotMaskNonZero) return (x & in.imm) == 0;
  if constexpr (op == Op::SlotAlignEqSlot) return static_cast<uint64_t>((x & in.imm) ^ s[in.b]);
  if constexpr (op == Op::SlotInRange) {
    return static_cast<uint64_t>(x) - static_cast<uint64_t>(in.imm) > GuardProgram::range_width(in);
  }
  if constexpr (op == Op::AddEqSlot || op == Op::MulEqSlot) {
    int64_t v = 0;
    if constexpr (op == Op::AddEqSlot) overflow |= __builtin_add_overflow(x, s[in.b], &v);
    else overflow |= __builtin_mul_overflow(x, s[in.b], &v);
    return static_cast<uint64_t>(v ^ s[in.dst]);
  }
  if constexpr (op == Op::AddEqSlotLeConst) {
    int64_t v = 0;
    overflow |= __builtin_add_overflow(x, s[in.b], &v);
    return static_cast<uint64_t>(v ^ s[in.dst]) | (v > in.imm);
  }
  if constexpr (op == Op::AddLeConst || op == Op::AddGeConst) {
    int64_t v = 0;
    overflow |= __builtin_add_overflow(x, s[in.b], &v);
    return op == Op::AddLeConst ? v > in.imm : v < in.imm;
  }
  return 1;
}

}  // namespace symshape::guard_ops
