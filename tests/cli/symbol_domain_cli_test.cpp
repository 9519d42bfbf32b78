// Symbol domains through every verb: by default sizes (s0, size sources) are
// >= 0 and unbacked symbols (u0, i0) any integer; --any-sign makes every
// symbol any integer, --all-sizes every symbol a size; the two together are a
// usage error.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "run_cli.hpp"

namespace symshape::testing {
namespace {

using Args = std::vector<std::string>;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// stdout of a command that must succeed.
std::string output(const Args& args, const std::string& stdin_text = "") {
  CliResult r = run_cli(args, stdin_text);
  EXPECT_EQ(r.exit_code, 0) << args[0] << " stderr: " << r.err;
  return r.out;
}

TEST(CliSymbolDomain, SimplifyKeepsTheSignOfUnbackedSymbols) {
  EXPECT_EQ(output({"simplify", "Max(0, u0)"}), "Max(0, u0)\n");
  EXPECT_EQ(output({"simplify", "Max(0, s0)"}), "s0\n");
  EXPECT_EQ(output({"simplify", "u0 >= 0"}), "u0 >= 0\n");
  EXPECT_EQ(output({"simplify", "i0 >= 0"}), "i0 >= 0\n");
  EXPECT_EQ(output({"simplify", "s0 < 0"}), "False\n");
  EXPECT_EQ(output({"simplify", "--all-sizes", "Max(0, u0)"}), "u0\n");
  EXPECT_EQ(output({"simplify", "--all-sizes", "u0 >= 0"}), "True\n");
  EXPECT_EQ(output({"simplify", "--any-sign", "Max(0, s0)"}), "Max(0, s0)\n");
  EXPECT_EQ(output({"simplify", "--assume", "u0 <= -1", "u0 < 0"}), "True\n");
  // Sources: sizes and strides are sizes, a plain integer input is not.
  EXPECT_EQ(output({"simplify", "Max(0, L['x'].stride()[1])"}), "L['x'].stride()[1]\n");
  EXPECT_EQ(output({"simplify", "Max(0, L['n'])"}), "Max(0, L['n'])\n");
}

TEST(CliSymbolDomain, RangeOfUnbackedExpressions) {
  EXPECT_EQ(output({"range", "u0 - 1"}), "[-oo, oo]\n");
  EXPECT_EQ(output({"range", "s0 - 1"}), "[-1, oo]\n");
  EXPECT_EQ(output({"range", "--all-sizes", "u0 - 1"}), "[-1, oo]\n");
  EXPECT_EQ(output({"range", "--any-sign", "s0 - 1"}), "[-oo, oo]\n");
  EXPECT_EQ(output({"range", "--assume", "u0 >= -3", "u0 + s0"}), "[-3, oo]\n");
  EXPECT_EQ(output({"range", "L['x'].size()[0] + 1"}), "[1, oo]\n");
  EXPECT_EQ(output({"range", "L['n'] + 1"}), "[-oo, oo]\n");
}

TEST(CliSymbolDomain, ProveTreatsUnbackedSignAsData) {
  EXPECT_EQ(output({"prove", "u0 >= 0"}), "depends\n");
  EXPECT_EQ(output({"prove", "--model", "u0 >= 0"}), "depends (true at u0=2; false at u0=-1)\n");
  EXPECT_EQ(output({"prove", "u0*u0 >= 0"}), "true\n");
  EXPECT_EQ(output({"prove", "--assume", "Eq(u0, s0)", "u0 >= 0"}), "true\n");
  EXPECT_EQ(output({"prove", "--all-sizes", "u0 >= 0"}), "true\n");
  EXPECT_EQ(output({"prove", "--all-sizes", "i0 >= 0"}), "true\n");
  EXPECT_EQ(output({"prove", "--any-sign", "s0 >= 0"}), "depends\n");
  EXPECT_EQ(output({"prove", "s0 >= 0"}), "true\n");
}

// Issue 7's regression: u0 >= 0 is a real check; u1 >= 0 follows from u1 = u0**2.
TEST(CliSymbolDomain, MinimizeKeepsTheUnbackedSignCheck) {
  const std::string guards = "u1 >= 0\nu0 >= 0\nEq(u1, u0**2)\n";
  EXPECT_EQ(output({"minimize", "--explain"}, guards),
            "# dropped line 1: u1 >= 0: implied by line 3\n"
            "u0 >= 0\n"
            "Eq(u1, u0**2)\n"
            "# kept 2 of 3 guards\n");
  EXPECT_EQ(output({"minimize", "--explain", "--all-sizes"}, guards),
            "# dropped line 1: u1 >= 0: trivial\n"
            "# dropped line 2: u0 >= 0: trivial\n"
            "Eq(u1, u0**2)\n"
            "# kept 1 of 3 guards\n");
  EXPECT_EQ(output({"minimize"}, "s0 >= 0\nu0 >= 0\nruntime_assert i0 >= 0 [guard added] x.py:1\n"),
            "u0 >= 0\ni0 >= 0\n");  // a log line prints as the guard it carries
  EXPECT_EQ(output({"minimize", "--any-sign"}, "s0 >= 0\nu0 >= 0\n"), "s0 >= 0\nu0 >= 0\n");
  // Contradictions depend on the domain too: a negative unbacked value is fine.
  EXPECT_EQ(output({"minimize"}, "u0 <= -1\nEq(u0, s0 - 5)\n"), "u0 <= -1\nEq(u0, s0 - 5)\n");
  CliResult sizes = run_cli({"minimize", "--all-sizes"}, "u0 <= -1\nEq(u0, s0 - 5)\n");
  EXPECT_EQ(sizes.exit_code, 1) << sizes.out;
}

TEST(CliSymbolDomain, AnySignAndAllSizesTogetherAreAUsageError) {
  const std::vector<Args> command_lines{{"simplify", "s0"},  {"range", "s0"},
                                        {"prove", "s0 >= 0"}, {"minimize"},
                                        {"eval", "s0"},       {"check", "--sizes", "s0=1"}};
  for (Args args : command_lines) {
    args.insert(args.begin() + 1, {"--any-sign", "--all-sizes"});
    CliResult r = run_cli(args, "s0 >= 0\n");
    EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.out;
    EXPECT_TRUE(contains(r.err, "--any-sign and --all-sizes contradict each other")) << args[0] << ": " << r.err;
  }
}

TEST(CliSymbolDomain, EvalAndCheckNoteValuesOutsideTheDomain) {
  CliResult eval = run_cli({"eval", "s0 + u0", "--sizes", "s0=-1,u0=-3"});
  EXPECT_EQ(eval.exit_code, 0);
  EXPECT_EQ(eval.out, "-4\n");
  EXPECT_EQ(eval.err,
            "note: s0=-1 is outside its domain (s0 is a size, an integer >= 0); evaluated as given, but a "
            "minimized guard set equals the raw one only inside the domain\n");
  EXPECT_EQ(run_cli({"eval", "--any-sign", "s0", "--sizes", "s0=-1"}).err, "");

  CliResult check = run_cli({"check", "--sizes", "u0=-4"}, "u0 >= 0\n");
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_EQ(check.out, "fail\nline 1: u0 >= 0 failed: u0=-4\n");
  EXPECT_EQ(check.err, "");  // u0 may be negative: nothing to note
  CliResult sizes = run_cli({"check", "--all-sizes", "--sizes", "u0=-4"}, "u0 >= 0\n");
  EXPECT_EQ(sizes.exit_code, 1);
  EXPECT_TRUE(contains(sizes.err, "note: u0=-4 is outside its domain (u0 is a size")) << sizes.err;
}

TEST(CliSymbolDomain, AssumptionAgainstTheSizeDomainNamesIt) {
  CliResult r = run_cli({"simplify", "--assume", "s0 <= -1", "s0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "contradicts the earlier bounds or the domain: s0 is a size, an integer >= 0")) << r.err;
}

TEST(CliSymbolDomain, EveryVerbDocumentsTheDomains) {
  for (const char* command : {"simplify", "range", "prove", "minimize", "eval", "check"}) {
    const std::string help = output({command, "--help"});
    EXPECT_TRUE(contains(help, "--all-sizes")) << command;
    EXPECT_TRUE(contains(help, "--any-sign")) << command;
    EXPECT_TRUE(contains(help, "unbacked symbol (u0")) << command;
  }
  EXPECT_TRUE(contains(output({"--help"}), "unbacked symbols (u0) are any")) << output({"--help"});
}

}  // namespace
}  // namespace symshape::testing
