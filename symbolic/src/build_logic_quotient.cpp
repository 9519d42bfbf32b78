// And/Or rule: a quotient and a remainder pinned together pin the number.
//   And(Eq(x//m, q), Eq(Mod(x, m), r)) -> Eq(x, m*q + r)   for constants q and 0 <= r < m
//   Or(Ne(x//m, q), Ne(Mod(x, m), r))  -> Ne(x, m*q + r)   (its negation)
// Both hold for every integer x, because x == m*(x//m) + Mod(x, m) and the
// pair (x//m, Mod(x, m)) determines x; with r outside [0, m) the Eq is never
// true and is left for the range simplifier. Skipped when m*q + r overflows.
#include <algorithm>
#include <optional>

#include "build_common.hpp"
#include "linear_form.hpp"
#include "rule_counter.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape::detail {

namespace {

// A relation `x//m == value` or `Mod(x, m) == value` (constant m > 0).
struct PinnedPart {
  ExprKind op;  // FloorDiv or Mod
  Expr x;
  int64_t m;
  int64_t value;
};

std::optional<PinnedPart> as_pinned_part(Expr rel, ExprKind relation) {
  if (!rel.is(relation)) return std::nullopt;
  LinearForm f;
  append_scaled(f, rel.arg(0), 1);
  append_scaled(f, rel.arg(1), -1);
  normalize(f);
  if (f.terms.size() != 1 || (f.terms[0].coeff != 1 && f.terms[0].coeff != -1)) return std::nullopt;
  Expr base = f.terms[0].base;
  if ((!base.is(ExprKind::FloorDiv) && !base.is(ExprKind::Mod)) || !base.arg(1).is_integer() ||
      base.arg(1).value() <= 0) {
    return std::nullopt;
  }
  // coeff*base + constant == 0.
  int64_t value = f.terms[0].coeff == 1 ? checked_neg(f.constant) : f.constant;
  return PinnedPart{base.kind(), base.arg(0), base.arg(1).value(), value};
}

}  // namespace

bool merge_quotient_remainder(ExprKind kind, ArgBuffer& args) {
  const ExprKind relation = kind == ExprKind::And ? ExprKind::Eq : ExprKind::Ne;
  try {
    for (size_t i = 0; i < args.size(); ++i) {
      std::optional<PinnedPart> q = as_pinned_part(args[i], relation);
      if (!q || q->op != ExprKind::FloorDiv) continue;
      for (size_t j = 0; j < args.size(); ++j) {
        std::optional<PinnedPart> r = as_pinned_part(args[j], relation);
        if (!r || r->op != ExprKind::Mod || r->x != q->x || r->m != q->m) continue;
        attempt(RuleId::LogicQuotientRemainder);
        int64_t scaled, whole;
        if (r->value < 0 || r->value >= r->m || !try_mul(q->m, q->value, scaled) ||
            !try_add(scaled, r->value, whole)) {
          continue;
        }
        Expr merged = relation == ExprKind::Eq ? eq(q->x, integer(whole)) : ne(q->x, integer(whole));
        args.erase(args.begin() + static_cast<std::ptrdiff_t>(std::max(i, j)));
        args.erase(args.begin() + static_cast<std::ptrdiff_t>(std::min(i, j)));
        args.push_back(merged);
        applied(RuleId::LogicQuotientRemainder);
        return true;
      }
    }
  } catch (const OverflowError&) {
    // The relation's sides could not be combined: the rule just does not fire.
  }
  return false;
}

}  // namespace symshape::detail
