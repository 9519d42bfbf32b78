// The fast code of a GuardProgram: does every guard pass? (see all_pass in
// guard_program.hpp). It runs on every cache lookup, so:
//  - no branch per guard: each guard ORs "failed" (or "overflowed") into an
//    accumulator and the answer is read once at End; a failure is rare, and
//    then check() runs the exact code to say which guard failed and how;
//  - one dispatch per run of same-op fused instructions, not per guard: the
//    handler loops over its run (`run` = its length, set by the compiler);
//  - dispatch by computed goto where the compiler has it (one indirect jump
//    per handler, each predicted on its own), otherwise a switch. Both are
//    always built where computed goto exists, so that the tests run the
//    switch too (all_pass_switch_dispatch); SYMSHAPE_GUARD_SWITCH_DISPATCH
//    makes check() use the switch.
// Register instructions (the guards that did not fuse) follow the runs, one
// dispatch each, with the same arithmetic as the exact code.
#include <algorithm>
#include <stdexcept>

#include "guard_program_ops.hpp"
#include "symshape/guards/guard_program.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/int_math.hpp"

#if defined(__GNUC__) && !defined(SYMSHAPE_GUARD_SWITCH_DISPATCH)
#define SYMSHAPE_COMPUTED_GOTO 1
#else
#define SYMSHAPE_COMPUTED_GOTO 0
#endif

namespace symshape {
namespace {

using guard_ops::fails;
using guard_ops::Instr;
using guard_ops::LinearTerm;
using guard_ops::Op;

#if defined(__GNUC__)
bool run_computed_goto(const Instr* pc, const LinearTerm* terms, const int64_t* s, int64_t* r) {
  uint64_t bad = 0;
  bool overflow = false;
#define SYMSHAPE_LABEL(name) &&op_##name,
  static const void* const kLabels[] = {SYMSHAPE_GUARD_OPS(SYMSHAPE_LABEL)};
#undef SYMSHAPE_LABEL
#define HANDLER(name) op_##name
#define NEXT goto* kLabels[static_cast<uint8_t>(pc->op)]
  NEXT;
#include "guard_program_fast_handlers.inc"
#undef HANDLER
#undef NEXT
}
#endif

bool run_switch(const Instr* pc, const LinearTerm* terms, const int64_t* s, int64_t* r) {
  uint64_t bad = 0;
  bool overflow = false;
#define HANDLER(name) case Op::name
#define NEXT continue
  for (;;) {
    switch (pc->op) {
#include "guard_program_fast_handlers.inc"
    }
  }
#undef HANDLER
#undef NEXT
}

}  // namespace

bool GuardProgram::run_fast(const int64_t* s, int64_t* r) const {
#if SYMSHAPE_COMPUTED_GOTO
  return run_computed_goto(fast_code_.data(), linear_terms_.data(), s, r);
#else
  return run_switch(fast_code_.data(), linear_terms_.data(), s, r);
#endif
}

bool GuardProgram::all_pass_switch_dispatch(std::span<const int64_t> slots) const {
  if (slots.size() < slots_needed_) throw InvalidArgumentError("GuardProgram::all_pass: too few slots");
  return run_switch(fast_code_.data(), linear_terms_.data(), slots.data(), scratch_.values_.data());
}

}  // namespace symshape
