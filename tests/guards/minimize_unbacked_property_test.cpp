// Property: over seeded random guard sets that mix backed sizes (s0, s1) and
// unbacked symbols (u0, u1), in the shapes PyTorch's runtime asserts take
// (sign checks, bounds, `Eq(u0 + u1, s0)`, `Eq(u1, u0**2)`, parity), the set
// minimize keeps by kind passes exactly where the raw set passes at every
// point of a box in which u0 and u1 go negative. A reported contradiction must
// have no passing point in the box. The failing seed is printed.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "box_equivalence.hpp"
#include "independent_check.hpp"
#include "minimize_test_support.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

class MixedKindGuardGenerator {
 public:
  explicit MixedKindGuardGenerator(uint64_t seed) : rng_(seed) {}

  std::vector<Expr> guard_set() {
    std::vector<Expr> out;
    const int n = pick(2, 7);
    for (int k = 0; k < n; ++k) {
      if (!out.empty() && pick(0, 6) == 0) {
        out.push_back(out[static_cast<size_t>(pick(0, static_cast<int>(out.size()) - 1))]);
      } else {
        out.push_back(guard());
      }
    }
    return out;
  }

 private:
  Expr guard() {
    const Expr u = unbacked(), v = unbacked(), s = size();
    switch (pick(0, 13)) {
      case 0:
      case 1: return ge(u, integer(0));  // torch._check_is_size: the commonest assert
      case 2: return ge(u, integer(pick(-3, 3)));
      case 3: return le(u, integer(pick(-2, 6)));
      case 4: return ne(u, integer(pick(-2, 2)));
      case 5: return eq(u, s);
      case 6: return le(u, s);
      case 7: return eq(add(u, v), s);
      case 8: return eq(v, pow(u, 2));
      case 9: return eq(v, mul(integer(pick(-2, 2)), u));
      case 10: return eq(mod(u, integer(2)), integer(pick(0, 1)));
      case 11: return ge(s, integer(pick(0, 3)));
      case 12: return lt(u, add(s, integer(pick(-1, 1))));
      default: return ne(mul(u, v), integer(0));
    }
  }
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  Expr unbacked() { return symbol(pick(0, 1) ? "u0" : "u1"); }
  Expr size() { return symbol(pick(0, 1) ? "s0" : "s1"); }
  std::mt19937_64 rng_;
};

TEST(MinimizeUnbackedProperty, ByKindKeptSetPassesExactlyWhereRawPasses) {
  constexpr uint64_t kFirstSeed = 7000, kCases = 250;
  std::printf("[ info     ] seeds %llu..%llu\n", static_cast<unsigned long long>(kFirstSeed),
              static_cast<unsigned long long>(kFirstSeed + kCases - 1));
  int minimized = 0, contradictions = 0, kept_sign_checks = 0, unverified = 0;
  size_t reasons_unknown = 0;
  long raw_passes = 0;
  for (uint64_t seed = kFirstSeed; seed < kFirstSeed + kCases; ++seed) {
    MixedKindGuardGenerator gen(seed);
    GuardSet raw;
    for (Expr g : gen.guard_set()) raw.add(g);
    std::string listing = "seed " + std::to_string(seed) + ":";
    for (const Guard& g : raw) listing += "\n  " + to_sympy(g.expr);
    SCOPED_TRACE(listing);
    const MinimizeResult r = minimize(raw);
    if (r.contradiction) {
      ++contradictions;
      testing::BoxCount box =
          testing::expect_same_truth_on_box(raw.exprs(), {false_expr()}, {}, SymbolDomain::by_kind(), -5, 6);
      EXPECT_EQ(box.raw_passes, 0) << "a contradiction was reported, yet some point passes";
      continue;
    }
    ++minimized;
    testing::expect_sound_result(raw, r, {});  // every reason re-proved by kind
    const testing::IndependentCheck z3 = testing::check_independently(raw, r, {});  // and by Z3 alone
    unverified += z3.equivalence != VerifyStatus::Verified;
    reasons_unknown += z3.reasons_unknown;
    testing::BoxCount box = testing::expect_same_truth_on_box(raw.exprs(), testing::exprs_at(raw, r.kept), {},
                                                             SymbolDomain::by_kind(), -5, 6);
    raw_passes += box.raw_passes;
    for (size_t i : r.kept) {
      const Expr g = raw[i].expr;
      kept_sign_checks += g == ge(symbol("u0"), integer(0)) || g == ge(symbol("u1"), integer(0));
    }
    if (::testing::Test::HasFailure()) {
      std::printf("[ info     ] first failing seed %llu\n", static_cast<unsigned long long>(seed));
      return;
    }
  }
  std::printf("[ info     ] %d minimized, %d contradictions, %d u >= 0 checks kept, %ld passing box points\n",
              minimized, contradictions, kept_sign_checks, raw_passes);
  std::printf("[ info     ] Z3 alone: %d unverified, %zu reasons unknown\n", unverified, reasons_unknown);
  // The generator must exercise both outcomes and keep sign checks (which the
  // old all-sizes domain dropped as trivial).
  EXPECT_GT(minimized, 100);
  EXPECT_GT(contradictions, 3);
  EXPECT_GT(kept_sign_checks, 30);
  EXPECT_GT(raw_passes, 1000);
  EXPECT_EQ(unverified, 0);  // small sets: Z3 alone decides every question
  EXPECT_EQ(reasons_unknown, 0u);
}

// The same sets with --all-sizes semantics: u0 >= 0 is trivial, and the kept
// set agrees with the raw one wherever every symbol is >= 0.
TEST(MinimizeUnbackedProperty, AllSizesKeptSetPassesExactlyWhereRawPassesOnSizes) {
  MinimizeOptions options;
  options.domain = SymbolDomain::all_sizes();
  for (uint64_t seed = 7000; seed < 7080; ++seed) {
    MixedKindGuardGenerator gen(seed);
    GuardSet raw;
    for (Expr g : gen.guard_set()) raw.add(g);
    SCOPED_TRACE("seed " + std::to_string(seed));
    const MinimizeResult r = minimize(raw, options);
    if (r.contradiction) continue;
    for (const DroppedGuard& d : r.dropped) {
      if (raw[d.index].expr == ge(symbol("u0"), integer(0))) {
        EXPECT_NE(d.reason, DropReason::Implied);
      }
    }
    testing::expect_same_truth_on_box(raw.exprs(), testing::exprs_at(raw, r.kept), {}, options.domain, -5, 6);
    testing::check_independently(raw, r, options);
    if (::testing::Test::HasFailure()) {
      std::printf("[ info     ] first failing seed %llu\n", static_cast<unsigned long long>(seed));
      return;
    }
  }
}

}  // namespace
}  // namespace symshape
