// Shared by the pipeline_*_test files: reading graphs from examples/ and
// judging a compiled entry's guards at concrete sizes.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "symshape/symbolic/eval.hpp"
#include "symshape/tracer/fx_reader.hpp"
#include "symshape/tracer/pipeline.hpp"
#include "trace_support.hpp"

namespace symshape::tracer::testing {

inline std::string read_example(const std::string& file) {
  std::ifstream in(std::string(SYMSHAPE_SOURCE_DIR) + "/examples/" + file, std::ios::binary);
  EXPECT_TRUE(in.good()) << file;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A guard that raises at a point fails there (GuardProgram's semantics).
inline bool holds(Expr guard, const Assignment& at) {
  try {
    return evaluate_bool(guard, at);
  } catch (const Error&) {
    return false;
  }
}

// The guards the cache must check: every raw guard that is not a runtime assertion.
inline std::vector<Expr> checked_raw(const CompiledEntry& entry) {
  std::vector<Expr> out;
  for (size_t i = 0; i < entry.raw.size(); ++i) {
    bool runtime = false;
    for (size_t r : entry.runtime_asserts) runtime = runtime || r == i;
    if (!runtime) out.push_back(entry.raw[i].condition);
  }
  return out;
}

inline bool all_hold(const std::vector<Expr>& guards, const Assignment& at) {
  for (Expr g : guards) {
    if (!holds(g, at)) return false;
  }
  return true;
}

}  // namespace symshape::tracer::testing
