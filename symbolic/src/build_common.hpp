// Helpers shared by the canonicalizing constructors (build_*.cpp). Private to
// the symbolic library.
#pragma once

#include <cstdint>
#include <span>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape::detail {

// Integer constructors reject booleans (and vice versa): mixing them is a type
// error in the guard language, not something to coerce silently.
void require_integer(Expr e, const char* op);
void require_integers(std::span<const Expr> es, const char* op);
void require_boolean(Expr e, const char* op);

// `a op b` computed exactly, or false when it would overflow (for rules that
// are optional: they are simply skipped instead of throwing).
inline bool try_mul(int64_t a, int64_t b, int64_t& out) { return !__builtin_mul_overflow(a, b, &out); }
inline bool try_add(int64_t a, int64_t b, int64_t& out) { return !__builtin_add_overflow(a, b, &out); }

}  // namespace symshape::detail
