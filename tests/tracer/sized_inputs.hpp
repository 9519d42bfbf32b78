// Shorthands over tracer_op_test.hpp's OpHarness for the rule-family tests
// that spell shapes as sympy text: tensors from size strings, contiguous or
// channels-last, and size-list comparisons as canonical expressions.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "tracer_op_test.hpp"

namespace symshape::tracer::testing {

inline std::vector<Expr> exprs(std::vector<std::string_view> texts) {
  std::vector<Expr> out;
  for (auto t : texts) out.push_back(ex(t));
  return out;
}

// A contiguous tensor placeholder with sizes given as text ("s0", "28").
inline Argument T(OpHarness& h, std::vector<std::string_view> sizes, ScalarType dtype = ScalarType::F32,
                  std::string_view device = "cpu") {
  return h.tensor("in" + std::to_string(h.graph.nodes.size()), exprs(std::move(sizes)), dtype, device);
}
// The same in NHWC / NDHWC layout.
inline Argument CL(OpHarness& h, std::vector<std::string_view> sizes, ScalarType dtype = ScalarType::F32,
                   std::string_view device = "cpu") {
  std::vector<Expr> s = exprs(std::move(sizes));
  std::vector<Expr> strides = channels_last_strides(s);
  return h.strided("in" + std::to_string(h.graph.nodes.size()), s, strides, dtype, device);
}

// The next size symbol (s0, s1, ... in creation order) with this hint.
inline Expr h_sym(OpHarness& h, int64_t hint) {
  return h.size("L['x'].size()[" + std::to_string(h.env.symbols().size()) + "]", hint);
}

inline Argument bools(std::vector<bool> values) {
  std::vector<Argument> items;
  for (bool v : values) items.push_back(arg_bool(v));
  return arg_list(std::move(items));
}
inline Argument ints_v(const std::vector<int64_t>& values) {
  std::vector<Argument> items;
  for (int64_t v : values) items.push_back(arg_int(v));
  return arg_list(std::move(items));
}

// Sizes (or strides) equal to `want` as canonical expressions.
inline void expect_exprs(const std::vector<Expr>& got, std::vector<std::string_view> want) {
  EXPECT_EQ(show(got), show(exprs(std::move(want))));
}

}  // namespace symshape::tracer::testing
