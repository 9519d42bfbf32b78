// End-to-end tests of the `symshape prove` and `symshape range` contracts.
#include <gtest/gtest.h>

#include "run_cli.hpp"

namespace symshape {
namespace {

using testing::run_cli;

std::string prove(std::vector<std::string> args) {
  args.insert(args.begin(), "prove");
  auto r = run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

TEST(ProveCli, PrintsOneOfFourWords) {
  EXPECT_EQ(prove({"--assume", "s0 >= 2", "--assume", "s1 >= 3", "s0*s1 >= 6"}), "true\n");
  EXPECT_EQ(prove({"--assume", "Eq(Mod(s0, 8), 0)", "Eq(Mod(s0, 4), 0)"}), "true\n");
  EXPECT_EQ(prove({"s0 < 0"}), "false\n");
  EXPECT_EQ(prove({"--any-sign", "s0 < 0"}), "depends\n");
  EXPECT_EQ(prove({"--assume", "s0 >= s1", "--assume", "s1 >= s2", "s0 >= s2"}), "true\n");
  EXPECT_EQ(prove({"--assume", "Eq(s0*s1, 12)", "--assume", "s0 >= 5", "s1 > 2"}), "false\n");
}

TEST(ProveCli, ModelShowsOnePointOfEachKind) {
  std::string out = prove({"--model", "--assume", "s0 >= 3", "Eq(Mod(s0, 2), 0)"});
  ASSERT_EQ(out.rfind("depends (true at s0=", 0), 0u) << out;
  // The two points really are of the two kinds.
  auto value_after = [&](const std::string& key) {
    size_t at = out.find(key);
    EXPECT_NE(at, std::string::npos) << out;
    return std::stoll(out.substr(at + key.size()));
  };
  long long t = value_after("true at s0="), f = value_after("false at s0=");
  EXPECT_GE(t, 3);
  EXPECT_GE(f, 3);
  EXPECT_EQ(t % 2, 0);
  EXPECT_EQ(f % 2, 1);
}

TEST(ProveCli, StdinAnswersEveryLineAndReportsErrors) {
  auto r = run_cli({"prove", "--assume", "s0 >= 4", "-"}, "s0 >= 2\nEq(s0,\ns0 + 1\ns0 <= 3\n\nEq(s0, 5)\n");
  EXPECT_EQ(r.exit_code, 2);
  auto lines = r.out_lines();
  ASSERT_EQ(lines.size(), 6u) << r.out;
  EXPECT_EQ(lines[0], "true");
  EXPECT_EQ(lines[1].rfind("error: ", 0), 0u);
  EXPECT_EQ(lines[2].rfind("error: ", 0), 0u);
  EXPECT_EQ(lines[3], "false");
  EXPECT_EQ(lines[4], "");
  EXPECT_EQ(lines[5], "depends");
}

TEST(ProveCli, UsageErrorsExitTwo) {
  EXPECT_EQ(run_cli({"prove"}).exit_code, 2);
  EXPECT_EQ(run_cli({"prove", "--assume", "s0 >=", "s0 >= 1"}).exit_code, 2);
  EXPECT_EQ(run_cli({"range", "--frobnicate", "s0"}).exit_code, 2);
  auto help = run_cli({"prove", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("depends"), std::string::npos);
  EXPECT_NE(run_cli({"range", "--help"}).out.find("-oo"), std::string::npos);
}

TEST(RangeCli, PrintsProvedBounds) {
  auto range = [](std::vector<std::string> args) {
    args.insert(args.begin(), "range");
    auto r = run_cli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  };
  EXPECT_EQ(range({"--assume", "s0 >= 2", "--assume", "s0 <= 10", "3*s0 + 1"}), "[7, 31]\n");
  EXPECT_EQ(range({"--assume", "Eq(Mod(s0, 4), 0)", "--assume", "s0 <= 10", "--assume", "s0 >= 1", "s0"}),
            "[4, 8]\n");
  EXPECT_EQ(range({"--any-sign", "s0 % 8"}), "[0, 7]\n");
  EXPECT_EQ(range({"--any-sign", "s0 - s1"}), "[-oo, oo]\n");
  EXPECT_EQ(range({"--assume", "s0 >= s1", "s0 - s1"}), "[0, oo]\n");
  auto r = run_cli({"range", "--assume", "s0 <= 9", "-"}, "(s0 + 3)//2\ns0 >= 1\n");
  EXPECT_EQ(r.exit_code, 2);
  auto lines = r.out_lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "[1, 6]");
  EXPECT_EQ(lines[1].rfind("error: ", 0), 0u);
}

}  // namespace
}  // namespace symshape
