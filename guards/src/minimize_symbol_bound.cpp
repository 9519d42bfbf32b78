#include "minimize_symbol_bound.hpp"

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape::detail {
namespace {

// e == coefficient*symbol + constant.
struct OneSymbolLinear {
  Expr symbol;  // null when e is a constant
  int64_t coefficient = 0;
  int64_t constant = 0;
};

// A term k*s (k an Integer), or s.
std::optional<OneSymbolLinear> linear_term(Expr t) {
  if (t.is_symbol()) return OneSymbolLinear{t, 1, 0};
  if (t.is(ExprKind::Mul) && t.num_args() == 2 && t.arg(0).is_integer() && t.arg(1).is_symbol()) {
    return OneSymbolLinear{t.arg(1), t.arg(0).value(), 0};
  }
  return std::nullopt;
}

std::optional<OneSymbolLinear> as_linear(Expr e) {
  if (e.is_integer()) return OneSymbolLinear{Expr(), 0, e.value()};
  if (auto t = linear_term(e)) return t;
  if (e.is(ExprKind::Add) && e.num_args() == 2 && e.arg(0).is_integer()) {
    auto t = linear_term(e.arg(1));
    if (!t) return std::nullopt;
    t->constant = e.arg(0).value();
    return t;
  }
  return std::nullopt;
}

std::optional<SymbolBound> relation_bound(Expr cond) {
  const ExprKind kind = cond.kind();
  if (kind != ExprKind::Eq && kind != ExprKind::Le && kind != ExprKind::Lt) return std::nullopt;
  auto lhs = as_linear(cond.arg(0));
  auto rhs = as_linear(cond.arg(1));
  if (!lhs || !rhs) return std::nullopt;
  if (lhs->symbol && rhs->symbol && lhs->symbol != rhs->symbol) return std::nullopt;
  Expr sym = lhs->symbol ? lhs->symbol : rhs->symbol;
  if (!sym) return std::nullopt;
  // k*s REL r, from lhs - rhs REL 0.
  const int64_t k = checked_sub(lhs->symbol ? lhs->coefficient : 0, rhs->symbol ? rhs->coefficient : 0);
  int64_t r = checked_sub(rhs->constant, lhs->constant);
  if (k == 0) return std::nullopt;
  if (kind == ExprKind::Eq) {
    if (python_mod(r, k) != 0) return std::nullopt;  // no solution: canonical form folds it
    return SymbolBound{sym, ValueRange::point(floor_div(r, k))};
  }
  if (kind == ExprKind::Lt) r = checked_sub(r, 1);
  if (k > 0) return SymbolBound{sym, ValueRange::at_most(floor_div(r, k))};
  return SymbolBound{sym, ValueRange::at_least(ceil_div(r, k))};
}

}  // namespace

std::optional<SymbolBound> single_symbol_bound(Expr cond) {
  try {
    if (!cond.is(ExprKind::And)) return relation_bound(cond);
    std::optional<SymbolBound> result;
    for (Expr c : cond.args()) {
      auto b = relation_bound(c);
      if (!b || (result && result->symbol != b->symbol)) return std::nullopt;
      if (!result) {
        result = b;
      } else {
        result->range = result->range.intersect(b->range);
      }
    }
    if (result && result->range.is_empty()) return std::nullopt;
    return result;
  } catch (const Error&) {
    return std::nullopt;  // a bound beyond int64: left to the Prover
  }
}

bool range_within(const ValueRange& a, const ValueRange& b) {
  if (a.is_empty() || b.is_empty()) return false;
  const bool lo_ok = !b.has_lo() || (a.has_lo() && a.lo() >= b.lo());
  const bool hi_ok = !b.has_hi() || (a.has_hi() && a.hi() <= b.hi());
  return lo_ok && hi_ok;
}

}  // namespace symshape::detail
