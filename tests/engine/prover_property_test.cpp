// Prover soundness as properties: for seeded random (facts, condition) pairs,
// a Yes is never contradicted by a brute-force search over a small box, and a
// No always comes with a counterexample that really is one.
#include <gtest/gtest.h>

#include "random_expr.hpp"
#include "symshape/engine/prover.hpp"
#include "symshape/symbolic/build.hpp"

namespace symshape {
namespace {

using testing::brute_force_eval;
using testing::canonicalize;
using testing::debug_string;
using testing::RandomExprGenerator;

// true/false where every expression is defined at `p`; nullopt otherwise.
std::optional<bool> holds(Expr e, const Assignment& p) {
  auto v = brute_force_eval(e, p);
  if (!v) return std::nullopt;
  return *v != 0;
}

struct Tally {
  int yes = 0, no = 0, unknown = 0;
};

// Two symbols named `names`; the brute-force box is [lo, hi] cut to each
// symbol's domain (so by kind, s0 stays >= 0 while u0 goes negative).
void check_random_pairs(const SymbolDomain& domain, std::pair<const char*, const char*> names, int64_t lo, int64_t hi,
                        uint64_t seed, int cases, Tally& t) {
  std::vector<Expr> syms{symbol(names.first), symbol(names.second)};
  auto box_lo = [&](Expr s) { return domain.is_size(s) ? std::max<int64_t>(lo, 0) : lo; };
  RandomExprGenerator gen(seed, syms, {.max_depth = 3, .max_constant = 6, .max_exponent = 2});
  for (int i = 0; i < cases; ++i) {
    Prover p({.domain = domain, .rlimit = 200'000});
    std::vector<Expr> facts;
    int nfacts = static_cast<int>(gen.uniform(0, 2));
    Expr cond;
    try {
      for (int k = 0; k < nfacts; ++k) facts.push_back(canonicalize(gen.bool_expr()));
      cond = canonicalize(gen.bool_expr());
    } catch (const Error&) {
      continue;  // constant folding overflowed while building: not a prover case
    }
    for (Expr f : facts) p.add_fact(f);
    ProverAnswer a = p.implies(cond);
    std::string what = "cond " + debug_string(cond);
    for (Expr f : facts) what += "\n  fact " + debug_string(f);
    if (a.verdict == Verdict::Yes) {
      ++t.yes;
      for (int64_t x = box_lo(syms[0]); x <= hi; ++x)
        for (int64_t y = box_lo(syms[1]); y <= hi; ++y) {
          Assignment pt{{syms[0], x}, {syms[1], y}};
          bool facts_hold = true;
          for (Expr f : facts) facts_hold = facts_hold && holds(f, pt) == std::optional<bool>(true);
          auto c = holds(cond, pt);
          if (facts_hold && c) {
            ASSERT_TRUE(*c) << "Yes contradicted at (" << x << ", " << y << ")\n" << what;
          }
        }
    } else if (a.verdict == Verdict::No) {
      ++t.no;
      ASSERT_TRUE(a.witness) << what;
      Assignment w = *a.witness;
      for (Expr s : syms) w.emplace(s, 0);  // symbols the query never mentions
      for (Expr s : syms) {
        if (domain.is_size(s)) {
          EXPECT_GE(w.at(s), 0) << "witness outside the domain of " << s.name() << "\n" << what;
        }
      }
      for (Expr f : facts) EXPECT_EQ(holds(f, w), std::optional<bool>(true)) << "fact fails at witness\n" << what;
      EXPECT_EQ(holds(cond, w), std::optional<bool>(false)) << "cond holds at witness\n" << what;
    } else {
      ++t.unknown;
    }
  }
}

TEST(ProverProperty, SizeDomainAnswersAreSound) {
  Tally t;
  check_random_pairs(SymbolDomain::by_kind(), {"s0", "s1"}, 0, 7, 1234, 160, t);
  EXPECT_GT(t.yes, 10);
  EXPECT_GT(t.no, 10);
}

TEST(ProverProperty, AnySignAnswersAreSound) {
  Tally t;
  check_random_pairs(SymbolDomain::any_sign(), {"s0", "s1"}, -5, 5, 99, 120, t);
  EXPECT_GT(t.yes, 10);
  EXPECT_GT(t.no, 10);
}

// By kind, a size and an unbacked symbol: s0 >= 0 is assumed, u0 may be
// negative, and every Yes is checked over u0 in [-5, 5].
TEST(ProverProperty, MixedKindAnswersAreSound) {
  Tally t;
  check_random_pairs(SymbolDomain::by_kind(), {"s0", "u0"}, -5, 5, 777, 120, t);
  EXPECT_GT(t.yes, 10);
  EXPECT_GT(t.no, 10);
}

// --all-sizes: u0 is a size too, so witnesses never give it a negative value.
TEST(ProverProperty, AllSizesAnswersAreSound) {
  Tally t;
  check_random_pairs(SymbolDomain::all_sizes(), {"u0", "u1"}, 0, 7, 4321, 120, t);
  EXPECT_GT(t.yes, 10);
  EXPECT_GT(t.no, 10);
}

// Facts that pin a symbol (ranges), chain orderings (difference) and relate
// products: every tier gets exercised, and each answer is checked.
TEST(ProverProperty, StructuredFactsAnswersAreSound) {
  std::vector<Expr> syms{symbol("s0"), symbol("s1"), symbol("s2")};
  RandomExprGenerator gen(4242, syms, {.max_depth = 2, .max_constant = 5, .max_exponent = 2});
  int decided_cheaply = 0;
  for (int i = 0; i < 120; ++i) {
    Prover p({.rlimit = 200'000});
    std::vector<Expr> facts;
    auto s = [&] { return syms[static_cast<size_t>(gen.uniform(0, 2))]; };
    facts.push_back(ge(s(), integer(gen.uniform(0, 4))));
    facts.push_back(le(s(), add(s(), integer(gen.uniform(-2, 2)))));
    facts.push_back(ne(mul(s(), s()), integer(gen.uniform(0, 6))));
    // Raw trees (the generator's) are canonicalized as a whole below; the
    // canonical constructors must only ever see canonical arguments.
    Expr cond = gen.uniform(0, 1) ? make_raw(ExprKind::Le, {gen.int_expr(), gen.int_expr()})
                                  : make_raw(ExprKind::Ne, {gen.int_expr(), integer(gen.uniform(0, 3))});
    try {
      cond = canonicalize(cond);
    } catch (const Error&) {
      continue;
    }
    for (Expr f : facts) p.add_fact(f);
    ProverAnswer a = p.implies(cond);
    if (a.tier != ProverTier::Z3) ++decided_cheaply;
    for (int64_t x = 0; x <= 6 && a.verdict == Verdict::Yes; ++x)
      for (int64_t y = 0; y <= 6; ++y)
        for (int64_t z = 0; z <= 6; ++z) {
          Assignment pt{{syms[0], x}, {syms[1], y}, {syms[2], z}};
          bool ok = true;
          for (Expr f : facts) ok = ok && holds(f, pt) == std::optional<bool>(true);
          auto c = holds(cond, pt);
          if (ok && c) {
            ASSERT_TRUE(*c) << debug_string(cond) << " at " << x << "," << y << "," << z;
          }
        }
    if (a.verdict == Verdict::No) {
      ASSERT_TRUE(a.witness);
      Assignment w = *a.witness;
      for (Expr sy : syms) w.emplace(sy, 0);
      for (Expr f : facts) EXPECT_EQ(holds(f, w), std::optional<bool>(true));
      EXPECT_EQ(holds(cond, w), std::optional<bool>(false)) << debug_string(cond);
    }
  }
  EXPECT_GT(decided_cheaply, 60);
}

}  // namespace
}  // namespace symshape
