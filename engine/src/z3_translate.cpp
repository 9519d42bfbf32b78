#include "z3_translate.hpp"

#include <algorithm>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"

namespace symshape {

z3::expr Z3Translator::symbol_const(Expr sym) {
  auto it = symbol_consts_.find(sym);
  if (it != symbol_consts_.end()) return it->second;
  // Source names such as L['x'].size()[0] are fine as Z3 symbol names; the
  // SMT-LIB printer quotes them with |...|.
  z3::expr c = ctx_.int_const(sym.name().c_str());
  symbol_consts_.emplace(sym, c);
  symbols_.push_back(sym);
  return c;
}

z3::expr Z3Translator::translate(Expr e) {
  auto it = terms_.find(e);
  if (it != terms_.end()) return it->second;
  z3::expr t = translate_uncached(e);
  terms_.emplace(e, t);
  return t;
}

int64_t Z3Translator::degree(Expr e) {
  if (e.num_args() == 0) return e.is(ExprKind::Symbol) ? 1 : 0;
  if (auto it = degrees_.find(e); it != degrees_.end()) return it->second;
  auto args = e.args();
  int64_t d = 0;
  switch (e.kind()) {
    case ExprKind::Mul:
      for (Expr a : args) d += degree(a);
      break;
    case ExprKind::Pow:
      d = args[1].is_integer() ? degree(args[0]) * std::min<int64_t>(args[1].value(), kMaxDegree + 1) : kMaxDegree + 1;
      break;
    case ExprKind::FloorDiv: d = 1; break;
    case ExprKind::Mod: d = std::max(degree(args[0]), degree(args[1]) + 1); break;  // a - b*q
    default:
      for (Expr a : args) d = std::max(d, degree(a));
  }
  d = std::min(d, kMaxDegree + 1);
  degrees_.emplace(e, d);
  return d;
}

void Z3Translator::check_degree(Expr e) {
  if (degree(e) > kMaxDegree) {
    throw UnsupportedError("a term of degree above " + std::to_string(kMaxDegree) + " is too large for the prover");
  }
}

z3::expr Z3Translator::floor_div(Expr a, Expr b) {
  z3::expr ta = translate(a), tb = translate(b);
  if (b.is_integer()) {
    if (b.value() > 0) return z3::expr(ctx_, Z3_mk_div(ctx_, ta, tb));
    if (b.value() < 0) return z3::expr(ctx_, Z3_mk_div(ctx_, -ta, -tb));
    // b == 0: Python raises; definedness(e) is `0 != 0` = false, so any value
    // does. Keep the term well formed.
    return z3::expr(ctx_, Z3_mk_div(ctx_, ta, tb));
  }
  return z3::ite(tb > 0, z3::expr(ctx_, Z3_mk_div(ctx_, ta, tb)),
                 z3::expr(ctx_, Z3_mk_div(ctx_, -ta, -tb)));
}

z3::expr Z3Translator::translate_uncached(Expr e) {
  auto args = e.args();
  switch (e.kind()) {
    case ExprKind::Integer: return ctx_.int_val(static_cast<int64_t>(e.value()));
    case ExprKind::Symbol: return symbol_const(e);
    case ExprKind::Add: {
      z3::expr_vector v(ctx_);
      for (Expr a : args) v.push_back(translate(a));
      return z3::sum(v);
    }
    case ExprKind::Mul: {
      check_degree(e);
      z3::expr r = translate(args[0]);
      for (size_t i = 1; i < args.size(); ++i) r = r * translate(args[i]);
      return r;
    }
    case ExprKind::Pow: {
      int64_t n = args[1].value();
      if (n < 0 || n > kMaxPowExponent)
        throw UnsupportedError("exponent " + std::to_string(n) + " is too large for the prover");
      check_degree(e);
      // Square-and-multiply keeps the term DAG small; Z3 hash-conses the shared factors.
      z3::expr base = translate(args[0]);
      z3::expr result = ctx_.int_val(1);
      bool first = true;
      for (int64_t k = n; k > 0; k >>= 1) {
        if (k & 1) {
          result = first ? base : result * base;
          first = false;
        }
        if (k > 1) base = base * base;
      }
      return result;
    }
    case ExprKind::FloorDiv: return floor_div(args[0], args[1]);
    case ExprKind::Mod: {
      z3::expr ta = translate(args[0]), tb = translate(args[1]);
      return ta - tb * floor_div(args[0], args[1]);
    }
    case ExprKind::Min:
    case ExprKind::Max: {
      z3::expr r = translate(args[0]);
      for (size_t i = 1; i < args.size(); ++i) {
        z3::expr t = translate(args[i]);
        r = e.kind() == ExprKind::Min ? z3::ite(t < r, t, r) : z3::ite(t > r, t, r);
      }
      return r;
    }
    case ExprKind::True: return ctx_.bool_val(true);
    case ExprKind::False: return ctx_.bool_val(false);
    case ExprKind::Eq: return translate(args[0]) == translate(args[1]);
    case ExprKind::Ne: return translate(args[0]) != translate(args[1]);
    case ExprKind::Lt: return translate(args[0]) < translate(args[1]);
    case ExprKind::Le: return translate(args[0]) <= translate(args[1]);
    case ExprKind::And:
    case ExprKind::Or: {
      z3::expr_vector v(ctx_);
      for (Expr a : args) v.push_back(translate(a));
      return e.kind() == ExprKind::And ? z3::mk_and(v) : z3::mk_or(v);
    }
    case ExprKind::Not: return !translate(args[0]);
  }
  throw UnsupportedError(std::string("cannot translate ") + kind_name(e.kind()) + " to Z3");
}

z3::expr Z3Translator::definedness(Expr e) {
  auto it = defined_.find(e);
  if (it != defined_.end()) return it->second;
  z3::expr_vector v(ctx_);
  for (Expr d : symbolic_divisors(e)) v.push_back(translate(d) != 0);
  z3::expr r = v.empty() ? ctx_.bool_val(true) : z3::mk_and(v);
  defined_.emplace(e, r);
  return r;
}

}  // namespace symshape
