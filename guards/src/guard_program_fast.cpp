// The fast code of a GuardProgram: does every guard pass? (see all_pass in
// guard_program.hpp). It runs on every cache lookup, so:
//  - no branch per guard: each guard ORs "failed" (or "overflowed") into an
//    accumulator and the answer is read once at End; a failure is rare, and
//    then check() runs the exact code to say which guard failed and how;
//  - one dispatch per run of same-op fused instructions, not per guard: the
//    handler loops while the next instruction has its op;
//  - two variants of one handler list: the LEAN one, which calls no function
//    (so it keeps everything in caller-saved registers and a check pays no
//    register saves), runs until the first instruction that would need a
//    call (Pow, FloorDiv, Mod, Linear) and hands the rest of the program to
//    the FULL one by a tail call;
//  - dispatch by computed goto where the compiler has it (one indirect jump
//    per handler, each predicted on its own), otherwise a switch. Both are
//    always built where computed goto exists, so that the tests run the
//    switch too (all_pass_switch_dispatch); SYMSHAPE_GUARD_SWITCH_DISPATCH
//    makes check() use the switch.
// Register instructions (the guards that did not fuse) follow the runs, one
// dispatch each, with the same arithmetic as the exact code.
#include <algorithm>
#include <stdexcept>
#include <type_traits>

#include "guard_program_ops.hpp"
#include "status_int_math.hpp"
#include "symshape/guards/guard_program.hpp"

#if defined(__GNUC__) && !defined(SYMSHAPE_GUARD_SWITCH_DISPATCH)
#define SYMSHAPE_COMPUTED_GOTO 1
#else
#define SYMSHAPE_COMPUTED_GOTO 0
#endif

namespace symshape {
namespace {

using guard_ops::Instr;
using guard_ops::LinearTerm;
using guard_ops::Op;

// Whether a fused guard fails or overflows, as one nonzero value.
template <Op op>
inline uint64_t fails_or_overflows(const Instr& in, const int64_t* s) {
  bool overflow = false;
  uint64_t failed = guard_ops::fails<op>(in, nullptr, s, overflow);
  return failed | overflow;
}

inline uint64_t linear_fails(const Instr& in, const LinearTerm* terms, const int64_t* s) {
  bool overflow = false;
  uint64_t failed = guard_ops::linear_fails(in, terms, s, overflow);
  return failed | overflow;
}

}  // namespace

// The fast code's interpreters, as members of a friend so that End can read
// the program: with kReport (check()), End returns the stored pass result or
// tail-calls the exact code, so that a passing check is one call from check()
// and back, with nothing kept across it; without (all_pass), End says whether
// everything passed.
struct GuardProgramFastCode {
  template <bool kReport>
  using Result = std::conditional_t<kReport, GuardResult, bool>;

  template <bool kReport>
  static Result<kReport> finish(const GuardProgram& p, const int64_t* s, int64_t* r, uint64_t bad) {
    if constexpr (kReport) {
      if (bad == 0) [[likely]] return p.pass_result_;
      return p.run(s, r);
    } else {
      (void)p, (void)s, (void)r;
      return bad == 0;
    }
  }

#if defined(__GNUC__)
  template <bool kLean, bool kReport>
  static Result<kReport> run_computed_goto(const GuardProgram& p, const Instr* pc, const int64_t* s, int64_t* r,
                                           uint64_t bad) {
#define SYMSHAPE_LABEL(name) &&op_##name,
    static const void* const kLabels[] = {SYMSHAPE_GUARD_OPS(SYMSHAPE_LABEL)};
#undef SYMSHAPE_LABEL
#define HANDLER(name) op_##name
#define NEXT goto* kLabels[static_cast<uint8_t>(pc->op)]
#define CONTINUE_FULL return run_computed_goto<false, kReport>(p, pc, s, r, bad)
    [[maybe_unused]] bool no_overflow = false;  // SlotInRange cannot overflow
    NEXT;
#include "guard_program_fast_handlers.inc"
#undef HANDLER
#undef NEXT
#undef CONTINUE_FULL
  }
#endif

  template <bool kLean, bool kReport>
  static Result<kReport> run_switch(const GuardProgram& p, const Instr* pc, const int64_t* s, int64_t* r,
                                    uint64_t bad) {
#define HANDLER(name) case Op::name
#define NEXT continue
#define CONTINUE_FULL return run_switch<false, kReport>(p, pc, s, r, bad)
    [[maybe_unused]] bool no_overflow = false;  // SlotInRange cannot overflow
    for (;;) {
      switch (pc->op) {
#include "guard_program_fast_handlers.inc"
      }
    }
#undef HANDLER
#undef NEXT
#undef CONTINUE_FULL
  }

  template <bool kReport>
  static Result<kReport> run(const GuardProgram& p, const int64_t* s, int64_t* r) {
#if SYMSHAPE_COMPUTED_GOTO
    return run_computed_goto<true, kReport>(p, p.fast_code_.data(), s, r, 0);
#else
    return run_switch<true, kReport>(p, p.fast_code_.data(), s, r, 0);
#endif
  }
};

namespace {
// Out of line and cold, so that check() itself needs no stack frame and ends
// in a tail call (a throw in its body made it save registers on every call).
[[noreturn, gnu::cold, gnu::noinline]] void throw_invalid_argument(const char* what) {
  throw std::invalid_argument(what);
}
}  // namespace

// Written out twice, not one calling the other: inlined, the call did not
// stay a tail call, and GCC moved the returned GuardResult through the stack.
GuardResult GuardProgram::check(std::span<const int64_t> slots) const {
  if (slots.size() < slots_needed_) throw_invalid_argument("GuardProgram::check: too few slots");
  return GuardProgramFastCode::run<true>(*this, slots.data(), scratch_.values_.data());
}

GuardResult GuardProgram::check(std::span<const int64_t> slots, Registers& registers) const {
  if (slots.size() < slots_needed_) throw_invalid_argument("GuardProgram::check: too few slots");
  if (registers.program_id_ != id_) throw_invalid_argument("GuardProgram::check: register file of another program");
  return GuardProgramFastCode::run<true>(*this, slots.data(), registers.values_.data());
}

bool GuardProgram::all_pass(std::span<const int64_t> slots) const {
  if (slots.size() < slots_needed_) throw_invalid_argument("GuardProgram::all_pass: too few slots");
  return GuardProgramFastCode::run<false>(*this, slots.data(), scratch_.values_.data());
}

bool GuardProgram::all_pass_switch_dispatch(std::span<const int64_t> slots) const {
  if (slots.size() < slots_needed_) throw_invalid_argument("GuardProgram::all_pass: too few slots");
  return GuardProgramFastCode::run_switch<true, false>(*this, fast_code_.data(), slots.data(),
                                                        scratch_.values_.data(), 0);
}

}  // namespace symshape
