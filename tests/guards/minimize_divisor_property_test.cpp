// Property: seeded random guard sets whose divisors are symbols, sums and
// floor-divisions of symbols (`Mod(s1, s1//2)`, `s0//(s1 - 3)`, conv-style
// `(s0 - 3)//2 + 1`), mixed with bounds and equalities, parsed from TEXT (so a
// divisor that canonicalization cancels still counts). The kept set passes
// exactly where the raw set passes at every point of a box, with a guard that
// raises counted as failing. The failing seed is printed.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "box_equivalence.hpp"
#include "independent_check.hpp"
#include "symshape/guards/minimize.hpp"

namespace symshape {
namespace {

class DivisorGuardGenerator {
 public:
  explicit DivisorGuardGenerator(uint64_t seed) : rng_(seed) {}

  std::vector<std::string> lines() {
    std::vector<std::string> out;
    const int n = pick(2, 6);
    for (int k = 0; k < n; ++k) out.push_back(guard());
    return out;
  }

 private:
  std::string guard() {
    const std::string a = sym(), b = sym(), c = std::to_string(pick(0, 4));
    switch (pick(0, 11)) {
      case 0: return "Eq(Mod(" + a + ", FloorDiv(" + a + ", 2)), 0)";
      case 1: return "Eq(" + a + ", 2*FloorDiv(" + a + ", 2))";
      case 2: return "FloorDiv(" + a + ", " + b + " - 3) >= " + c;
      case 3: return "Eq(FloorDiv(" + a + " - 3, 2) + 1, " + b + ")";
      case 4: return "Eq(Mod(" + a + ", " + b + "), 0)";
      case 5: return "Eq((" + a + "*" + b + ")//" + a + ", " + b + ")";
      case 6: return a + " >= " + c;
      case 7: return a + " <= " + std::to_string(pick(1, 6));
      case 8: return "Eq(" + a + ", " + b + ")";
      case 9: return "Ne(" + a + ", " + c + ")";
      case 10: return "Eq(Mod(" + a + ", " + b + " + " + a + "), " + c + ")";
      default: return "FloorDiv(" + a + ", FloorDiv(" + b + ", 2)) < " + c;
    }
  }
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  std::string sym() { return pick(0, 1) ? "s0" : "s1"; }
  std::mt19937_64 rng_;
};

TEST(MinimizeDivisorProperty, KeptSetPassesExactlyWhereRawPasses) {
  constexpr uint64_t kFirstSeed = 9000, kCases = 200;  // ~15 s Release on a shared core
  int minimized = 0, dropped = 0, unverified = 0;
  size_t reasons_unknown = 0;
  for (uint64_t seed = kFirstSeed; seed < kFirstSeed + kCases; ++seed) {
    const std::vector<std::string> lines = DivisorGuardGenerator(seed).lines();
    std::string listing = "seed " + std::to_string(seed) + ":";
    for (const std::string& l : lines) listing += "\n  " + l;
    SCOPED_TRACE(listing);
    const GuardSet raw = GuardSet::parse_lines(lines);
    const MinimizeResult r = minimize(raw);
    std::vector<Expr> kept;
    if (r.contradiction) {
      kept.push_back(false_expr());
    } else {
      ++minimized;
      dropped += static_cast<int>(r.dropped.size());
      for (size_t i : r.kept) kept.push_back(raw[i].expr);
      // Z3 alone over the whole domain: never NOT EQUIVALENT nor a false reason.
      const testing::IndependentCheck z3 = testing::check_independently(raw, r, {});
      unverified += z3.equivalence != VerifyStatus::Verified;
      reasons_unknown += z3.reasons_unknown;
    }
    // Guard::expr carries the cancelled divisors (d != 0) of the text, so it
    // raises or is false exactly where the text does.
    testing::expect_same_truth_on_box(raw.exprs(), kept, {}, SymbolDomain::by_kind(), 0, 9);
    if (::testing::Test::HasFailure()) {
      std::printf("[ info     ] first failing seed %llu\n", static_cast<unsigned long long>(seed));
      return;
    }
  }
  std::printf("[ info     ] %d minimized, %d guards dropped, %d unverified, %zu reasons unknown (Z3 alone)\n",
              minimized, dropped, unverified, reasons_unknown);
  EXPECT_GT(minimized, 60);
  // Two symbols, a few guards: Z3 alone decides every question.
  EXPECT_EQ(unverified, 0);
  EXPECT_EQ(reasons_unknown, 0u);
  EXPECT_GT(dropped, 60);
}

}  // namespace
}  // namespace symshape
