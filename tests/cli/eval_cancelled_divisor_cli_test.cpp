// `symshape eval` raises where a divisor of the TEXT is zero, also when the
// canonical form cancelled it ((s0*s1)//s0 is built as s1): Python raises
// there, so True or 3 would be a wrong answer.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "run_cli.hpp"

namespace symshape {
namespace {

using testing::run_cli;

TEST(CliEvalCancelledDivisor, ZeroDivisorIsAnError) {
  for (const char* text : {"Eq((s0*s1)//s0, s1)", "(s0*s1)//s0", "Eq(Mod(s0*s1, s0), 0)", "s1 + (2*s0)//s0"}) {
    auto r = run_cli({"eval", text, "--sizes", "s0=0,s1=3"});
    EXPECT_EQ(r.exit_code, 2) << text << ": " << r.out;
    EXPECT_EQ(r.out, "") << text;
    EXPECT_EQ(r.err, "error: division by zero: the divisor s0 is 0\n") << text;
  }
}

TEST(CliEvalCancelledDivisor, NonzeroDivisorEvaluatesAsBefore) {
  EXPECT_EQ(run_cli({"eval", "Eq((s0*s1)//s0, s1)", "--sizes", "s0=2,s1=3"}).out, "True\n");
  EXPECT_EQ(run_cli({"eval", "(s0*s1)//s0", "--sizes", "s0=-2,s1=3", "--any-sign"}).out, "3\n");
  EXPECT_EQ(run_cli({"eval", "s1 + (2*s0)//s0", "--sizes", "s0=5,s1=3"}).out, "5\n");
  // A divisor still in the expression reports the division itself.
  EXPECT_EQ(run_cli({"eval", "s1//s0", "--sizes", "s0=0,s1=3"}).err, "error: division by zero: 3 // 0\n");
}

TEST(CliEvalCancelledDivisor, EachLineOfStdinOnItsOwn) {
  auto r = run_cli({"eval", "-", "--sizes", "s0=0,s1=3"}, "Eq((s0*s1)//s0, s1)\ns1 + 1\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out_lines(),
            (std::vector<std::string>{"error: division by zero: the divisor s0 is 0", "4"}));
}

}  // namespace
}  // namespace symshape
