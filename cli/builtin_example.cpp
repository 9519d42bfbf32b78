// The demo behind a bare `symshape`. It is one function over one guard list so
// that the demo can grow with the tool (today: simplification under the ranges
// PyTorch gives backed sizes; once guard minimization lands, the minimal set).
#include "builtin_example.hpp"

#include <algorithm>
#include <array>
#include <ostream>
#include <string>
#include <vector>

#include "common.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape::cli {
namespace {

// Guards of the kind PyTorch records while tracing scaled dot-product
// attention with a dynamic batch (s0) and dynamic query/key lengths (s1, s2):
// broadcasting checks (Ne(s, 1)), matmul and view checks (products of sizes),
// the head split (FloorDiv, Mod), a max_position_embeddings bound, and a
// padding check from a convolution (the Ne(-2*s0*s2 + 14*s0, 0) shape).
constexpr std::array<std::string_view, 14> kGuards = {
    "Ne(s0, 1)",
    "Ne(s1, 1)",
    "Eq(s1, s2)",
    "Ne(64*s0*s1, 0)",
    "Eq(Mod(64*s0*s1, 64), 0)",
    "2*s1 >= 4",
    "Eq(Max(1, s1), s1)",
    "s1 <= 2048",
    "(s0*s1 + 3*s0)//s0 >= 4",
    "Eq(2*(s1//2), s1)",
    "Eq(Mod(Mod(s1, 8), 4), 0)",
    "(s1//2)//4 <= 256",
    "Ne(-2*s0*s2 + 14*s0, 0)",
    "Eq(s1*s0 + s0*s1, 2*s0*s2)",
};

// PyTorch creates every backed size symbol with the range [2, oo) (0 and 1
// are specialized to constants), so the example simplifies under that range.
RangeEnv backed_size_ranges(const std::vector<Expr>& guards) {
  RangeEnv env;  // default: sizes, [0, oo)
  for (Expr guard : guards) {
    for (Expr sym : free_symbols(guard)) env.symbols.insert_or_assign(sym, ValueRange::at_least(2));
  }
  return env;
}

}  // namespace

std::span<const std::string_view> builtin_example_guards() { return kGuards; }

int run_builtin_example(CommandIO& io) {
  std::vector<Expr> guards;
  for (std::string_view text : kGuards) guards.push_back(parse_expr(text));
  const RangeEnv ranges = backed_size_ranges(guards);

  io.out << "symshape: no command given, so here is the built-in example.\n"
            "Run 'symshape --help' for the commands.\n\n"
         << kGuards.size()
         << " guards PyTorch recorded while tracing attention with a dynamic batch s0 and\n"
            "sequence lengths s1, s2 (backed sizes, so each symbol ranges over [2, oo)),\n"
            "each simplified by symshape under those ranges:\n\n";
  size_t width = 0;
  for (std::string_view text : kGuards) width = std::max(width, text.size());
  size_t still_needed = 0;
  for (size_t i = 0; i < guards.size(); ++i) {
    Expr simplified = simplify(guards[i], ranges);
    std::string verdict;
    if (simplified.is_true()) {
      verdict = "True   (always holds: redundant)";
    } else if (simplified.is_false()) {
      verdict = "False  (never holds)";
    } else {
      verdict = to_sympy(simplified);
      ++still_needed;
    }
    io.out << "  " << kGuards[i] << std::string(width - kGuards[i].size() + 2, ' ') << "-> " << verdict
           << '\n';
  }
  io.out << "\n" << still_needed << " of " << guards.size()
         << " guards remain after simplification. Try:\n"
            "  symshape simplify --assume 's0 >= 1' '(s0*s1 + 3*s0)//s0'\n"
            "  symshape eval 'Eq(Mod(s1, 8), 0)' --sizes s1=24\n";
  return kExitSuccess;
}

}  // namespace symshape::cli
