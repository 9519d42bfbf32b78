// Shared by the fuzz targets: turning the fuzzer's bytes into the property
// tests' random inputs (tests/support/random_expr.hpp), and failing loudly.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "random_expr.hpp"

namespace symshape::fuzz {

// The bytes pick the generator's seed, its symbols (1 to 3) and its depth, so
// that the fuzzer's mutations move through the generator's space.
inline testing::RandomExprGenerator generator_from(std::span<const uint8_t> bytes, int max_depth) {
  uint64_t seed = 1469598103934665603ull;  // FNV-1a
  for (uint8_t b : bytes) seed = (seed ^ b) * 1099511628211ull;
  const int symbols = bytes.empty() ? 1 : 1 + bytes[0] % 3;
  std::vector<Expr> syms;
  for (int i = 0; i < symbols; ++i) syms.push_back(symbol("s" + std::to_string(i)));
  const int depth = bytes.size() < 2 ? max_depth : 1 + bytes[1] % max_depth;
  return testing::RandomExprGenerator(seed, syms, {.max_depth = depth, .max_constant = 9, .max_exponent = 3});
}

// A finding: print what went wrong and abort, so libFuzzer saves the input.
[[noreturn]] inline void finding(const std::string& what) {
  std::fprintf(stderr, "FINDING: %s\n", what.c_str());
  std::abort();
}

}  // namespace symshape::fuzz
