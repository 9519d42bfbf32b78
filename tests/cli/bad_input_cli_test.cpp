// Bad input for every verb, one table: binary garbage, unterminated
// parentheses, unknown functions, invalid UTF-8 (and, for trace, unknown ops
// and unreadable statements) between valid lines. Each bad line is reported
// with its place and the exit code is 2, while the valid lines around it are
// still answered. Empty input is zero inputs (exit 0), except for trace, where
// a file without a graph is an error, and an empty EXPR argument.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "run_cli.hpp"

namespace symshape::testing {
namespace {

using Args = std::vector<std::string>;

// Line 2 of each input is bad in one of these ways.
struct BadLine {
  const char* kind;
  std::string text;
  std::string located;  // what the message starts with, after any "error: "
};

const std::vector<BadLine>& bad_lines() {
  static const std::vector<BadLine> lines{
      {"binary garbage", std::string("\x7f\x01\x00\xfe\x80 s0", 7), "2:1:"},
      {"unterminated parenthesis", "(s0 + (1", "2:9:"},
      {"unknown function", "Frobnicate(s0) >= 1", "2:1:"},
      {"invalid UTF-8", "s0 + \xc3\x28", "2:6:"},
      {"unterminated string", "L['x.size()[0] >= 1", "2:3:"},
  };
  return lines;
}

// A verb that answers one input per line, with the answers to the valid lines
// around the bad one.
struct LineVerb {
  const char* name;
  Args options;
  std::string first, third;                 // valid input lines 1 and 3
  std::string first_answer, third_answer;   // their answers on stdout
};

const std::vector<LineVerb>& line_verbs() {
  static const std::vector<LineVerb> verbs{
      {"simplify", {}, "s0 + 1 + 1", "s1*2", "s0 + 2", "2*s1"},
      {"eval", {"--sizes", "s0=3,s1=4"}, "s0 + 1", "s1*2", "4", "8"},
      {"prove", {}, "s0 >= 0", "s1 >= 1", "true", "depends"},
      {"range", {}, "s0 + 1", "Min(s1, 5)", "[1, oo]", "[0, 5]"},
  };
  return verbs;
}

std::string input_with_bad_line(const std::string& first, const BadLine& bad, const std::string& third) {
  return first + "\n" + bad.text + "\n" + third + "\n";
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(BadInputCli, LineVerbsLocateTheBadLineAndAnswerTheOthers) {
  for (const LineVerb& verb : line_verbs()) {
    for (const BadLine& bad : bad_lines()) {
      SCOPED_TRACE(std::string(verb.name) + " with " + bad.kind);
      Args args{verb.name};
      args.insert(args.end(), verb.options.begin(), verb.options.end());
      args.push_back("-");
      CliResult r = run_cli(args, input_with_bad_line(verb.first, bad, verb.third));
      EXPECT_EQ(r.exit_code, 2) << r.err;
      std::vector<std::string> lines = r.out_lines();
      ASSERT_EQ(lines.size(), 3u) << r.out << r.err;
      EXPECT_EQ(lines[0], verb.first_answer);
      EXPECT_EQ(lines[1].rfind("error: " + bad.located, 0), 0u) << lines[1];
      EXPECT_EQ(lines[2], verb.third_answer);
    }
  }
}

TEST(BadInputCli, GuardSetVerbsLocateTheBadLineAndUseTheOthers) {
  for (const BadLine& bad : bad_lines()) {
    SCOPED_TRACE(bad.kind);
    const std::string guards = input_with_bad_line("s0 >= 2", bad, "s1 <= 7");
    CliResult minimized = run_cli({"minimize", "-"}, guards);
    EXPECT_EQ(minimized.exit_code, 2);
    EXPECT_TRUE(has(minimized.err, bad.located)) << minimized.err;
    EXPECT_EQ(minimized.out_lines(), (std::vector<std::string>{"s0 >= 2", "s1 <= 7"}));

    CliResult passing = run_cli({"check", "--sizes", "s0=3,s1=4", "-"}, guards);
    EXPECT_EQ(passing.exit_code, 2);
    EXPECT_TRUE(has(passing.err, bad.located)) << passing.err;
    // An unread guard might fail: the readable ones passing is not a pass.
    EXPECT_EQ(passing.out_lines().at(0), "unknown");
    CliResult failing = run_cli({"check", "--sizes", "s0=3,s1=8", "-"}, guards);
    EXPECT_EQ(failing.exit_code, 2);
    EXPECT_EQ(failing.out_lines(), (std::vector<std::string>{"fail", "line 3: s1 <= 7 failed: s1=8"}));
  }
}

const char* const kGraph =
    "class GraphModule(torch.nn.Module):\n"
    "    def forward(self, x_1: \"f32[s0, s1][s1, 1]cpu\"):\n"
    "        relu: \"f32[s0, s1][s1, 1]cpu\" = torch.ops.aten.relu.default(x_1)\n"
    "BAD\n"
    "        neg: \"f32[s0, s1][s1, 1]cpu\" = torch.ops.aten.neg.default(relu)\n"
    "        return (neg,)\n";

std::string graph_with(const std::string& bad_statement) {
  std::string g = kGraph;
  return g.replace(g.find("BAD"), 3, bad_statement);
}

TEST(BadInputCli, TraceLocatesBadStatementsAndTracesTheRest) {
  struct Case {
    const char* kind;
    std::string statement;
    std::string located;
  };
  const std::vector<Case> cases{
      {"binary garbage", std::string("        \x01\x00\xff", 11), "<stdin>:4:9:"},
      {"invalid UTF-8", "        y: \"f32[s0]\" = \xc3\x28", "<stdin>:4:"},
      // As in Python, an open parenthesis continues the statement on the
      // next line: the error is where that continuation goes wrong.
      {"unterminated parenthesis", "        y = torch.ops.aten.relu.default((x_1", "<stdin>:5:9:"},
      {"unknown op", "        y: \"f32[s0, s1][s1, 1]cpu\" = torch.ops.aten.frobnicate.default(x_1)", "<stdin>:4:9:"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.kind);
    CliResult r = run_cli({"trace", "--check", "-"}, graph_with(c.statement));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(has(r.err, c.located)) << r.err;
    // relu and neg are still propagated and checked.
    EXPECT_EQ(r.out_lines(), (std::vector<std::string>{"check: 3 nodes, 0 mismatches"})) << r.err;
  }
}

TEST(BadInputCli, TraceOfAGraphThatContradictsItsAnnotationsExitsOne) {
  std::string g = graph_with("");
  g.replace(g.find("neg: \"f32[s0, s1]"), 17, "neg: \"f32[s1, s0]");
  CliResult r = run_cli({"trace", "--check", "-"}, g);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(has(r.out, "check: 3 nodes, 2 mismatches")) << r.out;
}

TEST(BadInputCli, EmptyInput) {
  for (const LineVerb& verb : line_verbs()) {
    SCOPED_TRACE(verb.name);
    Args args{verb.name};
    args.insert(args.end(), verb.options.begin(), verb.options.end());
    CliResult dash = run_cli([&] { Args a = args; a.push_back("-"); return a; }(), "");
    EXPECT_EQ(dash.exit_code, 0) << dash.err;  // zero inputs, zero answers
    EXPECT_EQ(dash.out, "");
    CliResult empty_expr = run_cli([&] { Args a = args; a.push_back(""); return a; }());
    EXPECT_EQ(empty_expr.exit_code, 2);
    EXPECT_TRUE(has(empty_expr.err, "1:1:")) << empty_expr.err;
  }
  EXPECT_EQ(run_cli({"minimize", "-"}, "").exit_code, 0);       // the empty set is minimal
  EXPECT_EQ(run_cli({"check", "-"}, "").out, "pass\n");         // and passes everywhere
  CliResult trace = run_cli({"trace", "-"}, "");
  EXPECT_EQ(trace.exit_code, 2);
  EXPECT_TRUE(has(trace.err, "no graph")) << trace.err;
}

}  // namespace
}  // namespace symshape::testing
