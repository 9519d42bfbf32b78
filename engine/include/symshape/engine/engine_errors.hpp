// Typed errors raised by the ShapeEnv. All derive from symshape::Error, so a
// caller that processes many inputs can catch per item and go on.
#pragma once

#include <string>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape {

// A condition (or integer) that depends on data-dependent (unbacked) values was
// asked for and the known facts do not decide it. There is no hint to fall back
// on, so the compiler must either avoid the question or state the answer with
// `expect_true` (a runtime assertion). `expr` is the expression as the engine
// saw it after simplification; `original` as the caller passed it.
struct DataDependentError : Error {
  DataDependentError(const std::string& message, Expr expr, Expr original)
      : Error(message), expr(expr), original(original) {}
  Expr expr;
  Expr original;
};

// A condition that the facts already refute was asserted (`expect_true` of a
// condition known false, or a hint that contradicts it): the program being
// traced cannot run with these sizes.
struct GuardViolation : Error {
  GuardViolation(const std::string& message, Expr condition) : Error(message), condition(condition) {}
  Expr condition;
};

// The ShapeEnv was used in a way its contract forbids: a negative size hint,
// one source registered twice with different hints, pop() without push(), a
// symbol the env did not create.
struct ShapeEnvUsageError : Error {
  using Error::Error;
};

}  // namespace symshape
