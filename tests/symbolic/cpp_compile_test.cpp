// to_cpp and cpp_helper_definitions checked by compiling them (skipped when no
// C++ compiler is on PATH): random canonical expressions, printed as C++, are
// compiled warning-free with the helpers and must print the same values as
// evaluate() at random points.
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
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

using testing::canonicalize;
using testing::RandomExprGenerator;

TEST(CppCompile, GeneratedCodeComputesTheSameValues) {
  if (std::system("c++ --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "no C++ compiler (c++) on PATH";
  // Unique per process: several build trees may run this test at once.
  const std::string dir = ::testing::TempDir() + "symshape_" + std::to_string(getpid()) + "_";
  const std::string source = dir + "to_cpp_check.cpp";
  const std::string binary = dir + "to_cpp_check";
  const std::string output = dir + "to_cpp_check.out";

  std::vector<Expr> symbols{symbol("s0"), symbol("s1"), symbol("L['x'].size()[0]")};
  RandomExprGenerator gen(5150, symbols);
  std::ofstream cpp(source);
  cpp << cpp_helper_definitions() << "#include <cstdio>\nint main() {\n";
  std::vector<int64_t> expected;
  std::vector<std::string> descriptions;
  for (int i = 0; i < 200; ++i) {
    Expr e;
    try {
      e = canonicalize(i % 3 == 0 ? gen.bool_expr() : gen.int_expr());
    } catch (const Error&) {
      continue;
    }
    Assignment point = gen.random_point(-20, 20);
    int64_t value;
    try {
      value = evaluate(e, point);
    } catch (const Error&) {
      continue;  // division by zero or overflow at this point
    }
    cpp << "  {\n";
    for (Expr s : symbols) {
      cpp << "    const int64_t " << cpp_symbol_identifier(s) << " = " << point.at(s) << ";\n";
    }
    cpp << "    std::printf(\"%lld\\n\", static_cast<long long>(" << to_cpp(e) << "));\n  }\n";
    expected.push_back(value);
    descriptions.push_back(to_sympy(e) + "\n  C++: " + to_cpp(e));
  }
  cpp << "  return 0;\n}\n";
  cpp.close();
  std::string compile = "c++ -std=c++20 -O0 -Wall -Wextra -Werror -Wno-unused-variable -o " + binary + " " + source +
                        " > " + output + " 2>&1";
  ASSERT_EQ(std::system(compile.c_str()), 0) << "generated C++ does not compile cleanly; see " << output;
  ASSERT_EQ(std::system((binary + " > " + output).c_str()), 0);
  std::ifstream out(output);
  std::string line;
  size_t index = 0;
  while (std::getline(out, line)) {
    ASSERT_LT(index, expected.size());
    EXPECT_EQ(std::stoll(line), expected[index]) << descriptions[index];
    ++index;
  }
  EXPECT_EQ(index, expected.size());
  EXPECT_GT(index, 120u);
  std::remove(source.c_str());
  std::remove(binary.c_str());
  std::remove(output.c_str());
}

}  // namespace
}  // namespace symshape
