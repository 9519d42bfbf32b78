// Shared by the ValueRange and range-simplify tests: the symbols they use and a
// RangeEnv built from a short list of (symbol, range) pairs.
#pragma once

#include <initializer_list>
#include <utility>

#include "symshape/symbolic/expr.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape::testing_support {

inline const Expr s0 = symbol("s0");
inline const Expr s1 = symbol("s1");
inline const Expr s2 = symbol("s2");

inline Expr I(int64_t v) { return integer(v); }

// Symbols not listed get their domain's range (by kind, s0..s2 are sizes).
inline RangeEnv env_with(std::initializer_list<std::pair<Expr, ValueRange>> ranges,
                         SymbolDomain domain = SymbolDomain::by_kind()) {
  RangeEnv env;
  env.domain = domain;
  for (const auto& [sym, r] : ranges) env.symbols[sym] = r;
  return env;
}

}  // namespace symshape::testing_support
