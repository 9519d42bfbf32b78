// The outcome of evaluating one guard alone, the reference the GuardProgram
// tests compare against: true, false, or nullopt where evaluation raises
// (overflow, division by zero), which a guard check reports as a failure.
#pragma once

#include <optional>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"

namespace symshape::testing {

using Outcome = std::optional<bool>;

inline Outcome by_evaluate(Expr g, const Assignment& values) {
  try {
    return evaluate_bool(g, values);
  } catch (const OverflowError&) {
    return std::nullopt;
  } catch (const DivisionByZeroError&) {
    return std::nullopt;
  }
}

}  // namespace symshape::testing
