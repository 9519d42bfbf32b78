// The outcome of checking a guard set at one point: pass, or which guard
// failed and why. Shared by GuardProgram (compiled) and GuardInterpreter
// (tree walking) so that the two are interchangeable and comparable.
#pragma once

#include <cstdint>

#include "symshape/symbolic/int_math.hpp"

namespace symshape {

enum class GuardStatus : uint8_t {
  Pass,   // every guard evaluated to true
  False,  // `failed_guard` evaluated to false
  Error,  // evaluating `failed_guard` overflowed int64 or divided by zero
};

// Why an evaluation stopped. Python would raise (ZeroDivisionError) or give a
// big integer (overflow); a guard cache cannot reuse code for such inputs, so
// an error counts as a failure of the guard being evaluated: the conservative
// answer (recompile), never a wrong pass.
// The same enum as the checked arithmetic reports (int_math.hpp try_*).
using EvalError = IntError;

// Compilation and interpretation recurse over a guard's tree; deeper guards
// are refused (UnsupportedError) instead of overflowing the C stack. The
// parser already stops at 1,000 levels.
inline constexpr uint32_t kMaxGuardDepth = 10000;

const char* guard_status_name(GuardStatus s);
const char* eval_error_name(EvalError e);  // "overflow", "division by zero"

struct GuardResult {
  GuardStatus status = GuardStatus::Pass;
  EvalError error = EvalError::None;  // set when status == Error
  // Index of the failed guard in the ORIGINAL guard list (the order the
  // guards were given in, not the order a program evaluates them in).
  uint32_t failed_guard = 0;
  // How many guards were evaluated before the answer was known (all of them
  // on a pass). For cache statistics.
  uint32_t guards_checked = 0;

  bool passed() const { return status == GuardStatus::Pass; }

  static GuardResult pass(uint32_t checked) { return {GuardStatus::Pass, EvalError::None, 0, checked}; }
  static GuardResult fail(uint32_t guard, uint32_t checked) {
    return {GuardStatus::False, EvalError::None, guard, checked};
  }
  static GuardResult error_in(uint32_t guard, EvalError e, uint32_t checked) {
    return {GuardStatus::Error, e, guard, checked};
  }
};

}  // namespace symshape
