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
#include "symshape/guards/minimize.hpp"
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
  RangeEnv env;  // default: by kind; the example's s<N> are sizes, [0, oo)
  for (Expr guard : guards) {
    for (Expr sym : free_symbols(guard)) env.symbols.insert_or_assign(sym, ValueRange::at_least(2));
  }
  return env;
}

}  // namespace

std::span<const std::string_view> builtin_example_guards() { return kGuards; }

int run_builtin_example(CommandIO& io) {
  GuardSet guards;
  for (std::string_view text : kGuards) {
    Guard g;
    g.expr = parse_expr(text);
    g.text = std::string(text);
    g.line = static_cast<int>(guards.size()) + 1;
    guards.add(std::move(g));
  }
  // The ranges of backed sizes, [2, oo), as assumptions of the minimizer
  // (sorted by symbol so the output never depends on hash order).
  const RangeEnv ranges = backed_size_ranges(guards.exprs());
  std::vector<std::pair<Expr, ValueRange>> bounds(ranges.symbols.begin(), ranges.symbols.end());
  std::sort(bounds.begin(), bounds.end(), [](const auto& a, const auto& b) { return compare(a.first, b.first) < 0; });
  MinimizeOptions options;
  for (const auto& [sym, range] : bounds) {
    options.assumptions.push_back(parse_expr(to_sympy(sym) + " >= " + std::to_string(range.lo())));
  }
  const MinimizeResult result = minimize(guards, options);

  io.out << "symshape: no command given, so here is the built-in example.\n"
            "Run 'symshape --help' for the commands.\n\n"
         << kGuards.size()
         << " guards PyTorch recorded while tracing attention with a dynamic batch s0 and\n"
            "sequence lengths s1, s2 (backed sizes, so each symbol ranges over [2, oo)),\n"
            "minimized by symshape to an equivalent set under those ranges:\n\n";
  if (result.contradiction) {
    io.out << "  they contradict each other (no sizes satisfy them all)\n";
    return kExitSuccess;
  }
  size_t width = 0;
  for (std::string_view text : kGuards) width = std::max(width, text.size());
  auto numbers = [](const std::vector<size_t>& indices) {
    std::string out;
    for (size_t k = 0; k < indices.size(); ++k) out += (k ? ", #" : "#") + std::to_string(indices[k] + 1);
    return out;
  };
  size_t next_dropped = 0;
  for (size_t i = 0; i < guards.size(); ++i) {
    std::string verdict = "kept";
    if (next_dropped < result.dropped.size() && result.dropped[next_dropped].index == i) {
      const DroppedGuard& d = result.dropped[next_dropped++];
      switch (d.reason) {
        case DropReason::Duplicate: verdict = "dropped: same as " + numbers(d.by); break;
        case DropReason::Trivial: verdict = "dropped: always true for sizes >= 2"; break;
        case DropReason::Implied: verdict = "dropped: implied by " + numbers(d.by); break;
      }
    }
    const std::string number = "#" + std::to_string(i + 1);
    io.out << "  " << number << std::string(4 - number.size(), ' ') << kGuards[i]
           << std::string(width - kGuards[i].size() + 2, ' ') << verdict << '\n';
  }
  io.out << "\n" << result.kept.size() << " of " << guards.size()
         << " guards remain; the cache checks only those. Try:\n"
            "  printf 'Eq(s0, s1)\\nEq(s1, s2)\\nEq(s0, s2)\\n' | symshape minimize --explain\n"
            "  printf 'Eq(s0, s1)\\ns0 >= 2\\n' | symshape check --sizes s0=4,s1=5\n"
            "  symshape simplify --assume 's0 >= 1' '(s0*s1 + 3*s0)//s0'\n";
  return kExitSuccess;
}

}  // namespace symshape::cli
