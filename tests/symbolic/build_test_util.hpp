// Shorthands for the table-driven constructor tests: `R(kind, ...)` spells an
// expected node exactly (make_raw, no rules), so a test fails if a rule builds
// an equal-valued but different node.
#pragma once

#include <initializer_list>
#include <ostream>

#include "random_expr.hpp"

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape::build_test {

inline Expr I(int64_t v) { return integer(v); }
inline Expr R(ExprKind k, std::initializer_list<Expr> args) { return make_raw(k, std::vector<Expr>(args)); }

inline const Expr s0 = symbol("s0");
inline const Expr s1 = symbol("s1");
inline const Expr s2 = symbol("s2");

}  // namespace symshape::build_test

namespace symshape {
// Readable gtest failure messages for Expr (found by argument-dependent lookup).
inline void PrintTo(Expr e, std::ostream* os) { *os << (e ? testing::debug_string(e) : "<null>"); }
}  // namespace symshape
