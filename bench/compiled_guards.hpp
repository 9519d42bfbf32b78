// The guard sets of guard_eval_sets.hpp compiled to C++ at build time
// (gen_compiled_guards.cpp writes them; CMake compiles them into
// bench_guard_eval): benchmark 2's baseline, PyTorch's compiled shape guards.
#pragma once

#include <cstdint>
#include <vector>

namespace symshape::bench {

struct CompiledGuards {
  const char* name;                     // a GuardEvalSet name
  bool (*check)(const int64_t* slots);  // true iff every guard holds
};

const std::vector<CompiledGuards>& compiled_guards();

}  // namespace symshape::bench
