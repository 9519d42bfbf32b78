// The simplifier's rule tables: (family, before, domain, expected), TVM style.
// `before` is parsed (so the constructor rules run), then simplified under the
// domain (so the range rules run); the result must be the node `expected`
// parses to. Rows where a rule must NOT fire expect the input back (as the
// other rules leave it). rule_tables_test.cpp checks every row;
// rule_coverage_test.cpp checks that every named rule fires on some row.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape::rule_tables {

// A symbol's range, [lo, hi] with nullopt for an infinite side.
struct SymbolRange {
  const char* symbol;
  std::optional<int64_t> lo, hi;
};

struct RuleRow {
  const char* family;
  const char* before;
  const char* expected;
  bool any_sign = false;  // --any-sign: every symbol any integer (else sizes >= 0)
  std::vector<SymbolRange> ranges = {};
};

inline RangeEnv env_of(const RuleRow& row) {
  RangeEnv env;
  env.domain = row.any_sign ? SymbolDomain::any_sign() : SymbolDomain::by_kind();
  for (const SymbolRange& r : row.ranges) env.symbols[symbol(r.symbol)] = ValueRange::from_bounds(r.lo, r.hi);
  return env;
}

inline Expr simplify_row(const RuleRow& row) { return simplify(parse_expr(row.before), env_of(row)); }

constexpr int64_t kBig = int64_t{1} << 62;  // 2*kBig overflows int64

// clang-format off
inline const std::vector<RuleRow>& rows() {
  static const std::vector<RuleRow> table = {
    // --- issue 10's table (default domain: sizes >= 0) ---
    {"div/mod recombination", "4*(s0//4) + 2*Mod(s0//2, 2) + Mod(s0, 2)", "s0"},
    {"div/mod recombination", "Mod(s0//4, 8)*4 + Mod(s0, 4)", "Mod(s0, 32)"},
    {"min/max offsets", "Min(s0 + 3, s1 + 5) - Min(s0, s1 + 2)", "3"},
    {"max plus min", "Max(s0, s1) + Min(s0, s1)", "s0 + s1"},
    {"residue sums", "Mod(s0, 3) + Mod(s0 + 1, 3) + Mod(s0 + 2, 3)", "3"},
    {"rounding bounds", "Max(s0, 8*(s0//8))", "s0"},
    {"rounding bounds", "Min(s0, 8*((s0 + 7)//8))", "s0"},
    {"parity", "(s0 + 1)//2 - s0//2", "Mod(s0, 2)"},
    {"quotient and remainder", "And(Eq(s0//4, 2), Eq(Mod(s0, 4), 1))", "Eq(s0, 9)"},
    {"ranges decide min/max", "Min(s0//2, s0)", "s0//2"},
    {"common factor", "(s0*s1)//(s0*s2)", "s1//s2", false, {{"s0", 1, std::nullopt}}},
    {"low terms", "(64*s0 + s1)//64", "s0", false, {{"s1", 0, 63}}},
    {"low terms", "Mod(64*s0 + s1, 64)", "s1", false, {{"s1", 0, 63}}},
    {"absorption", "Min(s0, Max(s0, s1))", "s0"},

    // --- div/mod recombination: all integers ---
    {"div/mod recombination", "4*(s0//4) + 2*Mod(s0//2, 2) + Mod(s0, 2)", "s0", true},
    {"div/mod recombination", "Mod(s0//4, 8)*4 + Mod(s0, 4)", "Mod(s0, 32)", true},
    {"div/mod recombination", "3*(4*Mod(s0//4, 8) + Mod(s0, 4)) + s1", "3*Mod(s0, 32) + s1", true},
    {"div/mod recombination", "32*(s0//32) + 4*Mod(s0//4, 8)", "4*(s0//4)", true},
    {"div/mod recombination", "32*((s0 + s1)//32) + 4*Mod((s0 + s1)//4, 8) + Mod(s0 + s1, 4)", "s0 + s1", true},
    // must not fire: coefficients that do not line up, moduli that do not chain
    {"div/mod recombination", "4*Mod(s0//4, 8) + 2*Mod(s0, 4)", "4*Mod(s0//4, 8) + 2*Mod(s0, 4)", true},
    {"div/mod recombination", "4*Mod(s0//4, 8) + Mod(s0, 2)", "4*Mod(s0//4, 8) + Mod(s0, 2)", true},
    {"div/mod recombination", "16*(s0//32) + 4*Mod(s0//4, 8)", "16*(s0//32) + 4*Mod(s0//4, 8)", true},
    // k*m overflows int64: no rule fires (and nothing throws)
    {"div/mod recombination", "4611686018427387904*Mod(s0//4611686018427387904, 4) + Mod(s0, 4611686018427387904)",
     "4611686018427387904*Mod(s0//4611686018427387904, 4) + Mod(s0, 4611686018427387904)", true},

    // --- Max + Min ---
    {"max plus min", "2*Max(s0, s1 + 1) + 2*Min(s0, s1 + 1)", "2*s0 + 2*s1 + 2", true},
    {"max plus min", "Max(s0, s1) - Min(s0, s1)", "Max(s0, s1) - Min(s0, s1)", true},
    {"max plus min", "Max(s0, s1, s2) + Min(s0, s1, s2)", "Max(s0, s1, s2) + Min(s0, s1, s2)", true},
    {"max plus min", "Max(s0, s1) + Min(s0, s2)", "Max(s0, s1) + Min(s0, s2)", true},

    // --- residue sums (Hermite) ---
    {"residue sums", "Mod(s0, 3) + Mod(s0 + 1, 3) + Mod(s0 + 2, 3)", "3", true},
    {"residue sums", "2*Mod(s0 + s1, 2) + 2*Mod(s0 + s1 + 1, 2)", "2", true},
    {"residue sums", "s0//3 + (s0 + 1)//3 + (s0 + 2)//3", "s0", true},
    {"residue sums", "(s0 + 4)//4 + (s0 + 1)//4 + (s0 + 2)//4 + (s0 + 3)//4", "s0 + 1", true},
    {"residue sums", "Mod(s0, 3) + Mod(s0 + 1, 3)", "Mod(s0, 3) + Mod(s0 + 1, 3)", true},
    {"residue sums", "Mod(s0, 3) + 2*Mod(s0 + 1, 3) + Mod(s0 + 2, 3)",
     "Mod(s0, 3) + 2*Mod(s0 + 1, 3) + Mod(s0 + 2, 3)", true},

    // --- parity ---
    {"parity", "(s0 + 1)//2 - s0//2", "Mod(s0, 2)", true},
    {"parity", "3*((s0 + s1 + 1)//2) - 3*((s0 + s1)//2)", "3*Mod(s0 + s1, 2)", true},
    {"parity", "(s0 + 1)//3 - s0//3", "(s0 + 1)//3 - s0//3", true},
    {"parity", "(s0 + 1)//2 - 2*(s0//2)", "(s0 + 1)//2 - 2*(s0//2)", true},

    // --- Min/Max: common offsets and absorption (all integers) ---
    {"min/max offsets", "Min(s0 + 3, s1 + 5) - Min(s0, s1 + 2)", "3", true},
    {"min/max offsets", "Max(s0 - 4, s1 - 2, -1)", "Max(s0 - 2, s1, 1) - 2", true},
    {"min/max offsets", "Max(s1, s0 + 1)", "Max(s1, s0 + 1)", true},  // offsets of both signs: stays
    {"min/max offsets", "Min(s0 + 1, Min(s1, s2) + 1)", "Min(s0, s1, s2) + 1", true},
    // the constant would leave int64: no offset comes out
    {"min/max offsets", "Min(s0 + 5, s1 + 6, -9223372036854775807)", "Min(s0 + 5, s1 + 6, -9223372036854775807)", true},
    {"absorption", "Min(s0, Max(s0, s1))", "s0", true},
    {"absorption", "Max(s0, Min(s0, s1))", "s0", true},
    {"absorption", "Min(s0, s2, Max(s0 + 1, s1))", "Min(s0, s2)", true},
    {"absorption", "Max(3, Min(4, s0))", "Max(3, Min(4, s0))", true},
    {"absorption", "Max(5, Min(4, s0))", "5", true},
    {"absorption", "Min(s0 + 2, Max(s0, s1))", "Min(s0 + 2, Max(s0, s1))", true},

    // --- rounding bounds (the Euclidean bound; sound for all integers) ---
    {"rounding bounds", "Max(s0, 8*(s0//8))", "s0", true},
    {"rounding bounds", "Min(s0, 8*((s0 + 7)//8))", "s0", true},
    {"rounding bounds", "Min(s0, 8*(s0//8))", "8*(s0//8)", true},
    {"rounding bounds", "Max(s0, 8*((s0 + 7)//8))", "8*((s0 + 7)//8)", true},
    {"rounding bounds", "Max(s0, 4*(s0//8))", "s0"},
    {"rounding bounds", "Max(s0, 4*(s0//8))", "Max(s0, 4*(s0//8))", true},  // s0 < 0: 4*(s0//8) can win

    // --- ranges decide Min/Max and relations ---
    {"ranges decide min/max", "Min(s0//2, s0)", "s0//2"},
    {"ranges decide min/max", "Min(s0//2, s0)", "Min(s0//2, s0)", true},  // s0 = -1: s0 < s0//2 is false, s0//2 = -1
    {"ranges decide min/max", "Max(s0 - s0//3, s0//3)", "s0 - s0//3"},
    {"ranges decide min/max", "s0//2 <= s0", "True"},

    // --- quotient and remainder pinned together ---
    {"quotient and remainder", "And(Eq(s0//4, 2), Eq(Mod(s0, 4), 1))", "Eq(s0, 9)", true},
    {"quotient and remainder", "Or(Ne(s0//4, 2), Ne(Mod(s0, 4), 1))", "Ne(s0, 9)", true},
    {"quotient and remainder", "And(Eq((s0 + s1)//8, s2), Eq(Mod(s0 + s1, 8), 3))",
     "And(Eq((s0 + s1)//8, s2), Eq(Mod(s0 + s1, 8), 3))", true},  // the quotient must be a constant
    {"quotient and remainder", "And(Eq(s0//4, 2), Eq(Mod(s0, 8), 1))", "And(Eq(s0//4, 2), Eq(Mod(s0, 8), 1))", true},
    {"quotient and remainder", "And(Eq(s0//4, 2), Eq(Mod(s0, 4), 5))", "False", true},  // ranges: Mod < 4

    // --- low terms below the divisor ---
    {"low terms", "(64*s0 + s1)//64", "s0", false, {{"s1", 0, 63}}},
    {"low terms", "(8*s0 + s1)//16", "s0//2", true, {{"s1", 0, 7}}},
    {"low terms", "Mod(8*s0 + s1, 16)", "8*Mod(s0, 2) + s1", true, {{"s1", 0, 7}}},
    {"low terms", "(8*s0 + 4*s1 + s2 + 2)//16", "s0//2", false, {{"s1", 0, 1}, {"s2", 0, 1}}},
    {"low terms", "(8*s0 + s1)//16", "(8*s0 + s1)//16", false, {{"s1", 0, 8}}},
    {"low terms", "(8*s0 + s1)//16", "(8*s0 + s1)//16", true, {{"s1", -1, 7}}},
    {"low terms", "(64*s0 + s1)//64", "s0 + s1//64", true},

    // --- common factor of numerator and divisor ---
    {"common factor", "(s0*s1)//(s0*s2)", "s1//s2", false, {{"s0", 1, std::nullopt}}},
    {"common factor", "Mod(s0*s1, s0*s2)", "s0*Mod(s1, s2)", false, {{"s0", 1, std::nullopt}}},
    {"common factor", "(s0*s1 + s0)//(s0*s2)", "(s1 + 1)//s2", true, {{"s0", std::nullopt, -1}}},
    // s0 may be 0: the divisor would lose its zero, so the rule must not fire
    {"common factor", "(s0*s1)//(s0*s2)", "(s0*s1)//(s0*s2)"},
    {"common factor", "(s0*s1)//(s0*s2)", "(s0*s1)//(s0*s2)", true, {{"s0", -3, 3}}},

    // --- the rules that were there before, one row each (for the coverage test) ---
    {"euclid", "s0 - 2*(s0//2)", "Mod(s0, 2)", true},
    {"floordiv", "(4*s0 + s1)//4", "s0 + s1//4", true},
    {"floordiv", "(s0//2 + 1)//3", "(s0 + 2)//6", true},
    {"floordiv", "(s0*s1 + s1)//s1", "s0 + 1", true},
    {"mod", "Mod(3*Mod(s0, 4), 12)", "3*Mod(s0, 4)", true},
    {"mod", "Mod(Mod(s0, 4), 8)", "Mod(s0, 4)", true},
    {"min/max", "Max(s0 + 1, s0 + 3)", "s0 + 3", true},
    {"logic", "And(Eq(s0, 1), Ne(s0, 1))", "False", true},
    {"ranges", "s0 + s1", "s1 + 3", false, {{"s0", 3, 3}}},
    {"ranges", "Max(s0, s1)", "s1", false, {{"s0", 0, 4}, {"s1", 4, std::nullopt}}},
    {"ranges", "s0//(s0 + 1)", "0"},
    {"ranges", "s0//s0", "1", false, {{"s0", 1, std::nullopt}}},
    {"ranges", "(s0*s1 + 3*s0)//s0", "s1 + 3", false, {{"s0", 1, std::nullopt}}},
    {"ranges", "Mod(s0, 8)", "s0 - 16", false, {{"s0", 16, 20}}},
  };
  return table;
}
// clang-format on

}  // namespace symshape::rule_tables
