// Fuzz target: GuardProgram vs GuardInterpreter vs evaluate. Bytes -> a
// random guard set; at random points (negative values too) the compiled
// program, the interpreter and per-guard evaluation (a guard that raises
// fails) must agree on pass/fail.
#include <cstdint>
#include <string>
#include <vector>

#include "../tests/guards/guard_outcome.hpp"
#include "fuzz_support.hpp"
#include "symshape/guards/guard_interpreter.hpp"
#include "symshape/guards/guard_program.hpp"
#include "symshape/guards/slot_layout.hpp"
#include "symshape/symbolic/print.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace symshape;
  testing::RandomExprGenerator gen = fuzz::generator_from({data, size}, 5);
  std::vector<Expr> guards;
  const int n = 1 + static_cast<int>(gen.uniform(0, 8));
  for (int i = 0; i < n; ++i) {
    try {
      guards.push_back(testing::canonicalize(gen.bool_expr()));
    } catch (const Error&) {
    }
  }
  const SlotLayout layout = SlotLayout::for_guards(guards);
  const GuardProgram program(guards, layout);
  const GuardInterpreter interpreter(guards, layout);
  for (int k = 0; k < 32; ++k) {
    Assignment point = gen.random_point(-6, 12);
    std::vector<int64_t> slots;
    try {
      slots = layout.slots_from(point);
    } catch (const Error&) {
      return 0;
    }
    bool all = true;
    for (Expr g : guards) {
      testing::Outcome o = testing::by_evaluate(g, point);
      all = all && o.value_or(false);
    }
    const bool compiled = program.check(slots).passed(), interpreted = interpreter.check(slots).passed();
    if (compiled != all || interpreted != all) {
      std::string set;
      for (Expr g : guards) set += to_sympy(g) + "; ";
      fuzz::finding("program " + std::to_string(compiled) + ", interpreter " + std::to_string(interpreted) +
                    ", evaluate " + std::to_string(all) + ": " + set);
    }
  }
  return 0;
}
