// rebuild: the canonical constructor for a node kind, applied to new arguments.
#include "build_common.hpp"
#include "symshape/symbolic/build.hpp"

namespace symshape {

namespace {

void require_args(Expr e, std::span<const Expr> args, size_t n) {
  if (args.size() != n) {
    throw UnsupportedError(std::string("rebuild: ") + kind_name(e.kind()) + " takes " + std::to_string(n) +
                           " arguments, got " + std::to_string(args.size()));
  }
}

}  // namespace

Expr rebuild(Expr e, std::span<const Expr> a) {
  switch (e.kind()) {
    case ExprKind::Integer:
    case ExprKind::Symbol:
    case ExprKind::True:
    case ExprKind::False:
      return e;
    case ExprKind::Add: return add(a);
    case ExprKind::Mul: return mul(a);
    case ExprKind::Pow:
      require_args(e, a, 2);
      if (!a[1].is_integer()) throw UnsupportedError("rebuild: Pow exponent must be an integer constant");
      return pow(a[0], a[1].value());
    case ExprKind::FloorDiv: require_args(e, a, 2); return floordiv(a[0], a[1]);
    case ExprKind::Mod: require_args(e, a, 2); return mod(a[0], a[1]);
    case ExprKind::Min: return min(a);
    case ExprKind::Max: return max(a);
    case ExprKind::Eq: require_args(e, a, 2); return eq(a[0], a[1]);
    case ExprKind::Ne: require_args(e, a, 2); return ne(a[0], a[1]);
    case ExprKind::Lt: require_args(e, a, 2); return lt(a[0], a[1]);
    case ExprKind::Le: require_args(e, a, 2); return le(a[0], a[1]);
    case ExprKind::And: return logical_and(a);
    case ExprKind::Or: return logical_or(a);
    case ExprKind::Not: require_args(e, a, 1); return logical_not(a[0]);
  }
  throw UnsupportedError("rebuild: unknown node kind");
}

}  // namespace symshape
