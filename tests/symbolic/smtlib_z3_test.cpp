// to_smtlib checked by the z3 binary (skipped when it is not installed): for
// random trees at random points (negative and symbolic divisors included), z3
// must prove that the translated term equals the tree's brute-force value once
// the symbols are fixed, i.e. the SMT-LIB translation of Python's // and % is
// exact for every divisor sign.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "random_expr.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

using testing::brute_force_eval;
using testing::canonicalize;
using testing::RandomExprGenerator;

std::string smt_value(int64_t v, bool boolean) {
  if (boolean) return v ? "true" : "false";
  return v < 0 ? "(- " + std::to_string(v).substr(1) + ")" : std::to_string(v);
}

TEST(SmtlibZ3, TranslationsEqualTheBruteForceValue) {
  if (std::system("z3 -version >/dev/null 2>&1") != 0) GTEST_SKIP() << "the z3 binary is not installed";
  // Unique per process: several build trees may run this test at once.
  const std::string dir = ::testing::TempDir() + "symshape_" + std::to_string(getpid()) + "_";
  const std::string script = dir + "smtlib_check.smt2";
  const std::string output = dir + "smtlib_check.out";

  std::vector<Expr> symbols{symbol("s0"), symbol("s1"), symbol("L['x'].size()[0]")};
  RandomExprGenerator gen(77, symbols);
  std::ofstream smt(script);
  for (Expr s : symbols) smt << "(declare-fun " << smtlib_symbol_name(s) << " () Int)\n";
  std::vector<std::string> descriptions;
  for (int i = 0; i < 400; ++i) {
    Expr raw = i % 3 == 0 ? gen.bool_expr() : gen.int_expr();
    // Raw trees keep negative constant divisors; canonical ones are what the
    // prover will see.
    Expr e = raw;
    if (i % 2 == 1) {
      try {
        e = canonicalize(raw);
      } catch (const Error&) {
        continue;
      }
    }
    Assignment point = gen.random_point(-20, 20);
    std::optional<int64_t> expected = brute_force_eval(e, point);
    if (!expected) continue;
    smt << "(push)\n";
    for (Expr s : symbols) smt << "(assert (= " << smtlib_symbol_name(s) << " " << smt_value(point.at(s), false) << "))\n";
    smt << "(assert (not (= " << to_smtlib(e) << " " << smt_value(*expected, e.is_boolean()) << ")))\n";
    smt << "(check-sat)\n(pop)\n";
    descriptions.push_back(to_sympy(e) + " = " + std::to_string(*expected) + " at s0=" +
                           std::to_string(point.at(symbols[0])) + ", s1=" + std::to_string(point.at(symbols[1])) +
                           ", x0=" + std::to_string(point.at(symbols[2])) + "\n  smt: " + to_smtlib(e));
  }
  smt.close();
  ASSERT_EQ(std::system(("z3 -smt2 " + script + " > " + output + " 2>&1").c_str()), 0) << "see " << output;
  std::ifstream out(output);
  std::string line;
  size_t index = 0;
  while (std::getline(out, line)) {
    ASSERT_LT(index, descriptions.size()) << line;
    // unsat: no value of the term other than the expected one.
    EXPECT_EQ(line, "unsat") << descriptions[index];
    ++index;
  }
  EXPECT_EQ(index, descriptions.size());
  EXPECT_GT(index, 250u);
  std::remove(script.c_str());
  std::remove(output.c_str());
}

}  // namespace
}  // namespace symshape
