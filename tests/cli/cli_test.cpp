// End-to-end tests of the `symshape` command-line contract (issue 2): help and
// usage errors, `simplify` and `eval` with their exit codes and stdout lines,
// the stdin mode (`-`) where a bad line in the middle keeps the others, and
// the issue's canonicalization examples through the CLI.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "run_cli.hpp"

namespace symshape::testing {
namespace {

using Args = std::vector<std::string>;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The single line a successful one-expression command prints.
std::string single_line(const Args& args) {
  CliResult r = run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << "args[0]=" << args[0] << " stderr: " << r.err;
  auto lines = r.out_lines();
  EXPECT_EQ(lines.size(), 1u) << r.out;
  return lines.empty() ? "" : lines[0];
}

std::string simplified(const std::string& expr, const Args& options = {}) {
  Args args{"simplify"};
  args.insert(args.end(), options.begin(), options.end());
  args.push_back(expr);
  return single_line(args);
}

// ---- top level -------------------------------------------------------------

TEST(CliTopLevel, HelpListsTheCommands) {
  for (const char* flag : {"--help", "-h", "help"}) {
    CliResult r = run_cli({flag});
    EXPECT_EQ(r.exit_code, 0) << flag;
    EXPECT_TRUE(contains(r.out, "Usage: symshape")) << r.out;
    EXPECT_TRUE(contains(r.out, "simplify")) << r.out;
    EXPECT_TRUE(contains(r.out, "eval")) << r.out;
    EXPECT_EQ(r.err, "");
  }
}

TEST(CliTopLevel, VersionPrintsOneLine) {
  CliResult r = run_cli({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  ASSERT_EQ(r.out_lines().size(), 1u);
  EXPECT_EQ(r.out_lines()[0].rfind("symshape ", 0), 0u) << r.out;
  EXPECT_NE(r.out_lines()[0].find_first_of("0123456789"), std::string::npos) << r.out;
}

// A bare `symshape` (the main job) is tested in main_job_cli_test.cpp.

TEST(CliTopLevel, UnknownCommandIsAUsageError) {
  CliResult r = run_cli({"frobnicate", "s0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(contains(r.err, "unknown command 'frobnicate'")) << r.err;
}

TEST(CliTopLevel, UnknownTopLevelOptionIsAUsageError) {
  CliResult r = run_cli({"--frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(contains(r.err, "unknown option '--frobnicate'")) << r.err;
}

// The command names `symshape --help` lists under "Commands:".
std::vector<std::string> listed_commands() {
  CliResult r = run_cli({"--help"});
  std::vector<std::string> names;
  bool in_commands = false;
  for (const std::string& line : r.out_lines()) {
    if (line == "Commands:") {
      in_commands = true;
    } else if (in_commands && line.rfind("  ", 0) == 0) {
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
    } else if (in_commands) {
      break;
    }
  }
  return names;
}

// ---- command help and usage errors ------------------------------------------

TEST(CliUsage, EveryCommandHasHelpAndRejectsUnknownOptions) {
  std::vector<std::string> commands = listed_commands();
  EXPECT_GE(commands.size(), 2u);
  for (const std::string& name : commands) {
    CliResult help = run_cli({name, "--help"});
    EXPECT_EQ(help.exit_code, 0) << name;
    EXPECT_EQ(help.out.rfind("Usage: symshape " + name, 0), 0u) << name << ": " << help.out;
    EXPECT_TRUE(contains(help.out, "--help")) << name;

    CliResult bad = run_cli({name, "--no-such-option", "s0"}, "s0\n");
    EXPECT_EQ(bad.exit_code, 2) << name;
    EXPECT_EQ(bad.out, "") << name;
    EXPECT_TRUE(contains(bad.err, "--no-such-option")) << name << ": " << bad.err;
  }
}

TEST(CliUsage, CommandHelpDescribesItsOptions) {
  CliResult simplify = run_cli({"simplify", "--help"});
  EXPECT_EQ(simplify.exit_code, 0);
  EXPECT_TRUE(contains(simplify.out, "Usage: symshape simplify")) << simplify.out;
  EXPECT_TRUE(contains(simplify.out, "--assume")) << simplify.out;
  EXPECT_TRUE(contains(simplify.out, "--any-sign")) << simplify.out;

  CliResult eval = run_cli({"eval", "-h"});
  EXPECT_EQ(eval.exit_code, 0);
  EXPECT_TRUE(contains(eval.out, "Usage: symshape eval")) << eval.out;
  EXPECT_TRUE(contains(eval.out, "--sizes")) << eval.out;

  EXPECT_EQ(run_cli({"help", "eval"}).out, eval.out);
}

TEST(CliUsage, BadCommandLinesExitWithTwoAndSayWhy) {
  struct Case {
    Args args;
    std::string message_part;
  };
  const std::vector<Case> cases = {
      {{"simplify", "--frobnicate", "s0"}, "--frobnicate"},
      {{"simplify"}, "missing EXPR"},
      {{"simplify", "s0", "+", "1"}, "expected one EXPR"},
      {{"simplify", "s0", "--assume"}, "--assume"},
      {{"simplify", "--assume", "s0 >=", "s0"}, "--assume 's0 >='"},
      {{"simplify", "--assume", "s0 + 1", "s0"}, "not a condition"},
      {{"simplify", "--assume", "s0 >= 5", "--assume", "s0 <= 2", "s0"}, "no value for s0"},
      {{"simplify", "--assume", "s0 <= -1", "s0"}, "no value for s0"},
      {{"simplify", "--assume", "False", "s0"}, "always false"},
      {{"simplify", "--any-sign=yes", "s0"}, "--any-sign"},
      {{"eval", "s0", "--sizes", "s0"}, "has no value"},
      {{"eval", "s0", "--sizes", "s0=abc"}, "not an integer"},
      {{"eval", "s0", "--sizes", "s0=99999999999999999999"}, "not an integer"},
      {{"eval", "s0", "--sizes", "s0=1,s0=2"}, "given twice"},
      {{"eval", "s0", "--sizes", "s0=1,,s1=2"}, "empty entry"},
      {{"eval", "s0", "--sizes", "1=2"}, "not a symbol"},
  };
  for (const Case& c : cases) {
    CliResult r = run_cli(c.args);
    std::string joined;
    for (const auto& a : c.args) joined += a + " | ";
    EXPECT_EQ(r.exit_code, 2) << joined;
    EXPECT_EQ(r.out, "") << joined;
    EXPECT_TRUE(contains(r.err, c.message_part)) << joined << "\nstderr: " << r.err;
    EXPECT_TRUE(contains(r.err, "--help")) << joined << "\nstderr: " << r.err;
  }
}

TEST(CliUsage, ExpressionsMayStartWithAMinus) {
  // Short options are off, so `-s0 + 4` is the EXPR, not an option `-s`;
  // after `--` any word is the EXPR.
  const std::string expected = simplified("4 - s0");
  EXPECT_EQ(simplified("-s0 + 4"), expected);
  EXPECT_EQ(single_line({"simplify", "--", "-s0 + 4"}), expected);
  EXPECT_EQ(single_line({"eval", "--sizes", "s0=1", "--", "-s0 + 4"}), "3");
}

// ---- simplify ----------------------------------------------------------------

TEST(CliSimplify, IssueTwoExamples) {
  EXPECT_EQ(simplified("(s0*s1 + 3*s0)//s0", {"--assume", "s0 >= 1"}), "s1 + 3");
  EXPECT_EQ(simplified("Eq(2*(s0//2), s0)"), simplified("Eq(Mod(s0, 2), 0)"));
  EXPECT_EQ(simplified("Eq(2*(s0//2), s0)"), "Eq(Mod(s0, 2), 0)");
  EXPECT_EQ(simplified("Max(1, s0)", {"--assume", "s0 >= 1"}), "s0");
  EXPECT_EQ(simplified("Mod(4*s0 + 2, 2)"), "0");
  EXPECT_EQ(simplified("s0 + s1 - s0"), "s1");
  EXPECT_EQ(simplified("2*s0 >= 4"), "s0 >= 2");
  EXPECT_EQ(simplified("(s0//2)//4"), simplified("s0//8"));
  EXPECT_EQ(simplified("Mod(Mod(s0, 8), 4)"), "Mod(s0, 4)");
}

TEST(CliSimplify, RangeRulesNeedTheAssumption) {
  // Without s0 >= 1, s0 may be 0: Max(1, 0) is 1, so Max(1, s0) must stay.
  EXPECT_NE(simplified("Max(1, s0)"), "s0");
  EXPECT_NE(simplified("Max(4, s0)", {"--assume", "s0 >= 3"}), "s0");
  EXPECT_EQ(simplified("Max(4, s0)", {"--assume", "s0 >= 4"}), "s0");
  EXPECT_EQ(simplified("s0//s0", {"--assume", "s0 >= 2"}), "1");
}

TEST(CliSimplify, AssumptionsBoundingOneSymbolDecideRelations) {
  const Args box{"--assume", "2 <= s0 and s0 <= 8"};
  EXPECT_EQ(simplified("s0 <= 10", box), "True");
  EXPECT_EQ(simplified("s0 >= 9", box), "False");
  EXPECT_EQ(simplified("Ne(s0, 1)", box), "True");
  // Repeated --assume intersect; `<` and reversed sides are bounds too.
  EXPECT_EQ(simplified("s0 < 6", {"--assume", "s0 > 6", "--assume", "100 > s0"}), "False");
  EXPECT_EQ(simplified("Max(s0, 3)", {"--assume", "3*s0 >= 10"}), "s0");  // s0 >= 4
  EXPECT_EQ(simplified("Max(s0, 4)", {"--assume", "3*s0 >= 10"}), "s0");
  EXPECT_EQ(simplified("s0 <= 3", {"--assume", "2*s0 <= 7"}), "True");  // s0 <= 3
  EXPECT_NE(simplified("s0 <= 2", {"--assume", "2*s0 <= 7"}), "True");
  // Eq pins the symbol to a value.
  EXPECT_EQ(simplified("s0*s1 + 1", {"--assume", "Eq(s0, 4)"}), simplified("4*s1 + 1"));
}

TEST(CliSimplify, AnySignWidensTheDomain) {
  EXPECT_EQ(simplified("s0 >= 0"), "True");
  EXPECT_EQ(simplified("s0 >= 0", {"--any-sign"}), "s0 >= 0");
  EXPECT_EQ(simplified("s0 <= -1", {"--any-sign", "--assume", "s0 <= -3"}), "True");
}

TEST(CliSimplify, AssumptionsOfOtherShapesAreAcceptedWithANote) {
  CliResult r = run_cli({"simplify", "--assume", "s0 >= s1", "Max(s0, s1)"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out_lines().size(), 1u);
  EXPECT_TRUE(contains(r.err, "note:")) << r.err;
  EXPECT_TRUE(contains(r.err, "does not bound a single symbol")) << r.err;
}

TEST(CliSimplify, SourcesAndPythonSyntax) {
  const std::string x0 = "L['x'].size()[0]";
  EXPECT_EQ(simplified("max(2, " + x0 + ")", {"--assume", x0 + " >= 3"}), x0);
  EXPECT_EQ(simplified(x0 + " * 2 >= 4"), x0 + " >= 2");
}

TEST(CliSimplify, ParseErrorShowsPositionAndCaret) {
  CliResult r = run_cli({"simplify", "Eq(s0, s1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
  EXPECT_TRUE(contains(r.err, "1:")) << r.err;
  EXPECT_TRUE(contains(r.err, "^")) << r.err;
}

TEST(CliSimplify, StdinBadLineInTheMiddleKeepsTheOthers) {
  CliResult r = run_cli({"simplify", "-"}, "2*s0 >= 4\nEq(s0,\n\ns0 + s1 - s0\ns0 // 0\nMod(Mod(s0, 8), 4)\n");
  EXPECT_EQ(r.exit_code, 2);
  auto lines = r.out_lines();
  ASSERT_EQ(lines.size(), 6u) << r.out;
  EXPECT_EQ(lines[0], "s0 >= 2");
  EXPECT_EQ(lines[1].rfind("error: 2:", 0), 0u) << lines[1];  // names the input line
  EXPECT_EQ(lines[2], "");                                     // blank in, blank out
  EXPECT_EQ(lines[3], "s1");
  EXPECT_EQ(lines[4].rfind("error: ", 0), 0u) << lines[4];  // division by zero
  EXPECT_EQ(lines[5], "Mod(s0, 4)");
}

TEST(CliSimplify, StdinAllGoodExitsZeroInOrder) {
  CliResult r = run_cli({"simplify", "--assume", "s0 >= 1", "-"},
                        "Max(1, s0)\r\n(s0*s1 + 3*s0)//s0\nMod(4*s0 + 2, 2)");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out_lines(), (std::vector<std::string>{"s0", "s1 + 3", "0"}));
  EXPECT_EQ(run_cli({"simplify", "-"}, "").out, "");
}

// ---- eval --------------------------------------------------------------------

TEST(CliEval, ValuesWithPythonSemantics) {
  EXPECT_EQ(single_line({"eval", "Eq(Mod(s0*s1, 8), 0)", "--sizes", "s0=4,s1=6"}), "True");
  EXPECT_EQ(single_line({"eval", "Ne(s0, s1)", "--sizes", "s0=4", "--sizes", "s1=4"}), "False");
  EXPECT_EQ(single_line({"eval", "(s0 - 7)//2", "--sizes", "s0=4"}), "-2");
  EXPECT_EQ(single_line({"eval", "Mod(s0 - 8, 3)", "--sizes", "s0=4"}), "2");
  EXPECT_EQ(single_line({"eval", "PythonMod(s0, -3)", "--sizes", "s0=4"}), "-2");
  EXPECT_EQ(single_line({"eval", "CeilDiv(s0, 4)", "--sizes", "s0=9"}), "3");
  EXPECT_EQ(single_line({"eval", "Max(s0, 3*s1) - Min(s0, 2)", "--sizes", "s0=-5, s1=2"}), "11");
  EXPECT_EQ(single_line({"eval", "s0**3", "--sizes", "s0=+7"}), "343");
  EXPECT_EQ(single_line({"eval", "7"}), "7");
  EXPECT_EQ(single_line({"eval", "L['x'].size()[0] * 2", "--sizes", "L['x'].size()[0]=3"}), "6");
  EXPECT_EQ(single_line({"eval", "x.size()[0] == 3 and x.size()[1] != 2", "--sizes",
                         "x.size()[0]=3,x.size()[1]=5"}),
            "True");
}

TEST(CliEval, ErrorsExitWithTwo) {
  struct Case {
    Args args;
    std::string message_part;
  };
  const std::vector<Case> cases = {
      {{"eval", "s0 + s1", "--sizes", "s0=1"}, "s1"},                            // unbound
      {{"eval", "s0 * s0", "--sizes", "s0=4294967296"}, "error: "},              // 2^64
      {{"eval", "s0 + 1", "--sizes", "s0=9223372036854775807"}, "error: "},      // int64 max + 1
      {{"eval", "s0 // s1", "--sizes", "s0=4,s1=0"}, "error: "},                 // division by zero
      {{"eval", "Mod(s0, s1)", "--sizes", "s0=4,s1=0"}, "error: "},
      {{"eval", "Eq(s0, )", "--sizes", "s0=4"}, "^"},                            // parse error
  };
  for (const Case& c : cases) {
    CliResult r = run_cli(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args[1];
    EXPECT_EQ(r.out, "") << c.args[1];
    EXPECT_TRUE(contains(r.err, c.message_part)) << c.args[1] << "\nstderr: " << r.err;
  }
}

TEST(CliEval, StdinEvaluatesEachLineAtTheSameSizes) {
  CliResult r = run_cli({"eval", "-", "--sizes", "s0=5"}, "s0 + 1\ns1\ns0*2\ns0 // (s0 - 5)\ns0 >= 5\n");
  EXPECT_EQ(r.exit_code, 2);
  auto lines = r.out_lines();
  ASSERT_EQ(lines.size(), 5u) << r.out;
  EXPECT_EQ(lines[0], "6");
  EXPECT_EQ(lines[1].rfind("error: ", 0), 0u);
  EXPECT_TRUE(contains(lines[1], "s1")) << lines[1];
  EXPECT_EQ(lines[2], "10");
  EXPECT_EQ(lines[3].rfind("error: ", 0), 0u);
  EXPECT_EQ(lines[4], "True");
}

// ---- simplify and eval together: simplification keeps values -------------------

// Random integer expressions as text, over s0..s2, with negative and positive
// constants and every operator the CLI parses.
std::string random_expr(std::mt19937& rng, int depth) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  if (depth == 0 || pick(4) == 0) {
    if (pick(2) == 0) return "s" + std::to_string(pick(3));
    return std::to_string(pick(11) - 4);
  }
  std::string a = random_expr(rng, depth - 1), b = random_expr(rng, depth - 1);
  switch (pick(8)) {
    case 0: return "(" + a + " + " + b + ")";
    case 1: return "(" + a + " - " + b + ")";
    case 2: return "(" + a + ")*(" + b + ")";
    case 3: return "FloorDiv(" + a + ", " + std::to_string(pick(4) + 1) + ")";
    case 4: return "Mod(" + a + ", " + std::to_string(pick(5) + 2) + ")";
    case 5: return "Max(" + a + ", " + b + ")";
    case 6: return "Min(" + a + ", " + b + ")";
    default: return "(" + a + ")//(s" + std::to_string(pick(3)) + " + 1)";
  }
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  return text;
}

// One `simplify -` over many random expressions, then `eval -` of originals
// and results at random points of the domain: every value must agree. This
// checks the whole CLI path (parse, range simplification, print, re-parse).
void expect_simplify_keeps_values(const Args& domain_options, int64_t lo, int64_t hi, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> originals;
  for (int i = 0; i < 150; ++i) originals.push_back(random_expr(rng, 4));
  Args simplify_args{"simplify"};
  simplify_args.insert(simplify_args.end(), domain_options.begin(), domain_options.end());
  simplify_args.push_back("-");
  CliResult s = run_cli(simplify_args, join_lines(originals));
  ASSERT_EQ(s.exit_code, 0) << s.out << s.err;
  std::vector<std::string> results = s.out_lines();
  ASSERT_EQ(results.size(), originals.size());

  int compared = 0;
  for (int point = 0; point < 6; ++point) {
    std::uniform_int_distribution<int64_t> value(lo, hi);
    std::string sizes;
    for (int v = 0; v < 3; ++v) sizes += (v ? ",s" : "s") + std::to_string(v) + "=" + std::to_string(value(rng));
    CliResult before = run_cli({"eval", "-", "--sizes", sizes}, join_lines(originals));
    CliResult after = run_cli({"eval", "-", "--sizes", sizes}, join_lines(results));
    auto b = before.out_lines(), a = after.out_lines();
    ASSERT_EQ(b.size(), originals.size());
    ASSERT_EQ(a.size(), originals.size());
    for (size_t i = 0; i < originals.size(); ++i) {
      // Overflow can differ between equivalent forms; values must not.
      if (b[i].rfind("error:", 0) == 0 || a[i].rfind("error:", 0) == 0) continue;
      EXPECT_EQ(b[i], a[i]) << originals[i] << "  simplified to  " << results[i] << "  at " << sizes;
      ++compared;
    }
  }
  EXPECT_GT(compared, 600);
}

TEST(CliProperty, SimplifyKeepsValuesOnSizes) {
  expect_simplify_keeps_values({}, 0, 12, 20261122);
}

TEST(CliProperty, SimplifyKeepsValuesOnAnySign) {
  expect_simplify_keeps_values({"--any-sign"}, -12, 12, 7);
}

TEST(CliProperty, SimplifyKeepsValuesWithinAssumedRanges) {
  expect_simplify_keeps_values({"--assume", "s0 >= 3", "--assume", "s1 <= 5", "--assume", "s2 >= 1"}, 3, 5, 11);
}

}  // namespace
}  // namespace symshape::testing
