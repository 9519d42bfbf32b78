// The Z3 path: resource limits, the hard query from Z3-NOTES.md, SMT-LIB2
// dumps, and determinism.
#include <gtest/gtest.h>
#include <z3++.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "symshape/engine/prover.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/parse.hpp"

namespace symshape {
namespace {

uint64_t rlimit_count(z3::solver& s) {
  z3::stats st = s.statistics();
  for (unsigned i = 0; i < st.size(); ++i)
    if (st.key(i) == "rlimit count") return st.is_uint(i) ? st.uint_value(i) : static_cast<uint64_t>(st.double_value(i));
  return 0;
}

// The measurement behind Z3Backend setting `rlimit` once: in Z3 4.8.12 the
// limit applies to each check separately (relative to the resource count at
// its start), although the "rlimit count" statistic is cumulative. If the limit
// were cumulative, the later checks below would come back unknown.
TEST(Z3Facts, RlimitIsPerCheck) {
  z3::context ctx;
  z3::solver s(ctx);
  z3::params p(ctx);
  const unsigned limit = 20000;
  p.set("rlimit", limit);
  s.set(p);
  z3::expr x = ctx.int_const("x"), y = ctx.int_const("y");
  s.add(x >= 0 && y >= 0 && x + 2 * y <= 1000);
  for (int i = 0; i < 200; ++i) {
    z3::expr q = ctx.bool_const(("q" + std::to_string(i)).c_str());
    s.add(z3::implies(q, x - y == i && 3 * x + y > 100 + i));
    z3::expr_vector a(ctx);
    a.push_back(q);
    ASSERT_NE(s.check(a), z3::unknown) << "check " << i << " after " << rlimit_count(s) << " resources";
  }
  EXPECT_GT(rlimit_count(s), 3u * limit);  // the total went far past one check's limit
}

const char* kHardFacts[] = {"Eq(s3, s1*s2)", "Ne(s1, 2)", "Ne(s0*s1*s2 - 2*s0*s2, 0)", "Ne(s1 - 2, 1)",
                            "s1 - 2 >= 2", "s1 > 2"};
const char* kHardGoal = "Ne(4*s0*s1*s2 - 8*s2, 0)";

TEST(Prover, HardQueryIsAnsweredByCheapReasoning) {
  Prover p;
  for (const char* f : kHardFacts) p.add_fact(parse_expr(f));
  ProverAnswer a = p.implies(parse_expr(kHardGoal));
  EXPECT_EQ(a.verdict, Verdict::Yes);
  EXPECT_EQ(p.stats().z3_checks, 0u);
}

TEST(Prover, HardQueryOnZ3AloneStopsAtTheResourceLimit) {
  // No cheap tiers: Z3 must come back (Unknown, or Yes if it finds the proof)
  // because of rlimit; with a timeout it would hang (Z3-NOTES.md).
  Prover p({.rlimit = 300'000, .use_cheap_tiers = false});
  for (const char* f : kHardFacts) p.add_fact(parse_expr(f));
  ProverAnswer a = p.implies(parse_expr(kHardGoal));
  EXPECT_NE(a.verdict, Verdict::No);
  EXPECT_EQ(a.tier, ProverTier::Z3);
  EXPECT_EQ(p.stats().z3_checks, 1u);
  EXPECT_EQ(p.stats().z3_unknown, a.verdict == Verdict::Unknown ? 1u : 0u);
  // The solver is still usable afterwards: an easy query gets a real answer.
  EXPECT_EQ(p.implies(parse_expr("s1 >= 4")).verdict, Verdict::Yes);
}

TEST(Prover, BackstopInterruptsAndTheSolverStaysUsable) {
  // rlimit effectively off: only the wall-clock backstop can stop Z3 here.
  Prover p({.rlimit = 4'000'000'000u, .z3_backstop_seconds = 0.3, .use_cheap_tiers = false});
  for (const char* f : kHardFacts) p.add_fact(parse_expr(f));
  std::vector<Expr> nothing;
  ProverAnswer a = p.satisfiable(nothing);  // a model of the facts: a nonlinear search
  EXPECT_NE(a.verdict, Verdict::No);
  ProverAnswer b = p.implies(parse_expr(kHardGoal));
  EXPECT_NE(b.verdict, Verdict::No);
  // Whatever happened above, the next easy query is answered.
  EXPECT_EQ(p.implies(parse_expr("s1 >= 3")).verdict, Verdict::Yes);
}

TEST(Prover, ManyQueriesAcrossSolverRefreshesStayCorrect) {
  // More literals than Z3Backend refreshes after; answers must not change.
  Prover p({.use_cheap_tiers = false});
  p.add_fact(parse_expr("Eq(Mod(s0, 12), 0)"));
  for (int k = 1; k <= 150; ++k) {
    Expr c = parse_expr("Eq(Mod(s0 + " + std::to_string(12 * k) + ", " + std::to_string(k % 12 + 1) + "), 0)");
    bool divides = 12 % (k % 12 + 1) == 0;
    Verdict v = p.implies(c).verdict;
    ASSERT_EQ(v, divides ? Verdict::Yes : Verdict::No) << k;
    p.push();
    p.add_fact(parse_expr("s1 >= " + std::to_string(k)));
    ASSERT_EQ(p.implies(parse_expr("s1 >= " + std::to_string(k - 1))).verdict, Verdict::Yes);
    p.pop();
  }
  // Each of these checks brought at least one new goal literal and most a
  // new fact literal: well past Z3Backend::kRefreshAfterLiterals (256).
  EXPECT_GT(p.stats().z3_checks, 150u);
}

TEST(Prover, SmallRlimitStillAnswersManyEasyQueries) {
  Prover p({.rlimit = 30'000, .use_cheap_tiers = false});
  p.add_fact(parse_expr("s0 >= 2"));
  for (int i = 0; i < 100; ++i) {
    Expr c = parse_expr("s0 + " + std::to_string(i) + " >= " + std::to_string(i + 1));
    ASSERT_EQ(p.implies(c).verdict, Verdict::Yes) << i;
  }
  EXPECT_EQ(p.stats().z3_unknown, 0u);
}

std::string run_z3(const std::string& script) {
  auto path = std::filesystem::temp_directory_path() / ("symshape_prover_" + std::to_string(::getpid()) + ".smt2");
  std::ofstream(path) << script;
  std::string out;
  if (FILE* f = ::popen(("z3 -smt2 '" + path.string() + "' 2>&1").c_str(), "r")) {
    char buf[256];
    while (fgets(buf, sizeof buf, f)) out += buf;
    ::pclose(f);
  }
  std::filesystem::remove(path);
  return out;
}

TEST(Prover, SmtLib2DumpIsAScriptZ3Accepts) {
  Prover p;
  p.add_fact(parse_expr("Eq(Mod(L['x'].size()[0], 4), 0)"));
  p.add_fact(parse_expr("s1 >= 2"));
  Expr implied = parse_expr("Eq(Mod(L['x'].size()[0], 2), 0)");
  Expr not_implied = parse_expr("Eq(L['x'].size()[0] // s1, 2)");
  std::string script = p.to_smtlib2(implied);
  EXPECT_NE(script.find("(declare-fun"), std::string::npos);
  EXPECT_NE(script.find("(check-sat)"), std::string::npos);
  EXPECT_EQ(p.stats().z3_contexts, 0u);  // dumping does not create the Prover's solver
  if (std::system("command -v z3 >/dev/null 2>&1") != 0) GTEST_SKIP() << "no z3 binary";
  EXPECT_EQ(run_z3(script), "unsat\n");
  Expr premise[] = {parse_expr("Eq(s1, 3)")};
  EXPECT_EQ(run_z3(p.to_smtlib2(not_implied, premise)), "sat\n");
}

TEST(Prover, AnswersAreDeterministicAcrossRuns) {
  auto run = [] {
    Prover p;
    p.add_fact(parse_expr("Eq(s0*s1, 64)"));
    p.add_fact(parse_expr("s2 >= s0"));
    std::string log;
    for (const char* c : {"s2 >= 1", "Eq(s0, 8)", "s1 <= 64", "Eq(Mod(s1, 2), 0)", "s2 >= 2", "Eq(s0 + s1, 16)"}) {
      ProverAnswer a = p.implies(parse_expr(c));
      log += std::string(verdict_name(a.verdict)) + "/" + tier_name(a.tier);
      if (a.witness) {
        for (const char* s : {"s0", "s1", "s2"})
          if (auto it = a.witness->find(symbol(s)); it != a.witness->end()) log += " " + std::to_string(it->second);
      }
      log += "\n";
    }
    return log;
  };
  std::string first = run();
  EXPECT_EQ(first, run());
  EXPECT_NE(first.find("no/"), std::string::npos);
  EXPECT_NE(first.find("yes/"), std::string::npos);
}

}  // namespace
}  // namespace symshape
