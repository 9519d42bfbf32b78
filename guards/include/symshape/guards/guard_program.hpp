// GuardProgram: a guard set compiled to a flat register bytecode.
//
// Why: a cache checks its guards on every call, so checking must cost
// nanoseconds. Walking Expr trees chases pointers, re-evaluates shared
// subexpressions and looks symbols up by hash; PyTorch's Python `eval` of the
// joined guard text is slower still, and its gcc-compiled guards were turned
// off because compiling cost more than it saved. A GuardProgram is compiled in
// microseconds without any C compiler and checks with a tight switch loop.
//
// Layout of a program:
//  - registers: one int64 per distinct node (Expr nodes are hash-consed, so
//    common subexpression elimination is a map lookup) plus temporaries for
//    n-ary folds. Constants live in registers filled once when the register
//    file is made, so no instruction loads them.
//  - code: LoadSlot for each symbol used, then one block per guard. A guard
//    whose top is a relation ends in a fused compare-and-require; any other
//    guard computes its boolean and ends in Require. The code has no jumps:
//    every node is computed at most once and shared by every later guard.
//  - And/Or evaluate every arm, as symshape::evaluate does: an error in any
//    arm fails the guard. Python's short-circuit `or` would pass
//    `Or(Eq(s1, 0), Eq(s0 // s1, 2))` at s1=0 where this fails it: the
//    conservative direction (a recompile), never a wrong pass. Within that
//    rule the order of evaluation inside a guard does not change its result.
//
// Evaluation order (the heuristic): guards are evaluated from the one most
// likely to fail cheaply to the least: first by kind (False; Eq with a
// constant side; other Eq; Ne; Le/Lt; everything else), then by the number of
// distinct operations they need, then by original position. Equalities go
// first because a changed input usually breaks a specialization (`Eq(s0, 3)`:
// fails for every other value) or a duck-sized pair (`Eq(s0, s1)`), while
// range bounds hold for most new sizes. The result still names the
// failed guard by its ORIGINAL index; which guard is reported when several
// fail is therefore the first in evaluation order, not in original order.
//
// Two codes: check() first runs the FAST code, which only says whether every
// guard passes (branch-free, one dispatch per run of same-shape fused guards,
// the bounds of one slot merged into one range check, two slot equalities per
// instruction, an equality and a bound on one sum sharing its addition, and
// without the guards that the guards it keeps imply: duplicates through
// equality classes, looser bounds, weaker divisibility, `s1 + s2 <= 1047`
// after `s1 + s2 <= 1024`, `s3 <= 1024` after `Eq(s3, s1 + s2)` and
// `s1 + s2 <= 1024`; see guards/src/guard_program_implied.hpp). Only when that
// fails does it run the EXACT code, every guard in evaluation order, which
// names the failed guard. So leaving guards out of the fast code never
// changes what check() reports. A passing check is one call from check()
// into the fast code and back (guards/src/guard_program_fast.cpp).
//
// Semantics: exact int64 with Python `//` and `%`. Overflow or a zero divisor
// stops the check with status Error for the guard being evaluated (see
// guard_result.hpp); nothing ever wraps.
//
// Checking allocates nothing. `check(slots)`, `all_pass` and
// `all_pass_switch_dispatch` use a register file owned by the program, so they
// must not run concurrently on one program; concurrent callers use
// `check(slots, registers)` with their own `Registers` (from `make_registers`,
// made once per thread): every other const member may be called from several
// threads at once.
// GuardCache does exactly that (guard_cache.hpp).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "symshape/guards/guard_result.hpp"
#include "symshape/guards/slot_layout.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape {

class GuardProgram {
 public:
  enum class Op : uint8_t {
    End,       // stops the program (sentinel after the last instruction)
    LoadSlot,  // r[dst] = slots[a]
    Add,       // r[dst] = r[a] + r[b]   (checked)
    Mul,       // r[dst] = r[a] * r[b]   (checked)
    Pow,       // r[dst] = r[a] ** r[b]  (checked; r[b] >= 0 constant)
    FloorDiv,  // r[dst] = r[a] // r[b]  (Python)
    Mod,       // r[dst] = r[a] % r[b]   (Python)
    Min,       // r[dst] = min(r[a], r[b])
    Max,       // r[dst] = max(r[a], r[b])
    Eq,        // r[dst] = r[a] == r[b]
    Ne,
    Lt,
    Le,
    Not,            // r[dst] = !r[a]
    And,            // r[dst] = r[a] && r[b]
    Or,             // r[dst] = r[a] || r[b]
    Require,        // guard fails unless r[a] != 0
    RequireEq,      // guard fails unless r[a] == r[b]
    RequireNe,
    RequireLt,
    RequireLe,
    // Fused guards (guard_program_fuse.hpp): one whole guard each, reading
    // slots and the constant `imm` directly, no registers. s = slots.
    SlotEqSlot,      // s[a] == s[b]
    SlotNeSlot,      // s[a] != s[b]
    SlotLeSlot,      // s[a] <= s[b]
    SlotEqConst,     // s[a] == imm
    SlotNeConst,     // s[a] != imm
    SlotLeConst,     // s[a] <= imm
    SlotGeConst,     // s[a] >= imm
    SlotModZero,     // s[a] % imm == 0      (imm >= 3, not a power of two)
    SlotModNonZero,  // s[a] % imm != 0
    SlotMaskZero,    // (s[a] & imm) == 0    (imm = c - 1 for a power of two c: s % c == 0)
    SlotMaskNonZero, // (s[a] & imm) != 0
    AddEqSlot,       // s[a] + s[b] == s[dst]   (overflow: error)
    MulEqSlot,       // s[a] * s[b] == s[dst]   (overflow: error)
    AddLeConst,      // s[a] + s[b] <= imm      (overflow: error)
    AddGeConst,      // s[a] + s[b] >= imm      (overflow: error)
    // c*FloorDiv(s[a], c) == s[b] for a power of two c >= 2, as
    // (s[a] & imm) == s[b] with imm = -c (s[a] rounded down to a multiple of
    // c: an aligned size). Never overflows: the product lies in [s[a] - c + 1, s[a]].
    SlotAlignEqSlot,
    // lhs REL rhs, each side a left-folded sum of linear_terms: lhs is terms
    // [a, a + b), rhs the next `dst` terms; rel is a LinearRel. Every product
    // and partial sum is checked, in the order the guard's tree does them.
    Linear,
    // Fast code only: lo <= s[a] <= hi as ONE unsigned compare,
    // (uint64)s[a] - (uint64)lo <= (uint64)hi - (uint64)lo, with lo = imm and
    // the width hi - lo in (b << 32) | dst (see range_width). The compiler
    // turns SlotEqConst, SlotLeConst and SlotGeConst into it, one per slot
    // with all of that slot's bounds intersected.
    SlotInRange,
    // Fast code only: two slot equalities in one instruction,
    // s[a] == s[b] && s[dst] == s[imm], so that the many duck-sized pairs of
    // a real set cost half the loop steps (the compiler pairs SlotEqSlot).
    SlotEqSlot2,
    // Fast code only: AddEqSlot and AddLeConst on one sum (the mask length of
    // a decoder with a cache: Eq(s3, s1 + s2), s1 + s2 <= 1024), the sum
    // computed and checked once: s[a] + s[b] == s[dst] && s[a] + s[b] <= imm.
    AddEqSlotLeConst,
  };
  static constexpr size_t kOpCount = static_cast<size_t>(Op::AddEqSlotLeConst) + 1;

  enum class LinearRel : uint8_t { Eq, Ne, Lt, Le };

  // One term of a side of a Linear guard: `coeff * s[slot]`, a plain
  // `s[slot]` (no multiplication in the guard's tree, so none that could
  // overflow), or the constant `coeff`.
  struct LinearTerm {
    enum class Kind : uint8_t { Slot, Scaled, Constant };
    int64_t coeff = 0;
    uint32_t slot = 0;
    Kind kind = Kind::Slot;
  };

  // 24 bytes. `dst` and `b` are adjacent, dst first and 8-byte aligned, so
  // that range_width is one 64-bit load on a little-endian machine.
  struct Instr {
    Op op = Op::End;
    uint8_t rel = 0;
    uint32_t a = 0;
    uint32_t dst = 0;
    uint32_t b = 0;
    int64_t imm = 0;
  };
  static uint64_t range_width(const Instr& in) { return (uint64_t{in.b} << 32) | in.dst; }

  // A register file for one program (and its copies), constants filled in.
  class Registers {
   public:
    size_t size() const { return values_.size(); }

   private:
    friend class GuardProgram;
    friend class GuardProgramCompiler;
    std::vector<int64_t> values_;
    uint64_t program_id_ = 0;
  };

  GuardProgram() = default;
  // Compiles `guards` (boolean Exprs) against `layout`, which must contain
  // every symbol of every guard (UnboundSymbolError otherwise). Throws
  // UnsupportedError for an integer-valued guard.
  GuardProgram(std::vector<Expr> guards, const SlotLayout& layout);

  // `slots` holds at least `slots_needed()` values laid out by the layout the
  // program was compiled against (InvalidArgumentError otherwise, and for
  // `registers` made by another program).
  GuardResult check(std::span<const int64_t> slots) const;
  GuardResult check(std::span<const int64_t> slots, Registers& registers) const;
  // Whether every guard passes, without saying which failed: the fast code
  // alone (check() runs it first and the exact code only when it fails).
  bool all_pass(std::span<const int64_t> slots) const;
  // The same answer through the portable switch dispatch of the fast code
  // (what check() runs where the compiler has no computed goto), so that
  // tests cover both dispatch methods on every compiler.
  bool all_pass_switch_dispatch(std::span<const int64_t> slots) const;
  Registers make_registers() const;

  size_t guard_count() const { return guards_.size(); }
  std::span<const Expr> guards() const { return guards_; }  // original order
  Expr guard(size_t original_index) const { return guards_[original_index]; }
  // Original indices in the order the program evaluates them.
  std::span<const uint32_t> evaluation_order() const { return order_; }
  size_t slots_needed() const { return slots_needed_; }
  // How many distinct guards the fast code checks: the others are implied by
  // them (guard_program_implied.hpp) and only the exact code evaluates them.
  size_t fast_guard_count() const { return fast_guard_count_; }
  size_t register_count() const { return initial_registers_.size(); }
  uint64_t id() const { return id_; }
  // The exact code: guards in evaluation order, ending in End.
  std::span<const Instr> code() const { return code_; }
  // The fast code: the fused guards grouped by op, then the register code.
  std::span<const Instr> fast_code() const { return fast_code_; }
  std::span<const LinearTerm> linear_terms() const { return linear_terms_; }
  // One instruction per line, for debugging and tests: the exact code (with
  // the guard each block checks), and the fast code.
  std::string disassemble() const;
  std::string disassemble_fast() const;

 private:
  friend class GuardProgramCompiler;
  friend struct GuardProgramFastCode;  // guard_program_fast.cpp

  // The exact code (guard_program_run.cpp).
  GuardResult run(const int64_t* slots, int64_t* r) const;
  GuardResult stopped_at(size_t pc, GuardStatus status, EvalError error) const;
  std::string instruction_text(const Instr& in) const;

  std::vector<Expr> guards_;
  std::vector<uint32_t> order_;
  std::vector<Instr> code_;
  std::vector<Instr> fast_code_;
  std::vector<LinearTerm> linear_terms_;
  // For each guard in evaluation order: the pc of its first instruction.
  // Only read on the failure path, to name the guard an error occurred in.
  std::vector<uint32_t> guard_start_pc_;
  Registers initial_registers_;
  mutable Registers scratch_;
  // Distinguishes register files of different programs (their constants differ).
  uint64_t id_ = 0;
  size_t slots_needed_ = 0;
  size_t fast_guard_count_ = 0;
  // What check() returns when every guard passes, built once: returning a
  // stored value is two loads, where building it was stores to the stack and
  // a narrower reload that the CPU could not forward (a stall on every check).
  GuardResult pass_result_;
};

const char* op_name(GuardProgram::Op op);
const char* linear_rel_name(GuardProgram::LinearRel rel);

}  // namespace symshape
