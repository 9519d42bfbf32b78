// Helpers shared by the canonicalizing constructors (build_*.cpp). Private to
// the symbolic library.
#pragma once

#include <cstdint>
#include <span>

#include <boost/container/small_vector.hpp>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape::detail {

// Argument lists of the nodes being built: short, so kept on the stack.
using ArgBuffer = boost::container::small_vector<Expr, 8>;

// make_raw for arguments in any contiguous buffer; copies them only when the
// node is new (defined in expr.cpp next to the intern table).
Expr make_raw_span(ExprKind kind, std::span<const Expr> args);
inline Expr make_raw_span(ExprKind kind, const ArgBuffer& args) {
  return make_raw_span(kind, std::span<const Expr>(args.data(), args.size()));
}
inline Expr make_node(ExprKind kind, Expr a) { return make_raw_span(kind, std::span<const Expr>(&a, 1)); }
inline Expr make_node(ExprKind kind, Expr a, Expr b) {
  Expr args[2] = {a, b};
  return make_raw_span(kind, args);
}

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
