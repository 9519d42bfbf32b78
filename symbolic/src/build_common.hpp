// Helpers shared by the canonicalizing constructors (build_*.cpp). Private to
// the symbolic library.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>

#include <boost/container/small_vector.hpp>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape::detail {

// Argument lists of the nodes being built: short, so kept on the stack.
using ArgBuffer = boost::container::small_vector<Expr, 8>;

// make_raw for arguments in any contiguous buffer; copies them only when the
// node is new (defined in expr.cpp next to the intern table).
Expr make_raw_span(ExprKind kind, std::span<const Expr> args);

// The structural invariants of build.hpp for one node (its arguments are
// assumed canonical); empty when they hold. Defined in canonical_check.cpp.
std::string node_invariant_violation(Expr e);
[[noreturn]] void fail_invariant(Expr e, const std::string& problem);

// Interns a node that a constructor claims is canonical. Debug builds check
// the claim (the invariants are cheap per node); release builds trust it.
inline Expr make_canonical(ExprKind kind, std::span<const Expr> args) {
  Expr e = make_raw_span(kind, args);
#ifndef NDEBUG
  if (std::string problem = node_invariant_violation(e); !problem.empty()) fail_invariant(e, problem);
#endif
  return e;
}
inline Expr make_canonical(ExprKind kind, const ArgBuffer& args) {
  return make_canonical(kind, std::span<const Expr>(args.data(), args.size()));
}
inline Expr make_node(ExprKind kind, Expr a) { return make_canonical(kind, std::span<const Expr>(&a, 1)); }
inline Expr make_node(ExprKind kind, Expr a, Expr b) {
  Expr args[2] = {a, b};
  return make_canonical(kind, args);
}

// Integer constructors reject booleans (and vice versa): mixing them is a type
// error in the guard language, not something to coerce silently. The checks
// are inline (they run on every constructor call); the throws are not.
[[noreturn]] void throw_not_integer(Expr e, const char* op);
[[noreturn]] void throw_not_boolean(Expr e, const char* op);
inline void require_integer(Expr e, const char* op) {
  if (!e || is_boolean_kind(e.kind())) [[unlikely]] throw_not_integer(e, op);
}
inline void require_integers(std::span<const Expr> es, const char* op) {
  for (Expr e : es) require_integer(e, op);
}
inline void require_boolean(Expr e, const char* op) {
  if (!e || !is_boolean_kind(e.kind())) [[unlikely]] throw_not_boolean(e, op);
}

// The And/Or rule of build_logic_quotient.cpp: replaces a pinned quotient and
// remainder of one number by the number itself; returns whether it did (the
// caller then rebuilds the connective from `args`).
bool merge_quotient_remainder(ExprKind kind, ArgBuffer& args);

// A node that is its own single factor and single term: not a constant, sum,
// product or power (so x*y and x + y need no flattening or merging).
inline bool is_atom_factor(Expr e) {
  switch (e.kind()) {
    case ExprKind::Symbol:
    case ExprKind::FloorDiv:
    case ExprKind::Mod:
    case ExprKind::Min:
    case ExprKind::Max:
      return true;
    default:
      return false;
  }
}

// Sorts with `compare` unless already sorted (the common case for arguments
// of canonical nodes, and cheaper to check than to sort).
template <typename It, typename Less>
void sort_if_needed(It first, It last, Less less) {
  if (!std::is_sorted(first, last, less)) std::sort(first, last, less);
}

// Constructor results are pure functions of their (interned) arguments, so the
// binary constructors keep a small per-thread memo of recent results, as
// sympy's cache does: a tracer builds the same sizes and guards over and over.
// It only saves time; a miss recomputes the same node, so output never
// depends on it (and calls that throw are not recorded).
enum class MemoOp : uint32_t {
  // 0 is never used, so zero-initialized slots match no lookup.
  Add = 1, Sub, Mul, FloorDiv, Mod, Min, Max, Eq, Ne, Le, Lt, And, Or, Not, Neg
};

struct MemoSlot {
  const ExprNode* a;
  const ExprNode* b;
  MemoOp op;
  const ExprNode* result;
};

inline MemoSlot& memo_slot(MemoOp op, Expr a, Expr b) {
  constexpr size_t kSlots = 8192;  // a power of two
  thread_local std::array<MemoSlot, kSlots> slots{};
  uint64_t h = reinterpret_cast<uintptr_t>(a.node()) * 0x9E3779B97F4A7C15ull;
  h ^= (reinterpret_cast<uintptr_t>(b.node()) + static_cast<uint64_t>(op)) * 0xC2B2AE3D27D4EB4Full;
  return slots[(h >> 40) & (kSlots - 1)];
}

template <typename Compute>
Expr memoized(MemoOp op, Expr a, Expr b, Compute compute) {
  MemoSlot& slot = memo_slot(op, a, b);
  if (slot.op == op && slot.a == a.node() && slot.b == b.node()) return Expr(slot.result);
  Expr r = compute();
  // `slot` is still valid: the table is per thread and never moves.
  slot = {a.node(), b.node(), op, r.node()};
  return r;
}

// `a op b` computed exactly, or false when it would overflow (for rules that
// are optional: they are simply skipped instead of throwing).
inline bool try_mul(int64_t a, int64_t b, int64_t& out) { return !__builtin_mul_overflow(a, b, &out); }
inline bool try_add(int64_t a, int64_t b, int64_t& out) { return !__builtin_add_overflow(a, b, &out); }

}  // namespace symshape::detail
