// Range-aware simplification: one bottom-up pass that rewrites a node only when
// the ranges prove the rewrite for every assignment inside them.
//
// Rules, at each node after its children are simplified:
//  - an integer node whose bound is one point becomes that constant (a symbol
//    with a point range included) when none of its divisors can be 0 (where
//    one is, the node raises: no constant); a condition the bounds decide becomes
//    True/False (s0 >= 0 with sizes; Eq(s0, -1); Le(a, b) when b - a >= 0,
//    with b - a bounded on the combined, factored sum);
//  - Max/Min drop every argument another one dominates (Max(1, s0) -> s0 for
//    s0 >= 1);
//  - a // b -> 0 and a % b -> a when 0 <= a < b or b < a <= 0 (b may be
//    symbolic: s0 // (s0 + 1) -> 0);
//    With the constructors' (b*q + r) // b -> q + r // b this gives
//    (s0*s1 + 3*s0) // s0 -> s1 + 3 for s0 >= 1. (x // x and multiples of a
//    monomial divisor are the constructors' job: the rule statistics showed
//    range rules for them never firing, so they were removed.)
//  - a % c for a constant c and a within one period [k*c, (k+1)*c): a - k*c;
//  - for a constant divisor d == k*m and a == k*h + l with 0 <= l < k:
//    a // d -> h // m, a % d -> k*(h % m) + l (range_rules.hpp);
//  - a common monomial factor g of a and b that the ranges keep nonzero:
//    a // b -> (a/g) // (b/g), a % b -> g*((a/g) % (b/g)).
// Every rule is counted in the rule statistics (rule_stats.hpp).
// And/Or/Not fold through the constructors once their children are decided.
//
// A rewrite may remove an evaluation error (a FloorDiv whose divisor can only
// be zero becomes whatever the other rules say), never add a division by zero:
// rewrites keep or drop parts of the original. (Near int64's limits the
// constructors' normal forms may overflow where the original just fit; see
// value_range.hpp.) Pieces the constructors refuse to build (a divisor that
// became the constant 0) leave the node as it was.
//
// Termination: children are simplified once (memoized); a node rewritten by a
// rule is simplified again with one less unit of fuel, so chains of rewrites
// are bounded by kFuel.
#include <algorithm>
#include <unordered_map>

#include "range_analyzer.hpp"
#include "range_rules.hpp"
#include "rule_counter.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {

namespace {

using detail::applied;
using detail::attempt;
using detail::RuleId;
using detail::tried;
using range_detail::RangeAnalyzer;

constexpr int kFuel = 4;

class RangeSimplifier {
 public:
  explicit RangeSimplifier(const RangeEnv& env) : ranges_(env) {}

  Expr run(Expr e, int fuel) {
    if (e.is_integer() || e.is_true() || e.is_false()) return e;
    auto it = memo_.find(e);
    if (it != memo_.end()) return it->second;
    if (e.depth() > range_detail::kRecursionSafeDepth) {
      // Simplify deep trees bottom-up without recursion; each node then finds
      // its children memoized.
      range_detail::for_each_post_order(
          e, [&](Expr n) { return n.num_args() == 0 || memo_.contains(n); },
          [&](Expr n) { remember(n, simplify_node(n, fuel)); });
      return memo_.at(e);
    }
    Expr result = simplify_node(e, fuel);
    remember(e, result);
    return result;
  }

 private:
  Expr simplify_node(Expr e, int fuel) {
    std::vector<Expr> args;
    bool changed = false;
    for (Expr a : e.args()) {
      args.push_back(run(a, fuel));
      changed |= args.back() != a;
    }
    Expr current = e;
    try {
      if (changed) current = rebuild(e, args);
      Expr next = rewrite(current);
      if (next != current && fuel > 0) next = run(next, fuel - 1);
      return next;
    } catch (const Error&) {
      // The constructors can throw on the simplified pieces (a divisor that
      // became the constant 0, a constant sum that overflows): that only happens
      // where evaluating `e` throws too, so keeping `e` is exact.
      return current;
    }
  }

  // A result is taken as its own simplification: a later rule that rebuilds
  // around it (Mod(a, b) -> Mod(r, b)) does not walk its subtree again.
  void remember(Expr e, Expr result) {
    memo_.emplace(e, result);
    memo_.emplace(result, result);
  }

  // One rule step at the root of `e` (whose children are simplified).
  Expr rewrite(Expr e) {
    if (e.is_boolean()) {
      std::optional<bool> t = ranges_.of(e).truth();
      if (tried(RuleId::RangeDecide, t.has_value())) return bool_expr(*t);
      return e;
    }
    ValueRange r = ranges_.of(e);
    if (tried(RuleId::RangeConstant, r.is_point() && divisors_nonzero(e))) return integer(r.lo());
    switch (e.kind()) {
      case ExprKind::Min:
      case ExprKind::Max:
        return drop_dominated(e);
      case ExprKind::FloorDiv:
        return rewrite_floordiv(e.arg(0), e.arg(1), e);
      case ExprKind::Mod:
        return rewrite_mod(e.arg(0), e.arg(1), e);
      default:
        return e;
    }
  }

  // Whether no divisor in `e` can be 0 under the ranges. A node's range
  // covers only the points where it evaluates, so a point range says nothing
  // where a divisor is 0: there `e` raises, and under error-means-fail a
  // guard over it must keep failing. `Mod(5, s1)` with s1 in [0, 1] has the
  // range [0, 0] (s1 == 1), yet raises at s1 == 0: it is not the constant 0.
  bool divisors_nonzero(Expr e) {
    for (Expr d : symbolic_divisors(e))
      if (!ranges_.excludes_zero(d)) return false;
    return true;
  }

  // Max(a, b) is b when b >= a everywhere in the ranges (Min symmetric).
  // Dominance is pointwise, hence transitive, so a greedy pass keeps one
  // maximal argument per chain.
  Expr drop_dominated(Expr e) {
    bool is_max = e.is(ExprKind::Max);
    auto covers = [&](Expr winner, Expr loser) {
      return is_max ? ranges_.difference_at_least(winner, loser, 0)
                    : ranges_.difference_at_least(loser, winner, 0);
    };
    attempt(RuleId::RangeMinMaxDominated);
    std::vector<Expr> kept;
    for (Expr a : e.args()) {
      if (std::any_of(kept.begin(), kept.end(), [&](Expr k) { return covers(k, a); })) continue;
      std::erase_if(kept, [&](Expr k) { return covers(a, k); });
      kept.push_back(a);
    }
    if (kept.size() == e.num_args()) return e;
    applied(RuleId::RangeMinMaxDominated);
    if (kept.size() == 1) return kept[0];
    return is_max ? max(kept) : min(kept);
  }

  // 0 <= a < b or b < a <= 0: then a // b == 0 and a % b == a.
  bool below_divisor(Expr a, Expr b) {
    ValueRange ra = ranges_.of(a);
    return (ra.all_at_least(0) && ranges_.difference_at_least(b, a, 1)) ||
           (ra.all_at_most(0) && ranges_.difference_at_least(a, b, 1));
  }

  Expr rewrite_floordiv(Expr a, Expr b, Expr e) {
    if (tried(RuleId::RangeBelowDivisor, below_divisor(a, b))) return integer(0);
    if (!b.is_integer()) {
      // Before the nonzero check: b may be 0 where the shared factor is not.
      attempt(RuleId::RangeCommonFactor);
      if (auto common = range_detail::split_common_factor(a, b, ranges_)) {
        applied(RuleId::RangeCommonFactor);
        return floordiv(common->a, common->b);
      }
    }
    if (b.is_integer() && b.value() > 0) {
      attempt(RuleId::RangeLowTerms);
      if (auto low = range_detail::split_low_terms(a, b.value(), ranges_)) {
        applied(RuleId::RangeLowTerms);
        return floordiv(low->high, integer(low->m));
      }
    }
    return e;
  }

  Expr rewrite_mod(Expr a, Expr b, Expr e) {
    if (tried(RuleId::RangeBelowDivisor, below_divisor(a, b))) return a;
    if (!b.is_integer()) {
      attempt(RuleId::RangeCommonFactor);
      if (auto common = range_detail::split_common_factor(a, b, ranges_)) {
        applied(RuleId::RangeCommonFactor);
        return mul(common->g, mod(common->a, common->b));
      }
    }
    if (b.is_integer()) {
      // a within one period [k*c, (k+1)*c) of a constant divisor c: a - k*c.
      ValueRange ra = ranges_.of(a);
      if (ra.has_lo() && ra.has_hi()) {
        attempt(RuleId::RangeModOnePeriod);
        int64_t k = floor_div(ra.lo(), b.value());
        if (k != 0 && k == floor_div(ra.hi(), b.value())) {
          applied(RuleId::RangeModOnePeriod);
          return sub(a, integer(checked_mul(k, b.value())));
        }
      }
      if (b.value() > 0) {
        attempt(RuleId::RangeLowTerms);
        if (auto low = range_detail::split_low_terms(a, b.value(), ranges_)) {
          applied(RuleId::RangeLowTerms);
          return add(mul(integer(low->k), mod(low->high, integer(low->m))), low->low);
        }
      }
    }
    return e;
  }

  RangeAnalyzer ranges_;
  std::unordered_map<Expr, Expr, ExprHash> memo_;
};

}  // namespace

Expr simplify(Expr e, const RangeEnv& env) { return RangeSimplifier(env).run(e, kFuel); }

}  // namespace symshape
