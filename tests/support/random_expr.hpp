// Seeded random expressions for property tests, shared by every layer's tests.
//
// The generator produces RAW trees (built with make_raw, no canonicalization),
// so a test can compare three things at random points: the raw tree evaluated
// by the independent brute-force evaluator below, the canonical form
// (`canonicalize(raw)`, every node rebuilt bottom-up through the canonical
// constructors), and whatever the test's subject makes of either.
//
// Integer trees use every integer node kind (Add, Mul, Pow, FloorDiv, Mod, Min,
// Max, negation, subtraction and CeilDiv written as raw nodes), constants in
// [-max_constant, max_constant], and depth <= max_depth. Divisors are never a
// constant zero (not even after canonicalization, e.g. `s0 - s0`), but may be
// zero at some points: brute_force_eval returns nullopt there and callers skip
// the point. Boolean trees are relations over integer trees combined with
// And/Or/Not. Same seed, same symbols, same config: same sequence.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape::testing {

struct RandomExprConfig {
  int max_depth = 6;
  int64_t max_constant = 9;
  int64_t max_exponent = 3;
};

// Rebuilds every node of a raw tree bottom-up through the canonical
// constructors (`rebuild`), giving the canonical form of the whole tree.
// Memoized on shared nodes. Throws what the constructors throw (OverflowError
// when constant folding overflows, DivisionByZeroError for a constant zero
// divisor).
inline Expr canonicalize(Expr raw) {
  std::unordered_map<Expr, Expr, ExprHash> memo;
  struct Rec {
    std::unordered_map<Expr, Expr, ExprHash>& memo;
    Expr operator()(Expr e) {
      if (e.num_args() == 0) return e;
      if (auto it = memo.find(e); it != memo.end()) return it->second;
      std::vector<Expr> args;
      args.reserve(e.num_args());
      for (Expr a : e.args()) args.push_back((*this)(a));
      Expr r = rebuild(e, args);
      memo.emplace(e, r);
      return r;
    }
  };
  return Rec{memo}(raw);
}

namespace detail_random {

// Python floor division and modulo on 128-bit values, written independently of
// int_math.cpp so the oracle does not share its bugs.
inline __int128 py_floordiv(__int128 a, __int128 b) {
  __int128 q = a / b, r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? q - 1 : q;
}
inline __int128 py_mod(__int128 a, __int128 b) { return a - b * py_floordiv(a, b); }

struct EvalFailed {};  // division by zero or an int64 overflow

inline int64_t fit(__int128 v) {
  if (v > INT64_MAX || v < INT64_MIN) throw EvalFailed{};
  return static_cast<int64_t>(v);
}

inline int64_t eval_rec(Expr e, const Assignment& values) {
  auto args = e.args();
  auto ev = [&](size_t i) { return static_cast<__int128>(eval_rec(args[i], values)); };
  switch (e.kind()) {
    case ExprKind::Integer: return e.value();
    case ExprKind::True: return 1;
    case ExprKind::False: return 0;
    case ExprKind::Symbol: {
      auto it = values.find(e);
      if (it == values.end()) throw UnboundSymbolError("no value for symbol " + e.name());
      return it->second;
    }
    case ExprKind::Add: {
      __int128 r = 0;
      for (size_t i = 0; i < args.size(); ++i) r = fit(r + ev(i));
      return fit(r);
    }
    case ExprKind::Mul: {
      __int128 r = 1;
      for (size_t i = 0; i < args.size(); ++i) r = fit(r * ev(i));
      return fit(r);
    }
    case ExprKind::Pow: {
      __int128 b = ev(0), r = 1;
      int64_t n = eval_rec(args[1], values);
      if (n < 0) throw EvalFailed{};
      for (int64_t i = 0; i < n; ++i) {
        r = fit(r * b);
        if (r == 0 || r == 1) break;  // 0**n and 1**n stay put (b is 0 or 1)
        if (b == -1) { r = (n % 2 == 0) ? 1 : -1; break; }
      }
      return fit(r);
    }
    case ExprKind::FloorDiv:
    case ExprKind::Mod: {
      __int128 a = ev(0), b = ev(1);
      if (b == 0) throw EvalFailed{};
      return fit(e.is(ExprKind::FloorDiv) ? py_floordiv(a, b) : py_mod(a, b));
    }
    case ExprKind::Min:
    case ExprKind::Max: {
      int64_t r = eval_rec(args[0], values);
      for (size_t i = 1; i < args.size(); ++i) {
        int64_t v = eval_rec(args[i], values);
        r = e.is(ExprKind::Min) ? std::min(r, v) : std::max(r, v);
      }
      return r;
    }
    case ExprKind::Eq: return ev(0) == ev(1);
    case ExprKind::Ne: return ev(0) != ev(1);
    case ExprKind::Lt: return ev(0) < ev(1);
    case ExprKind::Le: return ev(0) <= ev(1);
    case ExprKind::And: {
      bool r = true;
      for (size_t i = 0; i < args.size(); ++i) r = (ev(i) != 0) && r;  // strict: evaluates all
      return r;
    }
    case ExprKind::Or: {
      bool r = false;
      for (size_t i = 0; i < args.size(); ++i) r = (ev(i) != 0) || r;
      return r;
    }
    case ExprKind::Not: return ev(0) == 0;
  }
  throw EvalFailed{};
}

}  // namespace detail_random

// Evaluates any tree (raw or canonical) directly, with Python semantics and
// strict int64 range for every intermediate node value. nullopt where the
// tree divides by zero or overflows at this point; throws UnboundSymbolError.
// Recursive: meant for the generator's bounded-depth trees.
inline std::optional<int64_t> brute_force_eval(Expr e, const Assignment& values) {
  try {
    return detail_random::eval_rec(e, values);
  } catch (const detail_random::EvalFailed&) {
    return std::nullopt;
  }
}

// A plain prefix rendering (Add(2, s0), FloorDiv(s0, 2), ...) for failure
// messages; independent of the printers so it works on raw trees too.
inline std::string debug_string(Expr e) {
  switch (e.kind()) {
    case ExprKind::Integer: return std::to_string(e.value());
    case ExprKind::Symbol: return e.name();
    case ExprKind::True: return "True";
    case ExprKind::False: return "False";
    default: break;
  }
  std::string s = kind_name(e.kind());
  s += '(';
  for (size_t i = 0; i < e.num_args(); ++i) {
    if (i) s += ", ";
    s += debug_string(e.arg(i));
  }
  return s + ')';
}

class RandomExprGenerator {
 public:
  RandomExprGenerator(uint64_t seed, std::vector<Expr> symbols, RandomExprConfig config = {})
      : rng_(seed), symbols_(std::move(symbols)), config_(config) {}

  std::mt19937_64& rng() { return rng_; }
  const std::vector<Expr>& symbols() const { return symbols_; }

  // A raw integer tree of depth <= max_depth.
  Expr int_expr() { return int_expr(config_.max_depth); }
  // A raw boolean condition: relations over integer trees of depth <= max_depth - 1,
  // under at most two levels of And/Or/Not.
  Expr bool_expr() { return bool_expr(2); }

  // Symbol values drawn uniformly from [lo, hi].
  Assignment random_point(int64_t lo, int64_t hi) {
    Assignment a;
    for (Expr s : symbols_) a[s] = uniform(lo, hi);
    return a;
  }

  int64_t uniform(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng_); }

 private:
  bool chance(int percent) { return uniform(0, 99) < percent; }

  Expr constant() { return integer(uniform(-config_.max_constant, config_.max_constant)); }

  Expr leaf() {
    if (symbols_.empty() || chance(30)) return constant();
    return symbols_[static_cast<size_t>(uniform(0, static_cast<int64_t>(symbols_.size()) - 1))];
  }

  static Expr raw_neg(Expr e) { return make_raw(ExprKind::Mul, {integer(-1), e}); }

  // A divisor that is not the constant 0 even after canonicalization.
  Expr divisor(int depth) {
    if (depth <= 0 || chance(55)) {
      int64_t d = uniform(1, config_.max_constant);
      return integer(chance(25) ? -d : d);
    }
    Expr d = int_expr(std::min(depth, 2));
    try {
      Expr c = canonicalize(d);
      if (c.is_integer() && c.value() == 0) return integer(uniform(1, config_.max_constant));
    } catch (const Error&) {
      return integer(uniform(1, config_.max_constant));
    }
    return d;
  }

  Expr int_expr(int depth) {
    if (depth <= 0 || chance(20)) return leaf();
    int d = depth - 1;
    switch (uniform(0, 11)) {
      case 0:
      case 1: return make_raw(ExprKind::Add, {int_expr(d), int_expr(d)});
      case 2: return make_raw(ExprKind::Add, {int_expr(d), raw_neg(int_expr(d))});  // a - b
      case 3: return make_raw(ExprKind::Mul, {int_expr(d), int_expr(d)});
      case 4: return make_raw(ExprKind::Mul, {constant(), int_expr(d)});
      case 5: {
        // Small bases only: powers of deep trees overflow at almost every point.
        Expr base = int_expr(std::min(d, 2));
        return make_raw(ExprKind::Pow, {base, integer(uniform(0, config_.max_exponent))});
      }
      case 6: return make_raw(ExprKind::FloorDiv, {int_expr(d), divisor(d)});
      case 7: return make_raw(ExprKind::Mod, {int_expr(d), divisor(d)});
      case 8:  // CeilDiv(a, b) == -((-a) // b)
        return raw_neg(make_raw(ExprKind::FloorDiv, {raw_neg(int_expr(d)), divisor(d)}));
      case 9:
      case 10: {
        std::vector<Expr> args{int_expr(d), int_expr(d)};
        if (chance(30)) args.push_back(int_expr(d));
        if (chance(30)) args.push_back(add_offset(args[0]));  // Max(a, a + c) patterns
        return make_raw(chance(50) ? ExprKind::Min : ExprKind::Max, std::move(args));
      }
      default: return raw_neg(int_expr(d));
    }
  }

  Expr add_offset(Expr e) { return make_raw(ExprKind::Add, {e, constant()}); }

  Expr relation() {
    int d = std::max(0, config_.max_depth - 1);
    Expr a = int_expr(d), b = chance(30) ? constant() : int_expr(d);
    switch (uniform(0, 5)) {
      case 0: return make_raw(ExprKind::Eq, {a, b});
      case 1: return make_raw(ExprKind::Ne, {a, b});
      case 2: return make_raw(ExprKind::Lt, {a, b});
      case 3: return make_raw(ExprKind::Le, {a, b});
      case 4: return make_raw(ExprKind::Lt, {b, a});  // a > b
      default: return make_raw(ExprKind::Le, {b, a});  // a >= b
    }
  }

  Expr bool_expr(int depth) {
    if (depth <= 0 || chance(45)) {
      if (chance(3)) return bool_expr_constant();
      return relation();
    }
    switch (uniform(0, 2)) {
      case 0: return make_raw(ExprKind::And, {bool_expr(depth - 1), bool_expr(depth - 1)});
      case 1: return make_raw(ExprKind::Or, {bool_expr(depth - 1), bool_expr(depth - 1)});
      default: {
        // Sometimes `x and not x` on purpose, to exercise complement folding.
        Expr x = bool_expr(depth - 1);
        if (chance(20)) return make_raw(ExprKind::And, {x, make_raw(ExprKind::Not, {x})});
        return make_raw(ExprKind::Not, {x});
      }
    }
  }

  Expr bool_expr_constant() { return chance(50) ? true_expr() : false_expr(); }

  std::mt19937_64 rng_;
  std::vector<Expr> symbols_;
  RandomExprConfig config_;
};

}  // namespace symshape::testing
