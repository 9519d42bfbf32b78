// End-to-end tests of `symshape minimize --verify`: the closing comment line,
// the JSON members, and that the answer holds for the recorded unbacked
// assert sets and every domain option.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "json_reader.hpp"
#include "run_cli.hpp"

namespace symshape {
namespace {

using testing::parse_json;
using testing::run_cli;

const std::string kGuards =
    "Eq(s0, s1)\n"
    "Eq(s1, s2)\n"
    "Eq(s0, s2)\n"
    "s0 >= 2\n"
    "s1 >= 1\n"
    "Eq((s3*s4)//s3, s4)\n"
    "Ne(s3, 0)\n"
    "u0 >= 0\n";

TEST(CliMinimizeVerify, EndsWithVerifiedAndKeepsTheOutputValidInput) {
  auto r = run_cli({"minimize", "--verify"}, kGuards);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> lines = r.out_lines();
  ASSERT_FALSE(lines.empty());
  // One per dropped guard that is not the same node as a kept one (line 6 is
  // Ne(s3, 0) once its cancelled divisor is added back: line 7).
  EXPECT_EQ(lines.back(), "# verified (2 Z3 queries)");
  auto plain = run_cli({"minimize"}, kGuards);
  EXPECT_EQ(plain.out + lines.back() + "\n", r.out) << "--verify adds one comment line, nothing else";
  // The output is valid input, and minimizing it again changes nothing.
  auto again = run_cli({"minimize", "--verify"}, r.out);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, plain.out + "# verified (0 Z3 queries)\n");
}

TEST(CliMinimizeVerify, WorksWithExplainAndTheDomainOptions) {
  for (const std::vector<std::string>& options :
       {std::vector<std::string>{"--explain"}, {"--any-sign"}, {"--all-sizes"}, {"--assume", "s0 >= 4"},
        {"--assume", "Eq(s3, s0)", "--any-sign"}}) {
    std::vector<std::string> args = {"minimize", "--verify"};
    args.insert(args.end(), options.begin(), options.end());
    auto r = run_cli(args, kGuards);
    EXPECT_EQ(r.exit_code, 0) << options[0] << ": " << r.err;
    ASSERT_FALSE(r.out_lines().empty());
    EXPECT_EQ(r.out_lines().back().rfind("# verified (", 0), 0u) << options[0] << ": " << r.out;
  }
}

TEST(CliMinimizeVerify, JsonCarriesVerified) {
  auto r = run_cli({"minimize", "--json", "--verify"}, kGuards);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = parse_json(r.out);
  EXPECT_EQ(j.at("verified").type, testing::Json::Type::Bool);
  EXPECT_TRUE(j.at("verified").boolean);
  EXPECT_EQ(j.at("verify").at("status").string, "verified");
  EXPECT_EQ(j.at("verify").at("queries").number, 2);
  EXPECT_EQ(j.at("verify").at("unknown").number, 0);
  auto plain = parse_json(run_cli({"minimize", "--json"}, kGuards).out);
  EXPECT_EQ(plain.object.count("verified"), 0u);
}

TEST(CliMinimizeVerify, RecordedUnbackedAssertSetsAreVerified) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(SYMSHAPE_SOURCE_DIR) + "/tests/data/unbacked")) {
    if (entry.path().extension() != ".txt") continue;
    ++files;
    for (const char* domain : {"--any-sign", "--all-sizes", "--explain"}) {
      auto r = run_cli({"minimize", "--verify", domain, entry.path().string()});
      EXPECT_EQ(r.exit_code, 0) << entry.path() << " " << domain << ": " << r.err;
      EXPECT_EQ(r.out_lines().back().rfind("# verified (", 0), 0u) << entry.path() << " " << domain << ": " << r.out;
    }
  }
  EXPECT_GE(files, 5);
}

TEST(CliMinimizeVerify, HelpDocumentsItAndExitCode3) {
  auto r = run_cli({"minimize", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--verify"), std::string::npos);
  EXPECT_NE(r.out.find("NOT EQUIVALENT"), std::string::npos);
  EXPECT_NE(r.out.find("3 --verify"), std::string::npos);
}

}  // namespace
}  // namespace symshape
