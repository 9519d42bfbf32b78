// Exhaustive check that a minimized guard set passes exactly where the raw set
// passes, at every point of a box cut to the symbol domain: sizes range over
// [max(lo, 0), hi], unbacked symbols (u0, i0) over [lo, hi], so negative
// values of unbacked symbols are tried. A guard that raises at a point
// (division by zero, overflow) fails there, as a guard cache would treat it.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "symshape/symbolic/symbol_domain.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape::testing {

// Every guard holds at `point`; one that raises fails.
inline bool all_pass(const std::vector<Expr>& guards, const Assignment& point) {
  for (Expr g : guards) {
    try {
      if (!evaluate_bool(g, point)) return false;
    } catch (const Error&) {
      return false;
    }
  }
  return true;
}

struct BoxCount {
  long points = 0;      // points of the box where the assumptions pass
  long raw_passes = 0;  // of those, where the raw set passes
};

// Over the box, wherever `assumptions` pass: all_pass(raw) == all_pass(kept).
// Stops at the first difference with a failure naming the point.
inline BoxCount expect_same_truth_on_box(const std::vector<Expr>& raw, const std::vector<Expr>& kept,
                                         const std::vector<Expr>& assumptions, const SymbolDomain& domain,
                                         int64_t lo, int64_t hi) {
  std::vector<Expr> symbols;
  for (const std::vector<Expr>* list : {&raw, &assumptions})
    for (Expr g : *list)
      for (Expr s : free_symbols(g))
        if (std::find(symbols.begin(), symbols.end(), s) == symbols.end()) symbols.push_back(s);
  std::vector<int64_t> first(symbols.size()), value(symbols.size());
  for (size_t k = 0; k < symbols.size(); ++k)
    value[k] = first[k] = domain.is_size(symbols[k]) ? std::max<int64_t>(lo, 0) : lo;
  BoxCount count;
  Assignment point;
  for (;;) {
    for (size_t k = 0; k < symbols.size(); ++k) point[symbols[k]] = value[k];
    if (all_pass(assumptions, point)) {
      ++count.points;
      const bool r = all_pass(raw, point), k = all_pass(kept, point);
      count.raw_passes += r;
      if (r != k) {
        std::string where;
        for (size_t i = 0; i < symbols.size(); ++i)
          where += to_sympy(symbols[i]) + "=" + std::to_string(value[i]) + " ";
        ADD_FAILURE() << "raw and kept sets differ at " << where << "(raw " << r << ", kept " << k << ")";
        return count;
      }
    }
    size_t k = 0;
    while (k < value.size() && ++value[k] > hi) value[k] = first[k], ++k;
    if (k == value.size()) return count;
  }
}

}  // namespace symshape::testing
