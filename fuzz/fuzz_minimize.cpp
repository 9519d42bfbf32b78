// Fuzz target: minimization soundness. Bytes -> a random guard set over 1-3
// sizes (printed and parsed back, as a user would give it); the kept set must
// pass exactly where the raw set passes at every point of [0, 8]^symbols, a
// guard that raises failing (tests/guards/box_equivalence.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include "../tests/guards/box_equivalence.hpp"
#include "fuzz_support.hpp"
#include "symshape/guards/guard_set.hpp"
#include "symshape/guards/minimize.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace symshape;
  symshape::testing::RandomExprGenerator gen = fuzz::generator_from({data, size}, 3);
  GuardSet guards;
  const int n = 2 + static_cast<int>(gen.uniform(0, 10));
  for (int i = 0; i < n; ++i) {
    try {
      guards.add(GuardSet::parse_lines({to_sympy(symshape::testing::canonicalize(gen.bool_expr()))})[0]);
    } catch (const Error&) {
    }
  }
  MinimizeOptions options;
  options.prover.rlimit = 100'000;
  options.prover.z3_backstop_seconds = 1;
  const MinimizeResult result = minimize(guards, options);
  const std::vector<Expr> raw = guards.exprs();
  std::vector<Expr> kept;
  for (size_t i : result.kept) kept.push_back(raw[i]);
  std::vector<int64_t> value(gen.symbols().size(), 0);
  Assignment point;
  for (;;) {
    for (size_t k = 0; k < value.size(); ++k) point[gen.symbols()[k]] = value[k];
    const bool r = symshape::testing::all_pass(raw, point);
    if (result.contradiction && r) fuzz::finding("reported contradiction, but the raw set passes somewhere");
    if (r != symshape::testing::all_pass(kept, point)) {
      std::string input;
      for (size_t i = 0; i < guards.size(); ++i) input += guards[i].text + "; ";
      fuzz::finding("kept and raw differ (raw " + std::to_string(r) + "): " + input);
    }
    size_t k = 0;
    while (k < value.size() && ++value[k] > 8) value[k++] = 0;
    if (k == value.size()) break;
  }
  return 0;
}
