// Pattern matching of fused guard shapes (see guard_program_fuse.hpp).
#include "guard_program_fuse.hpp"

#include <limits>

namespace symshape::detail {
namespace {

using Op = GuardProgram::Op;
using Instr = GuardProgram::Instr;
using LinearTerm = GuardProgram::LinearTerm;
using LinearRel = GuardProgram::LinearRel;

bool is_power_of_two(int64_t c) { return c > 0 && (c & (c - 1)) == 0; }

Instr make(Op op, uint32_t a, uint32_t b = 0, int64_t imm = 0, uint32_t dst = 0) {
  Instr in;
  in.op = op;
  in.a = a;
  in.b = b;
  in.imm = imm;
  in.dst = dst;
  return in;
}

// `x REL c` for a symbol x and a constant c (either side).
bool fuse_slot_const(ExprKind rel, Expr lhs, Expr rhs, const SlotLayout& layout, Instr& out) {
  bool slot_left = lhs.kind() == ExprKind::Symbol && rhs.is_integer();
  bool slot_right = rhs.kind() == ExprKind::Symbol && lhs.is_integer();
  if (!slot_left && !slot_right) return false;
  uint32_t x = layout.require_slot(slot_left ? lhs : rhs);
  int64_t c = slot_left ? rhs.value() : lhs.value();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  switch (rel) {
    case ExprKind::Eq: out = make(Op::SlotEqConst, x, 0, c); return true;
    case ExprKind::Ne: out = make(Op::SlotNeConst, x, 0, c); return true;
    case ExprKind::Le: out = make(slot_left ? Op::SlotLeConst : Op::SlotGeConst, x, 0, c); return true;
    case ExprKind::Lt:
      // Integers: x < c is x <= c - 1, and c < x is x >= c + 1, when those fit.
      if (slot_left && c != kMin) out = make(Op::SlotLeConst, x, 0, c - 1);
      else if (slot_right && c != kMax) out = make(Op::SlotGeConst, x, 0, c + 1);
      else return false;
      return true;
    default: return false;
  }
}

// `Mod(x, c) == 0` / `!= 0` for a symbol x and a constant c >= 2. For c > 0,
// Python's x % c is zero exactly when C++'s is (divisibility does not depend
// on the sign convention), and for a power of two exactly when x & (c - 1) is
// (two's complement). Other divisors (0: an error; negative; 1: folded away
// in canonical form) stay generic.
bool fuse_mod_zero(ExprKind rel, Expr lhs, Expr rhs, const SlotLayout& layout, Instr& out) {
  if (rel != ExprKind::Eq && rel != ExprKind::Ne) return false;
  Expr m = lhs.kind() == ExprKind::Mod ? lhs : rhs;
  Expr zero = lhs.kind() == ExprKind::Mod ? rhs : lhs;
  if (m.kind() != ExprKind::Mod || !zero.is_integer() || zero.value() != 0) return false;
  if (m.arg(0).kind() != ExprKind::Symbol || !m.arg(1).is_integer()) return false;
  int64_t c = m.arg(1).value();
  if (c < 2) return false;
  uint32_t x = layout.require_slot(m.arg(0));
  bool eq = rel == ExprKind::Eq;
  if (is_power_of_two(c)) out = make(eq ? Op::SlotMaskZero : Op::SlotMaskNonZero, x, 0, c - 1);
  else out = make(eq ? Op::SlotModZero : Op::SlotModNonZero, x, 0, c);
  return true;
}

// `x + y == z` and `x * y == z` for symbols (either side of the Eq).
bool fuse_binary_eq(ExprKind rel, Expr lhs, Expr rhs, const SlotLayout& layout, Instr& out) {
  if (rel != ExprKind::Eq) return false;
  bool op_left = lhs.kind() == ExprKind::Add || lhs.kind() == ExprKind::Mul;
  Expr op = op_left ? lhs : rhs;
  Expr z = op_left ? rhs : lhs;
  if ((op.kind() != ExprKind::Add && op.kind() != ExprKind::Mul) || op.num_args() != 2) return false;
  if (z.kind() != ExprKind::Symbol || op.arg(0).kind() != ExprKind::Symbol || op.arg(1).kind() != ExprKind::Symbol) {
    return false;
  }
  out = make(op.kind() == ExprKind::Add ? Op::AddEqSlot : Op::MulEqSlot, layout.require_slot(op.arg(0)),
             layout.require_slot(op.arg(1)), 0, layout.require_slot(z));
  return true;
}

// `c*FloorDiv(x, c) == y` (either side; the product's arguments in either
// order) for symbols x, y and a power of two c >= 2: rounding a size down to
// a multiple of c, which real sets compare against another size again and
// again. For such c, Python's c*(x // c) is x with its low bits cleared
// (floor division by 2^k is an arithmetic shift), so it never overflows and
// never divides by zero. Other c stay generic: 3*FloorDiv(x, 3) can overflow.
bool fuse_align_eq(ExprKind rel, Expr lhs, Expr rhs, const SlotLayout& layout, Instr& out) {
  if (rel != ExprKind::Eq) return false;
  bool product_left = lhs.kind() == ExprKind::Mul;
  Expr product = product_left ? lhs : rhs;
  Expr y = product_left ? rhs : lhs;
  if (product.kind() != ExprKind::Mul || product.num_args() != 2 || y.kind() != ExprKind::Symbol) return false;
  Expr c = product.arg(0).is_integer() ? product.arg(0) : product.arg(1);
  Expr q = product.arg(0).is_integer() ? product.arg(1) : product.arg(0);
  if (!c.is_integer() || q.kind() != ExprKind::FloorDiv || q.arg(0).kind() != ExprKind::Symbol) return false;
  if (!q.arg(1).is_integer() || q.arg(1).value() != c.value()) return false;
  if (c.value() < 2 || !is_power_of_two(c.value())) return false;
  out = make(Op::SlotAlignEqSlot, layout.require_slot(q.arg(0)), layout.require_slot(y), -c.value());
  return true;
}

// `x + y <= c`, `x + y < c` and the mirrored `c <= x + y`, `c < x + y` for
// symbols x, y (the common `s1 + s2 <= 1024`): one checked addition and one
// compare, where Linear would loop over its terms.
bool fuse_add_const(ExprKind rel, Expr lhs, Expr rhs, const SlotLayout& layout, Instr& out) {
  if (rel != ExprKind::Le && rel != ExprKind::Lt) return false;
  bool sum_left = lhs.kind() == ExprKind::Add;
  Expr sum = sum_left ? lhs : rhs;
  Expr c = sum_left ? rhs : lhs;
  if (sum.kind() != ExprKind::Add || sum.num_args() != 2 || !c.is_integer()) return false;
  if (sum.arg(0).kind() != ExprKind::Symbol || sum.arg(1).kind() != ExprKind::Symbol) return false;
  int64_t k = c.value();
  if (rel == ExprKind::Lt) {  // integers: x < c is x <= c - 1, c < x is x >= c + 1
    if (sum_left ? k == std::numeric_limits<int64_t>::min() : k == std::numeric_limits<int64_t>::max()) return false;
    k += sum_left ? -1 : 1;
  }
  out = make(sum_left ? Op::AddLeConst : Op::AddGeConst, layout.require_slot(sum.arg(0)),
             layout.require_slot(sum.arg(1)), k);
  return true;
}

// One term of a linear side: a constant, a symbol, or Mul(constant, symbol)
// in either order (the product is checked either way, with the same result).
bool linear_term(Expr e, const SlotLayout& layout, LinearTerm& out) {
  if (e.is_integer()) {
    out = {e.value(), 0, LinearTerm::Kind::Constant};
    return true;
  }
  if (e.kind() == ExprKind::Symbol) {
    out = {1, layout.require_slot(e), LinearTerm::Kind::Slot};
    return true;
  }
  if (e.kind() != ExprKind::Mul || e.num_args() != 2) return false;
  Expr k = e.arg(0).is_integer() ? e.arg(0) : e.arg(1);
  Expr x = e.arg(0).is_integer() ? e.arg(1) : e.arg(0);
  if (!k.is_integer() || x.kind() != ExprKind::Symbol) return false;
  out = {k.value(), layout.require_slot(x), LinearTerm::Kind::Scaled};
  return true;
}

// Appends the terms of one side (an Add is folded left to right, as
// evaluate does); returns how many, or 0 when the side is not linear.
uint32_t linear_side(Expr side, const SlotLayout& layout, std::vector<LinearTerm>& terms) {
  size_t before = terms.size();
  LinearTerm t;
  if (side.kind() != ExprKind::Add) {
    if (!linear_term(side, layout, t)) return 0;
    terms.push_back(t);
    return 1;
  }
  for (Expr arg : side.args()) {
    if (!linear_term(arg, layout, t)) {
      terms.resize(before);
      return 0;
    }
    terms.push_back(t);
  }
  return static_cast<uint32_t>(terms.size() - before);
}

bool fuse_linear(ExprKind rel, Expr lhs, Expr rhs, const SlotLayout& layout, Instr& out,
                 std::vector<LinearTerm>& terms) {
  LinearRel r;
  switch (rel) {
    case ExprKind::Eq: r = LinearRel::Eq; break;
    case ExprKind::Ne: r = LinearRel::Ne; break;
    case ExprKind::Lt: r = LinearRel::Lt; break;
    case ExprKind::Le: r = LinearRel::Le; break;
    default: return false;
  }
  size_t first = terms.size();
  uint32_t left = linear_side(lhs, layout, terms);
  uint32_t right = left == 0 ? 0 : linear_side(rhs, layout, terms);
  bool has_slot = false;
  for (size_t i = first; i < terms.size(); ++i) has_slot |= terms[i].kind != LinearTerm::Kind::Constant;
  if (left == 0 || right == 0 || !has_slot) {
    terms.resize(first);
    return false;
  }
  out = make(Op::Linear, static_cast<uint32_t>(first), left, 0, right);
  out.rel = static_cast<uint8_t>(r);
  return true;
}

}  // namespace

bool is_fused(GuardProgram::Op op) { return op >= Op::SlotEqSlot && op <= Op::Linear; }

bool fuse_guard(Expr guard, const SlotLayout& layout, Instr& out, std::vector<LinearTerm>& terms) {
  ExprKind rel = guard.kind();
  if (rel != ExprKind::Eq && rel != ExprKind::Ne && rel != ExprKind::Le && rel != ExprKind::Lt) return false;
  Expr lhs = guard.arg(0), rhs = guard.arg(1);
  if (lhs.kind() == ExprKind::Symbol && rhs.kind() == ExprKind::Symbol && rel != ExprKind::Lt) {
    uint32_t a = layout.require_slot(lhs), b = layout.require_slot(rhs);
    out = make(rel == ExprKind::Eq ? Op::SlotEqSlot : rel == ExprKind::Ne ? Op::SlotNeSlot : Op::SlotLeSlot, a, b);
    return true;
  }
  return fuse_slot_const(rel, lhs, rhs, layout, out) || fuse_mod_zero(rel, lhs, rhs, layout, out) ||
         fuse_binary_eq(rel, lhs, rhs, layout, out) || fuse_add_const(rel, lhs, rhs, layout, out) ||
         fuse_align_eq(rel, lhs, rhs, layout, out) ||
         fuse_linear(rel, lhs, rhs, layout, out, terms);
}

}  // namespace symshape::detail
