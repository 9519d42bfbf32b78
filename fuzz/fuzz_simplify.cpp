// Fuzz target: simplification soundness. Bytes -> a random raw expression
// (the property tests' generator); its canonical form and its range
// simplification must evaluate to the raw tree's value at every point of a
// small box of sizes where both are defined.
#include <cstdint>
#include <span>

#include "fuzz_support.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/symbolic/value_range.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace symshape;
  testing::RandomExprGenerator gen = fuzz::generator_from({data, size}, 6);
  const Expr raw = (size > 2 && data[2] % 2) ? gen.bool_expr() : gen.int_expr();
  Expr canonical, simplified;
  try {
    canonical = testing::canonicalize(raw);
    simplified = simplify(canonical, RangeEnv{SymbolDomain::by_kind(), {}});
  } catch (const Error&) {
    return 0;  // a constant overflow or zero divisor: not an expression
  }
  for (int k = 0; k < 64; ++k) {
    const Assignment point = gen.random_point(0, 12);
    const std::optional<int64_t> want = testing::brute_force_eval(raw, point);
    if (!want) continue;
    for (Expr e : {canonical, simplified}) {
      const std::optional<int64_t> got = testing::brute_force_eval(e, point);
      if (got && *got != *want)
        fuzz::finding(testing::debug_string(raw) + " became " + to_sympy(e) + ": " + std::to_string(*got) +
                      " instead of " + std::to_string(*want));
    }
  }
  return 0;
}
