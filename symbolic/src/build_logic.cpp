// And / Or / Not. Connectives are flattened, deduplicated and sorted, with
// True/False absorbed, and `x and not x` folds to False (`x or not x` to True);
// a pinned quotient and remainder merge (build_logic_quotient.cpp).
// Not is pushed into relations (Not(a <= b) is b + 1 <= a), so a Not node only
// ever wraps an And or an Or (De Morgan is not applied: it would recurse as deep
// as the formula).
#include <algorithm>

#include "build_common.hpp"
#include "rule_counter.hpp"
#include "symshape/symbolic/build.hpp"

namespace symshape {

namespace {

Expr build_connective(ExprKind kind, std::span<const Expr> input) {
  const char* op = kind == ExprKind::And ? "And" : "Or";
  const Expr absorbing = kind == ExprKind::And ? false_expr() : true_expr();
  const Expr identity = kind == ExprKind::And ? true_expr() : false_expr();
  detail::ArgBuffer args;
  auto take = [&](Expr e) -> bool {
    if (e == absorbing) return false;
    if (e != identity) args.push_back(e);
    return true;
  };
  for (Expr e : input) {
    detail::require_boolean(e, op);
    if (e.is(kind)) {
      for (Expr a : e.args()) {
        if (!take(a)) return absorbing;
      }
    } else if (!take(e)) {
      return absorbing;
    }
  }
  std::sort(args.begin(), args.end(), ExprLess());
  args.erase(std::unique(args.begin(), args.end()), args.end());
  if (args.empty()) return identity;
  if (args.size() == 1) return args[0];
  if (detail::merge_quotient_remainder(kind, args)) return build_connective(kind, std::span<const Expr>(args.data(), args.size()));
  for (Expr a : args) {
    Expr complement;
    try {
      complement = logical_not(a);
    } catch (const OverflowError&) {
      continue;  // e.g. not (x <= INT64_MAX): the optional check is skipped
    }
    bool complementary = std::binary_search(args.begin(), args.end(), complement, ExprLess());
    if (detail::tried(detail::RuleId::LogicComplement, complementary)) return absorbing;
  }
  return detail::make_canonical(kind, args);
}

}  // namespace

Expr logical_and(std::span<const Expr> args) { return build_connective(ExprKind::And, args); }
Expr logical_or(std::span<const Expr> args) { return build_connective(ExprKind::Or, args); }

static Expr logical_and_uncached(Expr a, Expr b);
Expr logical_and(Expr a, Expr b) {
  return detail::memoized(detail::MemoOp::And, a, b, [&] { return logical_and_uncached(a, b); });
}
static Expr logical_and_uncached(Expr a, Expr b) {
  Expr both[2] = {a, b};
  return build_connective(ExprKind::And, both);
}

static Expr logical_or_uncached(Expr a, Expr b);
Expr logical_or(Expr a, Expr b) {
  return detail::memoized(detail::MemoOp::Or, a, b, [&] { return logical_or_uncached(a, b); });
}
static Expr logical_or_uncached(Expr a, Expr b) {
  Expr both[2] = {a, b};
  return build_connective(ExprKind::Or, both);
}

static Expr logical_not_uncached(Expr a);
Expr logical_not(Expr a) {
  return detail::memoized(detail::MemoOp::Not, a, Expr(), [&] { return logical_not_uncached(a); });
}
static Expr logical_not_uncached(Expr a) {
  detail::require_boolean(a, "Not");
  switch (a.kind()) {
    case ExprKind::True: return false_expr();
    case ExprKind::False: return true_expr();
    case ExprKind::Not: return a.arg(0);
    // Eq and Ne share one orientation rule, so the negation keeps the sides.
    case ExprKind::Eq: return detail::make_node(ExprKind::Ne, a.arg(0), a.arg(1));
    case ExprKind::Ne: return detail::make_node(ExprKind::Eq, a.arg(0), a.arg(1));
    case ExprKind::Le: return lt(a.arg(1), a.arg(0));  // not (x <= y)  <=>  y < x
    case ExprKind::Lt: return le(a.arg(1), a.arg(0));  // not (x < y)   <=>  y <= x
    default: return detail::make_node(ExprKind::Not, a);
  }
}

}  // namespace symshape
