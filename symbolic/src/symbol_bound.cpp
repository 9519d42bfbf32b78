#include "symshape/symbolic/symbol_bound.hpp"

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {
namespace {

// e == coefficient*symbol + constant.
struct OneSymbolLinear {
  Expr symbol;  // null when e is a constant
  int64_t coefficient = 0;
  int64_t constant = 0;
};

// A term k*s (canonical Mul puts the Integer coefficient first), or s.
std::optional<OneSymbolLinear> linear_term(Expr t) {
  if (t.is_symbol()) return OneSymbolLinear{t, 1, 0};
  if (t.is(ExprKind::Mul) && t.num_args() == 2 && t.arg(0).is_integer() && t.arg(1).is_symbol()) {
    return OneSymbolLinear{t.arg(1), t.arg(0).value(), 0};
  }
  return std::nullopt;
}

// c, s, k*s or c + k*s (a canonical Add holds at most one Integer, first).
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
  const int64_t k = checked_sub(lhs->coefficient, rhs->coefficient);
  if (k == 0) return std::nullopt;
  return SymbolBound{sym, solve_linear(kind, k, checked_sub(rhs->constant, lhs->constant))};
}

void split_conjuncts(Expr cond, std::vector<Expr>& out) {
  if (cond.is(ExprKind::And)) {
    for (Expr arg : cond.args()) split_conjuncts(arg, out);
  } else {
    out.push_back(cond);
  }
}

}  // namespace

ValueRange solve_linear(ExprKind rel, int64_t k, int64_t r) {
  if (rel == ExprKind::Eq) {
    if (python_mod(r, k) != 0) return ValueRange::empty();
    return ValueRange::point(floor_div(r, k));
  }
  if (rel == ExprKind::Lt) r = checked_sub(r, 1);  // k*x < r  <=>  k*x <= r - 1
  if (k > 0) return ValueRange::at_most(floor_div(r, k));
  return ValueRange::at_least(ceil_div(r, k));
}

std::optional<SymbolBound> single_symbol_bound(Expr cond) {
  try {
    std::optional<SymbolBound> result;
    std::span<const Expr> parts = cond.is(ExprKind::And) ? cond.args() : std::span<const Expr>(&cond, 1);
    for (Expr c : parts) {
      auto b = relation_bound(c);
      if (!b || (result && result->symbol != b->symbol)) return std::nullopt;
      if (result) b->range = result->range.intersect(b->range);
      result = b;
    }
    if (result && result->range.is_empty()) return std::nullopt;
    return result;
  } catch (const Error&) {
    return std::nullopt;  // a bound beyond int64: left to the callers that reason exactly
  }
}

AssumedRanges assumed_ranges(const SymbolDomain& domain, std::span<const Expr> assumptions) {
  AssumedRanges out;
  out.ranges.domain = domain;
  for (size_t i = 0; i < assumptions.size(); ++i) {
    std::vector<Expr> conjuncts;
    split_conjuncts(assumptions[i], conjuncts);
    for (Expr c : conjuncts) {
      if (c.is_false()) {
        out.conflict = AssumedRanges::Conflict{i, Expr()};
        continue;
      }
      auto bound = single_symbol_bound(c);
      if (!bound) {
        out.non_range.push_back(c);
        continue;
      }
      ValueRange narrowed = out.ranges.of_symbol(bound->symbol).intersect(bound->range);
      if (narrowed.is_empty()) {
        out.conflict = AssumedRanges::Conflict{i, bound->symbol};
        continue;
      }
      out.ranges.symbols.insert_or_assign(bound->symbol, narrowed);
    }
  }
  return out;
}

}  // namespace symshape
