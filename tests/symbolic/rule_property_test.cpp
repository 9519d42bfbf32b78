// Property test of the rule families (rule_tables.hpp lists them): random RAW
// trees built from each family's pattern (with random subexpressions, random
// constants, and perturbations that make the pattern almost match), under
// random symbol ranges, checked at random points inside the ranges against the
// brute-force evaluator of random_expr.hpp:
//  - wherever the raw tree evaluates, its canonical form (constructor rules)
//    and the range simplification of that form (range rules) give its value;
//  - error means fail: for the common-factor pattern, wherever the canonical
//    form divides by zero so does the simplified one, unless it became a
//    constant. range.constant folds only nodes whose divisors the ranges keep
//    from 0, but a rule may leave a zero dividend (Min(0, s0 + s2) -> 0 for
//    sizes), and the constructors fold Mod(0, b) to 0 whatever b is (guard
//    texts keep their parsed divisors, definedness.hpp).
// The families' rules must actually fire (the statistics say how often).
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "random_expr.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/rule_stats.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape {
namespace {

using testing::brute_force_eval;
using testing::canonicalize;
using testing::debug_string;
using testing::RandomExprGenerator;
using K = ExprKind;

int scale() {
  const char* s = std::getenv("SYMSHAPE_PROPERTY_SCALE");
  int n = s ? std::atoi(s) : 1;
  return n > 0 ? n : 1;
}

Expr R(K kind, std::vector<Expr> args) { return make_raw(kind, std::move(args)); }
Expr I(int64_t v) { return integer(v); }
Expr raw_add(Expr a, Expr b) { return R(K::Add, {a, b}); }
Expr raw_mul(int64_t c, Expr e) { return R(K::Mul, {I(c), e}); }

// Random pieces for the patterns: small raw subexpressions and constants.
class FamilyGenerator {
 public:
  explicit FamilyGenerator(uint64_t seed)
      : gen_(seed, {symbol("s0"), symbol("s1"), symbol("s2")}, {.max_depth = 2, .max_constant = 6}) {}

  RandomExprGenerator& base() { return gen_; }
  int64_t uniform(int64_t lo, int64_t hi) { return gen_.uniform(lo, hi); }
  bool chance(int percent) { return gen_.uniform(0, 99) < percent; }

  // A subexpression: usually a symbol or a short sum, sometimes a random tree.
  Expr sub() {
    const auto& syms = gen_.symbols();
    Expr s = syms[static_cast<size_t>(uniform(0, 2))];
    switch (uniform(0, 4)) {
      case 0: return s;
      case 1: return raw_add(s, I(uniform(-5, 5)));
      case 2: return raw_add(s, syms[static_cast<size_t>(uniform(0, 2))]);
      default: return gen_.int_expr();
    }
  }
  // The pattern's constant, or (sometimes) a near miss.
  int64_t near(int64_t v) { return chance(20) ? v + uniform(-1, 1) : v; }
  int64_t modulus() { return uniform(1, 8); }

  // Which pattern the last top-level call built (9: common factor).
  int last_family() const { return last_; }
  Expr family() {
    Expr e = pattern(static_cast<int>(uniform(0, 10)));
    return e;
  }

 private:
  Expr pattern(int which) {
    last_ = which;
    switch (which) {
      case 0: {  // c*k*Mod(x//k, m) + c*Mod(x, k) [+ c*k*m*(x//(k*m))]
        Expr x = sub();
        int64_t k = modulus(), m = modulus(), c = uniform(-3, 3);
        Expr e = raw_add(raw_mul(near(c * k), R(K::Mod, {R(K::FloorDiv, {x, I(k)}), I(m)})),
                         raw_mul(near(c), R(K::Mod, {x, I(k)})));
        if (chance(50)) e = raw_add(e, raw_mul(near(c * k * m), R(K::FloorDiv, {x, I(k * m)})));
        return e;
      }
      case 1: {  // c*Max(a, b) + c*Min(a, b)
        Expr a = sub(), b = chance(80) ? sub() : a;
        int64_t c = uniform(-3, 3);
        std::vector<Expr> args{a, b};
        if (chance(15)) args.push_back(sub());
        return raw_add(raw_mul(c, R(K::Max, args)), raw_mul(near(c), R(K::Min, {a, b})));
      }
      case 2: {  // sum of c*Op(x + i, m) over (almost) a full residue system
        Expr x = sub();
        int64_t m = uniform(1, 5), c = uniform(-2, 2), shift = uniform(-3, 3);
        K op = chance(50) ? K::Mod : K::FloorDiv;
        Expr e = I(0);
        for (int64_t i = 0; i < m; ++i) {
          if (chance(8)) continue;
          e = raw_add(e, raw_mul(near(c), R(op, {raw_add(x, I(i + shift)), I(m)})));
        }
        return e;
      }
      case 3: {  // c*((x + 1)//2) - c*(x//2)
        Expr x = sub();
        int64_t c = uniform(-3, 3), m = chance(80) ? 2 : 3;
        return raw_add(raw_mul(c, R(K::FloorDiv, {raw_add(x, I(near(1))), I(m)})),
                       raw_mul(-near(c), R(K::FloorDiv, {x, I(m)})));
      }
      case 4: {  // Min/Max with offsets, minus the same shifted
        K op = chance(50) ? K::Min : K::Max;
        Expr a = sub(), b = sub();
        int64_t c1 = uniform(-6, 6), c2 = uniform(-6, 6), d = uniform(-3, 3);
        Expr first = R(op, {raw_add(a, I(c1)), raw_add(b, I(c2))});
        Expr second = R(op, {raw_add(a, I(near(c1 - d))), raw_add(b, I(c2 - d))});
        if (chance(30)) second = R(op, {second, raw_add(sub(), I(d))});
        return raw_add(first, raw_mul(-1, second));
      }
      case 5: {  // absorption: Min(a, Max(a + d, b)), Max(a, Min(a + d, b))
        bool is_min = chance(50);
        Expr a = sub(), b = sub();
        Expr inner = R(is_min ? K::Max : K::Min, {raw_add(a, I(uniform(-2, 2))), b});
        std::vector<Expr> args{a, inner};
        if (chance(30)) args.push_back(sub());
        return R(is_min ? K::Min : K::Max, args);
      }
      case 6: {  // rounding bounds: Max/Min(x, k*((x + j)//k))
        Expr x = sub();
        int64_t k = uniform(1, 9), j = chance(50) ? 0 : k - 1;
        Expr rounded = raw_mul(near(k), R(K::FloorDiv, {raw_add(x, I(near(j))), I(k)}));
        return R(chance(50) ? K::Max : K::Min, {x, rounded});
      }
      case 7: {  // quotient and remainder pinned together
        Expr x = sub();
        int64_t m = modulus(), q = uniform(-3, 3), r = uniform(-1, m);
        bool conj = chance(50);
        K rel = conj ? K::Eq : K::Ne;
        Expr quotient = R(rel, {R(K::FloorDiv, {x, I(m)}), I(q)});
        Expr remainder = R(rel, {R(K::Mod, {x, I(near(m))}), I(r)});
        return R(conj ? K::And : K::Or, {quotient, remainder});
      }
      case 8: {  // low terms: (k*x + y)//(k*m), Mod(k*x + y, k*m)
        Expr x = sub(), y = sub();
        int64_t k = uniform(2, 8), m = uniform(1, 4);
        Expr a = raw_add(raw_mul(k, x), y);
        return R(chance(50) ? K::FloorDiv : K::Mod, {a, I(near(k * m))});
      }
      case 9: {  // common factor: (g*x)//(g*y), Mod(g*x, g*y)
        Expr g = chance(70) ? gen_.symbols()[static_cast<size_t>(uniform(0, 2))] : sub();
        Expr x = sub(), y = sub();
        Expr a = R(K::Mul, {g, x}), b = R(K::Mul, {g, y});
        if (chance(30)) a = raw_add(a, R(K::Mul, {g, sub()}));
        return R(chance(50) ? K::FloorDiv : K::Mod, {a, b});
      }
      default: {  // two families combined
        Expr a = pattern(static_cast<int>(uniform(0, 9))), b = pattern(static_cast<int>(uniform(0, 9)));
        last_ = 10;
        if (a.is_boolean() != b.is_boolean()) return a;
        if (a.is_boolean()) return R(chance(50) ? K::And : K::Or, {a, b});
        return chance(50) ? raw_add(a, b) : R(chance(50) ? K::Min : K::Max, {a, b});
      }
    }
  }

  RandomExprGenerator gen_;
  int last_ = 0;
};

ValueRange random_range(FamilyGenerator& g, bool sizes) {
  int64_t lo = sizes ? g.uniform(0, 6) : g.uniform(-20, 20);
  switch (g.uniform(0, 4)) {
    case 0: return ValueRange::at_least(lo);
    case 1: return sizes ? ValueRange::at_least(lo) : ValueRange::all();
    case 2: return ValueRange::between(lo, lo + g.uniform(0, 3));  // small: low-terms rules fire
    default: return ValueRange::between(lo, lo + g.uniform(0, 30));
  }
}

int64_t value_in(FamilyGenerator& g, const ValueRange& r) {
  if (r.has_lo() && r.has_hi()) return g.uniform(r.lo(), r.hi());
  if (r.has_lo()) return r.lo() + g.uniform(0, 40);
  if (r.has_hi()) return r.hi() - g.uniform(0, 40);
  return g.uniform(-40, 40);
}

// The error a library evaluation raises, or none.
enum class Outcome { Value, DivisionByZero, Overflow };
Outcome outcome_of(Expr e, const Assignment& at) {
  try {
    (void)evaluate(e, at);
    return Outcome::Value;
  } catch (const DivisionByZeroError&) {
    return Outcome::DivisionByZero;
  } catch (const OverflowError&) {
    return Outcome::Overflow;
  }
}

struct Stats {
  int exprs = 0, changed = 0, points = 0, zero_divisions = 0;
};

bool check(FamilyGenerator& g, Expr raw, bool check_errors, Stats& stats) {
  RangeEnv env;
  bool sizes = g.chance(50);
  env.domain = sizes ? SymbolDomain::all_sizes() : SymbolDomain::any_sign();
  for (Expr s : g.base().symbols()) env.symbols[s] = random_range(g, sizes);
  Expr canonical;
  try {
    canonical = canonicalize(raw);
  } catch (const Error&) {
    return true;  // a constant divisor folded to 0 or a constant overflowed
  }
  Expr simplified = simplify(canonical, env);
  ++stats.exprs;
  if (simplified != canonical) ++stats.changed;
  for (int i = 0; i < 12; ++i) {
    Assignment at;
    for (Expr s : g.base().symbols()) at[s] = value_in(g, env.of_symbol(s));
    std::string where = debug_string(raw) + "\n  canonical " + debug_string(canonical) + "\n  simplified " +
                        debug_string(simplified) + "\n  at s0=" + std::to_string(at[symbol("s0")]) +
                        " s1=" + std::to_string(at[symbol("s1")]) + " s2=" + std::to_string(at[symbol("s2")]);
    if (std::optional<int64_t> want = brute_force_eval(raw, at)) {
      ++stats.points;
      EXPECT_EQ(brute_force_eval(canonical, at), want) << "canonical form: " << where;
      EXPECT_EQ(brute_force_eval(simplified, at), want) << "simplified: " << where;
      if (brute_force_eval(simplified, at) != want) return false;
    }
    if (check_errors && !simplified.is_integer() && outcome_of(canonical, at) == Outcome::DivisionByZero) {
      ++stats.zero_divisions;
      EXPECT_EQ(outcome_of(simplified, at), Outcome::DivisionByZero) << "a zero divisor was dropped: " << where;
      if (outcome_of(simplified, at) != Outcome::DivisionByZero) return false;
    }
  }
  return true;
}

uint64_t applied(const char* name) {
  for (const RuleCount& c : rule_counts()) {
    if (std::string(c.name) == name) return c.applied;
  }
  return 0;
}

TEST(RuleProperty, FamiliesAgreeWithBruteForce) {
  reset_rule_counts();
  FamilyGenerator g(scale() == 1 ? 1010 : 1010 + static_cast<uint64_t>(scale()) * 7919);
  Stats stats;
  const int n = 3000 * scale();
  for (int i = 0; i < n; ++i) {
    Expr raw = g.family();
    if (!check(g, raw, g.last_family() == 9, stats)) {
      ADD_FAILURE() << "failed on expression #" << i;
      break;
    }
  }
  EXPECT_GT(stats.exprs, n * 9 / 10);
  EXPECT_GT(stats.points, n * 6);
  EXPECT_GT(stats.zero_divisions, 20);  // the error-means-fail check was exercised
  // Each new family fired on the random patterns, not only on the tables.
  for (const char* rule : {"add.mod_recombine", "add.euclid_from_mod", "add.max_plus_min", "add.residue_sum_mod",
                           "add.residue_sum_floordiv", "add.floordiv_parity", "minmax.common_offset",
                           "minmax.absorb", "logic.quotient_remainder", "range.low_terms", "range.common_factor",
                           "bound.euclid_expansion"}) {
    EXPECT_GT(applied(rule), 5u) << rule;
  }
}

}  // namespace
}  // namespace symshape
