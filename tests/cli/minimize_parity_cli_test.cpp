// Issue 11's "small inputs must be fast too" repro: a parity contradiction
// (s0 even makes s0*s0 even) that Z3 left undecided until its wall-clock
// backstop. The modular tier now reports it without a single Z3 check.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "json_reader.hpp"
#include "run_cli.hpp"

namespace symshape {
namespace {

using testing::Json;
using testing::parse_json;
using testing::run_cli;

const std::string kParity = "(s0 - 3)//1 + 1 >= 3\nEq(2*(s0//2), s0)\nNe(Mod(s0*s0, 2), 0)\n";

TEST(CliMinimizeParity, ReportsTheContradictionWithoutZ3) {
  auto r = run_cli({"minimize"}, kParity);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  auto lines = r.out_lines();
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(lines[0].substr(0, 14), "contradiction:");
  EXPECT_EQ(lines[1], "line 2: Eq(2*(s0//2), s0)");
  EXPECT_EQ(lines[2], "line 3: Ne(Mod(s0*s0, 2), 0)");
  auto j = run_cli({"minimize", "--json"}, kParity);
  EXPECT_EQ(j.exit_code, 1);
  Json doc = parse_json(j.out);
  ASSERT_EQ(doc.at("contradiction").array.size(), 2u);
  EXPECT_EQ(doc.at("contradiction").array[0].at("line").number, 2);
  EXPECT_EQ(doc.at("contradiction").array[1].at("line").number, 3);
  EXPECT_TRUE(doc.at("minimal").boolean);
  const Json& stats = doc.at("stats");
  EXPECT_EQ(stats.at("z3_checks").number, 0);
  EXPECT_GE(stats.at("answered_by").at("modular").number, 1);
  EXPECT_FALSE(stats.at("satisfiability_unknown").boolean);
}

TEST(CliMinimizeParity, AnOddSquareIsImpliedByAnOddSize) {
  // Ne(Mod(s0**2, 2), 0) follows from s0 odd: dropped, proved without Z3.
  auto j = run_cli({"minimize", "--json"}, "Eq(Mod(s0, 2), 1)\nNe(Mod(s0*s0, 2), 0)\n");
  EXPECT_EQ(j.exit_code, 0) << j.err;
  Json doc = parse_json(j.out);
  ASSERT_EQ(doc.at("kept").array.size(), 1u);
  EXPECT_EQ(doc.at("kept").array[0].at("line").number, 1);
  EXPECT_EQ(doc.at("stats").at("z3_checks").number, 0);
}

}  // namespace
}  // namespace symshape
