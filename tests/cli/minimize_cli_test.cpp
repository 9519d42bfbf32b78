// End-to-end tests of `symshape minimize` and `symshape check`: output format,
// exit codes, and the JSON shape (validated by a small strict JSON parser).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "json_reader.hpp"
#include "run_cli.hpp"

namespace symshape {
namespace {

using testing::Json;
using testing::parse_json;
using testing::run_cli;

const std::string kChain =
    "Eq(s0, s1)\n"
    "Eq(s1, s2)\n"
    "# a comment\n"
    "Eq(s0, s2)\n"
    "s0 >= 2\n"
    "s1 >= 1\n"
    "Eq(s1, s0)\n"
    "s0 >= 0\n";

TEST(CliMinimize, PrintsKeptGuardsAsWrittenInInputOrder) {
  auto r = run_cli({"minimize"}, kChain);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out_lines(), (std::vector<std::string>{"Eq(s0, s1)", "Eq(s1, s2)", "s0 >= 2"}));
  EXPECT_EQ(r.err, "");
  auto dash = run_cli({"minimize", "-"}, kChain);
  EXPECT_EQ(dash.out, r.out);
}

TEST(CliMinimize, ReadsAFile) {
  const std::string path = ::testing::TempDir() + "symshape_minimize_cli_test.txt";
  {
    std::ofstream f(path);
    f << kChain;
  }
  auto r = run_cli({"minimize", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out_lines().size(), 3u);
  std::remove(path.c_str());
  auto missing = run_cli({"minimize", path});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read"), std::string::npos);
}

TEST(CliMinimize, ExplainGivesEveryReason) {
  auto r = run_cli({"minimize", "--explain"}, kChain);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out_lines(), (std::vector<std::string>{
                               "Eq(s0, s1)",
                               "Eq(s1, s2)",
                               "# dropped line 4: Eq(s0, s2): implied by lines 1, 2",
                               "s0 >= 2",
                               "# dropped line 6: s1 >= 1: implied by lines 1, 5",
                               "# dropped line 7: Eq(s1, s0): duplicate of line 1",
                               "# dropped line 8: s0 >= 0: trivial",
                               "# kept 3 of 7 guards",
                           }));
}

TEST(CliMinimize, JsonHasTheContractShape) {
  auto r = run_cli({"minimize", "--json"}, kChain);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json j = parse_json(r.out);
  EXPECT_EQ(j.at("input").number, 7);
  const auto& kept = j.at("kept").array;
  ASSERT_EQ(kept.size(), 3u);
  EXPECT_EQ(kept[0].at("line").number, 1);
  EXPECT_EQ(kept[0].at("guard").string, "Eq(s0, s1)");
  EXPECT_EQ(kept[2].at("line").number, 5);
  const auto& dropped = j.at("dropped").array;
  ASSERT_EQ(dropped.size(), 4u);
  EXPECT_EQ(dropped[0].at("line").number, 4);
  EXPECT_EQ(dropped[0].at("reason").string, "implied");
  ASSERT_EQ(dropped[0].at("by").array.size(), 2u);
  EXPECT_EQ(dropped[0].at("by").array[1].number, 2);
  EXPECT_EQ(dropped[2].at("reason").string, "duplicate");
  EXPECT_EQ(dropped[3].at("reason").string, "trivial");
  EXPECT_TRUE(dropped[3].at("by").array.empty());
  EXPECT_EQ(j.at("stats").type, Json::Type::Object);
  EXPECT_EQ(j.at("stats").at("kept").number, 3);
}

TEST(CliMinimize, JsonEscapesStrings) {
  auto r = run_cli({"minimize", "--json"}, "L['a\"b\\\\c'].size()[0] >= 2\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json j = parse_json(r.out);
  ASSERT_EQ(j.at("kept").array.size(), 1u);
  EXPECT_EQ(j.at("kept").array[0].at("guard").string, "L['a\"b\\\\c'].size()[0] >= 2");
}

TEST(CliMinimize, PythonSyntaxAndLogLinesKeepTheirText) {
  auto r = run_cli({"minimize"},
                   "eval Eq(s0, s1) [guard added] (x.py:1 in f)\n"
                   "L['x'].size()[0] == L['y'].size()[0]  # duck sizing added this equality\n"
                   "L['x'].size()[0] >= 2\n"
                   "L['y'].size()[0] > 1\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out_lines(),
            (std::vector<std::string>{"Eq(s0, s1)", "L['x'].size()[0] == L['y'].size()[0]", "L['x'].size()[0] >= 2"}));
}

TEST(CliMinimize, ContradictionExitsOneWithTheConflictingLines) {
  auto r = run_cli({"minimize"}, "s0 >= 5\nNe(s1, 2)\ns0 <= 3\n");
  EXPECT_EQ(r.exit_code, 1);
  auto lines = r.out_lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].substr(0, 14), "contradiction:");
  EXPECT_EQ(lines[1], "line 1: s0 >= 5");
  EXPECT_EQ(lines[2], "line 3: s0 <= 3");
  auto j = run_cli({"minimize", "--json"}, "s0 >= 5\nNe(s1, 2)\ns0 <= 3\n");
  EXPECT_EQ(j.exit_code, 1);
  Json doc = parse_json(j.out);
  ASSERT_EQ(doc.at("contradiction").array.size(), 2u);
  EXPECT_EQ(doc.at("contradiction").array[1].at("line").number, 3);
  EXPECT_TRUE(doc.at("minimal").boolean);
}

TEST(CliMinimize, ParseErrorsExitTwoAndTheRestIsMinimized) {
  auto r = run_cli({"minimize"}, "Eq(s0, s1)\nEq(s0,, s1)\nEq(s1, s0)\ns0 >=\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out_lines(), (std::vector<std::string>{"Eq(s0, s1)"}));
  EXPECT_NE(r.err.find("2:7: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("4:"), std::string::npos) << r.err;
}

TEST(CliMinimize, AssumeAndAnySign) {
  auto assumed = run_cli({"minimize", "--assume", "s0 >= 4"}, "s0 >= 2\nNe(s0, s1)\n");
  EXPECT_EQ(assumed.exit_code, 0) << assumed.err;
  EXPECT_EQ(assumed.out_lines(), (std::vector<std::string>{"Ne(s0, s1)"}));
  auto sizes = run_cli({"minimize"}, "s0 >= 0\nNe(s0, s1)\n");
  EXPECT_EQ(sizes.out_lines(), (std::vector<std::string>{"Ne(s0, s1)"}));
  auto any = run_cli({"minimize", "--any-sign"}, "s0 >= 0\nNe(s0, s1)\n");
  EXPECT_EQ(any.exit_code, 0) << any.err;
  EXPECT_EQ(any.out_lines(), (std::vector<std::string>{"s0 >= 0", "Ne(s0, s1)"}));
}

TEST(CliMinimize, UsageErrorsExitTwo) {
  EXPECT_EQ(run_cli({"minimize", "--no-such-option"}, "").exit_code, 2);
  EXPECT_EQ(run_cli({"minimize", "--assume", "s0 >="}, "s0 >= 1\n").exit_code, 2);
  auto help = run_cli({"minimize", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--explain"), std::string::npos);
}

TEST(CliMinimize, EmptyInputIsAnEmptySet) {
  auto r = run_cli({"minimize", "--json"}, "\n# nothing\n");
  EXPECT_EQ(r.exit_code, 0);
  Json j = parse_json(r.out);
  EXPECT_EQ(j.at("input").number, 0);
  EXPECT_TRUE(j.at("kept").array.empty());
}

TEST(CliCheck, PassFailAndErrors) {
  const std::string guards = "Ne(s0, 1)\nEq(s0, s1)\ns0 >= 2\n";
  auto pass = run_cli({"check", "--sizes", "s0=4,s1=4"}, guards);
  EXPECT_EQ(pass.exit_code, 0) << pass.err;
  EXPECT_EQ(pass.out, "pass\n");
  auto fail = run_cli({"check", "--sizes", "s0=4,s1=5"}, guards);
  EXPECT_EQ(fail.exit_code, 1);
  EXPECT_EQ(fail.out_lines(), (std::vector<std::string>{"fail", "line 2: Eq(s0, s1) failed: s0=4, s1=5"}));
  // The FIRST failing guard in input order, though the later Eq would be
  // cheaper for a program to check.
  auto first = run_cli({"check", "--sizes", "s0=1,s1=5"}, guards);
  EXPECT_EQ(first.out_lines().at(1), "line 1: Ne(s0, 1) failed: s0=1");
  auto unbound = run_cli({"check", "--sizes", "s0=4"}, guards);
  EXPECT_EQ(unbound.exit_code, 2);
  EXPECT_NE(unbound.err.find("s1"), std::string::npos) << unbound.err;
  auto div0 = run_cli({"check", "--sizes", "s0=4,s1=0"}, "Eq(s0//s1, 2)\n");
  EXPECT_EQ(div0.exit_code, 1);
  EXPECT_NE(div0.out.find("division by zero"), std::string::npos) << div0.out;
  auto bad = run_cli({"check", "--sizes", "s0=4"}, "Eq(s0,, 1)\n");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("1:7:"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace symshape
