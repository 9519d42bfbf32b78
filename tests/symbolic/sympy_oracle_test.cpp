// External oracles for the printed forms, skipped when python3 (and sympy) are
// not installed. For random raw trees, at random points:
//  - sympy evaluates to_sympy(tree) (its own parser and semantics: floor
//    division, Mod with the divisor's sign, Max, Eq, And, ...), and
//  - Python itself evaluates to_python(tree) (//, %, max, and/or/not),
// and both must equal the brute-force value of the tree and symshape's own
// evaluate(parse(text)). This checks the printers, the parser and the
// canonical constructors against independent implementations of the language.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "random_expr.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

using testing::brute_force_eval;
using testing::RandomExprConfig;
using testing::RandomExprGenerator;

// Reads "MODE<TAB>TEXT<TAB>name=value,..." lines, prints one value per line
// (booleans as 0/1) or "error <message>".
constexpr const char* kOracleScript = R"PY(
import sys
mode_sympy = None
def value(v):
    if v is True or v is False:
        return int(v)
    s = str(v)
    if s in ("True", "False"):
        return int(s == "True")
    return int(v)
with open(sys.argv[1]) as inp, open(sys.argv[2], "w") as out:
    for line in inp:
        mode, text, point = line.rstrip("\n").split("\t")
        names = {}
        for item in point.split(","):
            k, v = item.split("=")
            names[k] = int(v)
        try:
            if mode == "sympy":
                import sympy
                env = {k: sympy.Integer(v) for k, v in names.items()}
                env.update(Mod=sympy.Mod, Max=sympy.Max, Min=sympy.Min, Eq=sympy.Eq, Ne=sympy.Ne,
                           And=sympy.And, Or=sympy.Or, Not=sympy.Not)
                result = sympy.sympify(text, locals=env)
            else:
                result = eval(text, {"__builtins__": {}, "max": max, "min": min}, names)
            out.write(str(value(result)) + "\n")
        except Exception as e:
            out.write("error " + type(e).__name__ + "\n")
)PY";

bool command_succeeds(const std::string& command) { return std::system(command.c_str()) == 0; }

struct OracleCase {
  std::string mode;
  std::string text;
  std::string point_text;
  int64_t expected;  // brute force on the raw tree
  std::optional<int64_t> symshape_value;
};

TEST(SympyOracle, PrintedTextsMeanWhatTheTreesMean) {
  if (!command_succeeds("python3 -c 'import sympy' >/dev/null 2>&1")) {
    GTEST_SKIP() << "python3 with sympy is not installed";
  }
  // Unique per process: several build trees may run this test at once.
  const std::string dir = ::testing::TempDir() + "symshape_" + std::to_string(getpid()) + "_";
  const std::string script = dir + "oracle.py";
  const std::string input = dir + "oracle_in.txt";
  const std::string output = dir + "oracle_out.txt";
  std::ofstream(script) << kOracleScript;

  std::vector<Expr> symbols{symbol("s0"), symbol("s1"), symbol("u2")};
  RandomExprConfig config;
  config.max_depth = 5;
  RandomExprGenerator gen(2024, symbols, config);
  std::vector<OracleCase> cases;
  for (int i = 0; i < 200; ++i) {
    Expr raw = i % 3 == 0 ? gen.bool_expr() : gen.int_expr();
    for (const char* mode : {"sympy", "python"}) {
      bool sympy = std::string(mode) == "sympy";
      std::string text = sympy ? to_sympy(raw) : to_python(raw);
      std::optional<Expr> parsed;
      try {
        parsed = parse_expr(text);
      } catch (const OverflowError&) {
      } catch (const DivisionByZeroError&) {
      }
      // sympify is slow: one point per sympy text, three per Python text.
      for (int k = 0; k < (sympy ? 1 : 3); ++k) {
        Assignment point = gen.random_point(-12, 12);
        std::optional<int64_t> expected = brute_force_eval(raw, point);
        if (!expected) continue;
        OracleCase c{mode, text, "", *expected, std::nullopt};
        for (size_t s = 0; s < symbols.size(); ++s) {
          c.point_text += (s ? "," : "") + symbols[s].name() + "=" + std::to_string(point.at(symbols[s]));
        }
        if (parsed) {
          try {
            c.symshape_value = evaluate(*parsed, point);
          } catch (const OverflowError&) {
          }
        }
        cases.push_back(std::move(c));
      }
    }
  }
  {
    std::ofstream in(input);
    for (const OracleCase& c : cases) in << c.mode << '\t' << c.text << '\t' << c.point_text << '\n';
  }
  ASSERT_TRUE(command_succeeds("python3 " + script + " " + input + " " + output)) << "the oracle script failed";

  std::ifstream out(output);
  std::string line;
  size_t index = 0, compared_with_symshape = 0;
  while (std::getline(out, line)) {
    ASSERT_LT(index, cases.size());
    const OracleCase& c = cases[index++];
    ASSERT_EQ(line.rfind("error", 0), std::string::npos) << c.mode << " failed on " << c.text << ": " << line;
    int64_t oracle = std::stoll(line);
    EXPECT_EQ(oracle, c.expected) << c.mode << ": " << c.text << " at " << c.point_text;
    if (c.symshape_value) {
      EXPECT_EQ(*c.symshape_value, oracle) << "evaluate(parse(" << c.text << ")) at " << c.point_text;
      ++compared_with_symshape;
    }
  }
  EXPECT_EQ(index, cases.size());
  EXPECT_GT(compared_with_symshape, 400u);
  std::remove(script.c_str());
  std::remove(input.c_str());
  std::remove(output.c_str());
}

}  // namespace
}  // namespace symshape
