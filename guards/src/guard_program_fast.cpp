// The fast code of a GuardProgram: does every guard pass? (see all_pass in
// guard_program.hpp). It runs on every cache lookup, so:
//  - no branch per guard: each guard ORs "failed" (or "overflowed") into an
//    accumulator and the answer is read once at End; a failure is rare, and
//    then check() runs the exact code to say which guard failed and how;
//  - one dispatch per run of same-op fused instructions, not per guard: the
//    handler loops over its run (`run` = its length, set by the compiler);
//  - dispatch by computed goto where the compiler has it (one indirect jump
//    per handler, each predicted on its own), otherwise a switch.
// Register instructions (the guards that did not fuse) follow the runs, one
// dispatch each, with the same arithmetic as the exact code.
#include <algorithm>

#include "guard_program_ops.hpp"
#include "status_int_math.hpp"
#include "symshape/guards/guard_program.hpp"

#if defined(__GNUC__) && !defined(SYMSHAPE_GUARD_SWITCH_DISPATCH)
#define SYMSHAPE_COMPUTED_GOTO 1
#endif

namespace symshape {

bool GuardProgram::run_fast(const int64_t* s, int64_t* r) const {
  using guard_ops::fails;
  const Instr* pc = fast_code_.data();
  const LinearTerm* terms = linear_terms_.data();
  uint64_t bad = 0;
  bool overflow = false;
#if SYMSHAPE_COMPUTED_GOTO
#define SYMSHAPE_LABEL(name) &&op_##name,
  static const void* const kLabels[] = {SYMSHAPE_GUARD_OPS(SYMSHAPE_LABEL)};
#undef SYMSHAPE_LABEL
#define HANDLER(name) op_##name
#define NEXT goto* kLabels[static_cast<uint8_t>(pc->op)]
  NEXT;
#else
#define HANDLER(name) case Op::name
#define NEXT continue
  for (;;) {
    switch (pc->op) {
#endif
  HANDLER(End):
    return (bad | overflow) == 0;
  // One register instruction: `body`, then the next instruction.
#define SYMSHAPE_STEP(name, body) \
  HANDLER(name) : body;           \
  ++pc;                           \
  NEXT;
  SYMSHAPE_STEP(LoadSlot, r[pc->dst] = s[pc->a])
  SYMSHAPE_STEP(Add, overflow |= __builtin_add_overflow(r[pc->a], r[pc->b], &r[pc->dst]))
  SYMSHAPE_STEP(Mul, overflow |= __builtin_mul_overflow(r[pc->a], r[pc->b], &r[pc->dst]))
  SYMSHAPE_STEP(Pow, bad |= guard_math::pow(r[pc->a], r[pc->b], r[pc->dst]) != EvalError::None)
  SYMSHAPE_STEP(FloorDiv, bad |= guard_math::floordiv(r[pc->a], r[pc->b], r[pc->dst]) != EvalError::None)
  SYMSHAPE_STEP(Mod, bad |= guard_math::mod(r[pc->a], r[pc->b], r[pc->dst]) != EvalError::None)
  SYMSHAPE_STEP(Min, r[pc->dst] = std::min(r[pc->a], r[pc->b]))
  SYMSHAPE_STEP(Max, r[pc->dst] = std::max(r[pc->a], r[pc->b]))
  SYMSHAPE_STEP(Eq, r[pc->dst] = r[pc->a] == r[pc->b])
  SYMSHAPE_STEP(Ne, r[pc->dst] = r[pc->a] != r[pc->b])
  SYMSHAPE_STEP(Lt, r[pc->dst] = r[pc->a] < r[pc->b])
  SYMSHAPE_STEP(Le, r[pc->dst] = r[pc->a] <= r[pc->b])
  SYMSHAPE_STEP(Not, r[pc->dst] = r[pc->a] == 0)
  SYMSHAPE_STEP(And, r[pc->dst] = (r[pc->a] != 0) & (r[pc->b] != 0))
  SYMSHAPE_STEP(Or, r[pc->dst] = (r[pc->a] != 0) | (r[pc->b] != 0))
  SYMSHAPE_STEP(Require, bad |= r[pc->a] == 0)
  SYMSHAPE_STEP(RequireEq, bad |= static_cast<uint64_t>(r[pc->a] ^ r[pc->b]))
  SYMSHAPE_STEP(RequireNe, bad |= r[pc->a] == r[pc->b])
  SYMSHAPE_STEP(RequireLt, bad |= !(r[pc->a] < r[pc->b]))
  SYMSHAPE_STEP(RequireLe, bad |= !(r[pc->a] <= r[pc->b]))
#undef SYMSHAPE_STEP
  // A fused run: one loop per op, so the compiler sees one shape per loop.
#define SYMSHAPE_FUSED_RUN(name)                                            \
  HANDLER(name) : {                                                         \
    const Instr* end = pc + pc->run;                                        \
    do bad |= fails<Op::name>(*pc, terms, s, overflow);                     \
    while (++pc != end);                                                    \
  }                                                                         \
  NEXT;
  SYMSHAPE_FUSED_RUN(SlotEqSlot)
  SYMSHAPE_FUSED_RUN(SlotNeSlot)
  SYMSHAPE_FUSED_RUN(SlotLeSlot)
  SYMSHAPE_FUSED_RUN(SlotEqConst)
  SYMSHAPE_FUSED_RUN(SlotNeConst)
  SYMSHAPE_FUSED_RUN(SlotLeConst)
  SYMSHAPE_FUSED_RUN(SlotGeConst)
  SYMSHAPE_FUSED_RUN(SlotModZero)
  SYMSHAPE_FUSED_RUN(SlotModNonZero)
  SYMSHAPE_FUSED_RUN(SlotMaskZero)
  SYMSHAPE_FUSED_RUN(SlotMaskNonZero)
  SYMSHAPE_FUSED_RUN(AddEqSlot)
  SYMSHAPE_FUSED_RUN(MulEqSlot)
  SYMSHAPE_FUSED_RUN(AddLeConst)
  SYMSHAPE_FUSED_RUN(AddGeConst)
  SYMSHAPE_FUSED_RUN(Linear)
  SYMSHAPE_FUSED_RUN(SlotInRange)
#undef SYMSHAPE_FUSED_RUN
#if !SYMSHAPE_COMPUTED_GOTO
    }
  }
#endif
#undef HANDLER
#undef NEXT
}

}  // namespace symshape
