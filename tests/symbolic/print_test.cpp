// Printers: golden texts for every node kind in the sympy, Python, C++ and
// SMT-LIB forms, with the parenthesization cases that are easy to get wrong.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

Expr p(const char* text) { return parse_expr(text); }

struct Golden {
  const char* input;   // parsed, so the printed node is canonical
  const char* sympy;
  const char* python;
};

void PrintTo(const Golden& g, std::ostream* os) { *os << g.input; }

class InfixGolden : public ::testing::TestWithParam<Golden> {};

TEST_P(InfixGolden, PrintsAndParsesBack) {
  const Golden& g = GetParam();
  Expr e = p(g.input);
  EXPECT_EQ(to_sympy(e), g.sympy) << g.input;
  EXPECT_EQ(to_python(e), g.python) << g.input;
  EXPECT_EQ(to_syntax(e, Syntax::Sympy), g.sympy);
  EXPECT_EQ(to_syntax(e, Syntax::Python), g.python);
  EXPECT_EQ(parse_expr(g.sympy), e) << g.sympy;
  EXPECT_EQ(parse_expr(g.python), e) << g.python;
}

INSTANTIATE_TEST_SUITE_P(
    Nodes, InfixGolden,
    ::testing::Values(
        Golden{"s0", "s0", "s0"},
        Golden{"-7", "-7", "-7"},
        Golden{"-9223372036854775808", "-9223372036854775808", "-9223372036854775808"},
        Golden{"True", "True", "True"},
        Golden{"False", "False", "False"},
        Golden{"s0 - s1 + 3", "s0 - s1 + 3", "s0 - s1 + 3"},
        Golden{"3 - 2*s0", "-2*s0 + 3", "-2*s0 + 3"},
        Golden{"-s0 - s1", "-s0 - s1", "-s0 - s1"},
        Golden{"2*s0*s1", "2*s0*s1", "2*s0*s1"},
        Golden{"-s0*s1", "-s0*s1", "-s0*s1"},
        Golden{"s0*s0", "s0**2", "s0**2"},
        Golden{"-s0**2", "-s0**2", "-s0**2"},
        Golden{"(s0 + 1)**2", "(s0 + 1)**2", "(s0 + 1)**2"},
        Golden{"(s0 + 1)*(s1 + 2)", "(s0 + 1)*(s1 + 2)", "(s0 + 1)*(s1 + 2)"},
        Golden{"s0 // 2", "(s0//2)", "s0 // 2"},
        Golden{"(s0 + 1) // 2", "((s0 + 1)//2)", "(s0 + 1) // 2"},
        Golden{"s0 // (2*s1)", "(s0//(2*s1))", "s0 // (2*s1)"},
        Golden{"-(s0 // s1)", "-(s0//s1)", "-(s0 // s1)"},
        Golden{"3*(s0 // s1)", "3*(s0//s1)", "3*(s0 // s1)"},
        Golden{"(s0 // s1)**2", "(s0//s1)**2", "(s0 // s1)**2"},
        Golden{"s0 % 8", "Mod(s0, 8)", "s0 % 8"},
        Golden{"(s0 + s1) % s2", "Mod(s0 + s1, s2)", "(s0 + s1) % s2"},
        Golden{"s2*(s0 % s1)", "s2*Mod(s0, s1)", "s2*(s0 % s1)"},
        Golden{"s0 % (s1 % s2)", "Mod(s0, Mod(s1, s2))", "s0 % (s1 % s2)"},
        Golden{"Max(s1, s0)", "Max(s0, s1)", "max(s0, s1)"},
        Golden{"Min(s0, s1, 4)", "Min(4, s0, s1)", "min(4, s0, s1)"},
        Golden{"Eq(s0, s1)", "Eq(s0, s1)", "s0 == s1"},
        Golden{"Ne(Mod(s0, 8), 0)", "Ne(Mod(s0, 8), 0)", "s0 % 8 != 0"},
        Golden{"s0 >= 2", "s0 >= 2", "s0 >= 2"},
        Golden{"s0 <= s1", "s0 <= s1", "s0 <= s1"},
        Golden{"And(Eq(s0, 2), s1 >= 3)", "And(Eq(s0, 2), s1 >= 3)", "s0 == 2 and s1 >= 3"},
        Golden{"Or(Eq(s0, 2), Eq(s1, 3))", "Or(Eq(s0, 2), Eq(s1, 3))", "s0 == 2 or s1 == 3"},
        Golden{"And(Or(Eq(s0, 2), Eq(s1, 3)), Ne(s2, 4))", "And(Ne(s2, 4), Or(Eq(s0, 2), Eq(s1, 3)))",
               "s2 != 4 and (s0 == 2 or s1 == 3)"},
        Golden{"Not(And(Eq(s0, 2), Eq(s1, 3)))", "Not(And(Eq(s0, 2), Eq(s1, 3)))", "not (s0 == 2 and s1 == 3)"},
        Golden{"L['x'].size()[0] == L['x'].stride()[1]", "Eq(L['x'].size()[0], L['x'].stride()[1])",
               "L['x'].size()[0] == L['x'].stride()[1]"}));

TEST(Print, Int64MinCoefficientsStayParseable) {
  // The magnitude of INT64_MIN is no int64, so it never follows a binary minus.
  Expr e = add(symbol("s0"), mul(integer(INT64_MIN), symbol("s1")));
  for (Syntax syntax : {Syntax::Sympy, Syntax::Python}) {
    std::string text = to_syntax(e, syntax);
    EXPECT_EQ(parse_expr(text), e) << text;
  }
  Expr c = add(symbol("s0"), integer(INT64_MIN));
  EXPECT_EQ(to_sympy(c), "s0 + -9223372036854775808");
  EXPECT_EQ(parse_expr(to_sympy(c)), c);
}

TEST(Print, PythonFloorDivOfANegationIsTheSameNode) {
  // Python reads -a // b as (-a) // b; printing and parsing must agree.
  Expr e = floordiv(neg(symbol("s0")), symbol("s1"));
  EXPECT_EQ(to_python(e), "-s0 // s1");
  EXPECT_EQ(parse_expr(to_python(e)), e);
  Expr f = neg(floordiv(symbol("s0"), symbol("s1")));
  EXPECT_NE(e, f);
  EXPECT_EQ(parse_expr(to_python(f)), f);
}

// ---------------------------------------------------------------------------
// C++

TEST(PrintCpp, Golden) {
  EXPECT_EQ(to_cpp(p("s0 - 2*s1 + 3")), "3 + s0 - 2 * s1");
  EXPECT_EQ(to_cpp(p("-s0*s1")), "-s0 * s1");
  EXPECT_EQ(to_cpp(p("s0 // 2")), "symshape_floordiv(s0, 2)");
  EXPECT_EQ(to_cpp(p("(s0 + 1) % s1")), "symshape_mod(1 + s0, s1)");
  EXPECT_EQ(to_cpp(p("s0**3")), "s0 * s0 * s0");
  EXPECT_EQ(to_cpp(p("(s0 + 1)**2")), "(1 + s0) * (1 + s0)");
  EXPECT_EQ(to_cpp(p("s0**5")), "symshape_pow(s0, 5)");
  EXPECT_EQ(to_cpp(p("Max(s0, s1, 2)")), "std::max<int64_t>(2, std::max<int64_t>(s0, s1))");
  EXPECT_EQ(to_cpp(p("Min(s0, s1)")), "std::min<int64_t>(s0, s1)");
  EXPECT_EQ(to_cpp(p("Eq(s0, s1)")), "s0 == s1");
  EXPECT_EQ(to_cpp(p("s0 >= 2")), "2 <= s0");
  EXPECT_EQ(to_cpp(p("Or(Eq(s0, 2), And(Ne(s1, 3), s2 >= 4))")), "s0 == 2 || (s1 != 3 && 4 <= s2)");
  EXPECT_EQ(to_cpp(p("Not(Or(Eq(s0, 2), Eq(s1, 3)))")), "!(s0 == 2 || s1 == 3)");
  EXPECT_EQ(to_cpp(p("True")), "true");
  EXPECT_EQ(to_cpp(p("False")), "false");
  EXPECT_EQ(to_cpp(integer(INT64_MIN)), "(-9223372036854775807 - 1)");
  EXPECT_EQ(to_cpp(p("-5")), "-5");
}

TEST(PrintCpp, SymbolNames) {
  EXPECT_EQ(to_cpp(p("L['x'].size()[0] + 1")), "1 + sym_L_5b_27x_27_5d_2esize_28_29_5b0_5d");
  EXPECT_EQ(cpp_symbol_identifier(symbol("s0")), "s0");
  EXPECT_EQ(cpp_symbol_identifier(symbol("and")), "sym_and");
  // A kept name never starts with sym_, so mangled names cannot collide with it.
  EXPECT_EQ(cpp_symbol_identifier(symbol("sym_a")), "sym_sym_5fa");
  EXPECT_NE(cpp_symbol_identifier(symbol("a_b")), cpp_symbol_identifier(symbol("a.b")));
  EXPECT_EQ(to_cpp(p("s0 + s1"), [](Expr s) { return "v[" + std::string(s.name() == "s0" ? "0" : "1") + "]"; }),
            "v[0] + v[1]");
}

// ---------------------------------------------------------------------------
// SMT-LIB

TEST(PrintSmtlib, Golden) {
  EXPECT_EQ(to_smtlib(p("s0 - 2*s1 + 3")), "(+ 3 s0 (* (- 2) s1))");
  EXPECT_EQ(to_smtlib(p("s0 // 4")), "(div s0 4)");
  // Negative constant divisors (canonical forms move the sign; raw nodes keep it).
  Expr s0 = symbol("s0");
  EXPECT_EQ(to_smtlib(make_raw(ExprKind::FloorDiv, {s0, integer(-4)})), "(div (- s0) 4)");
  EXPECT_EQ(to_smtlib(make_raw(ExprKind::Mod, {s0, integer(-4)})), "(- (mod (- s0) 4))");
  EXPECT_EQ(to_smtlib(p("-s0")), "(- s0)");
  EXPECT_EQ(to_smtlib(p("-s0*s1")), "(- (* s0 s1))");
  EXPECT_EQ(to_smtlib(p("s0 % 4")), "(mod s0 4)");
  EXPECT_EQ(to_smtlib(p("s0 // s1")), "(ite (> s1 0) (div s0 s1) (div (- s0) (- s1)))");
  EXPECT_EQ(to_smtlib(p("s0 % s1")), "(- s0 (* s1 (ite (> s1 0) (div s0 s1) (div (- s0) (- s1)))))");
  EXPECT_EQ(to_smtlib(p("(s0 + 1) // s1")),
            "(let ((t!1 (+ 1 s0))) (ite (> s1 0) (div t!1 s1) (div (- t!1) (- s1))))");
  EXPECT_EQ(to_smtlib(p("Max(s0, s1)")), "(ite (>= s0 s1) s0 s1)");
  EXPECT_EQ(to_smtlib(p("Min(s0, s1, s2)")),
            "(let ((t!1 (ite (<= s1 s2) s1 s2))) (ite (<= s0 t!1) s0 t!1))");
  EXPECT_EQ(to_smtlib(p("s0**3")), "(* s0 s0 s0)");
  EXPECT_EQ(to_smtlib(p("Eq(s0, s1)")), "(= s0 s1)");
  EXPECT_EQ(to_smtlib(p("Ne(s0, s1)")), "(not (= s0 s1))");
  EXPECT_EQ(to_smtlib(p("s0 >= 2")), "(<= 2 s0)");
  EXPECT_EQ(to_smtlib(p("Or(Eq(s0, 2), Not(And(Eq(s1, 3), Eq(s2, 3))))")),
            "(or (= s0 2) (not (and (= s1 3) (= s2 3))))");
  EXPECT_EQ(to_smtlib(integer(INT64_MIN)), "(- 9223372036854775808)");
  EXPECT_EQ(to_smtlib(p("True")), "true");
}

TEST(PrintSmtlib, QuotesSymbolsThatAreNotPlainIdentifiers) {
  EXPECT_EQ(to_smtlib(p("L['x'].size()[0] + 1")), "(+ 1 |L['x'].size()[0]|)");
  EXPECT_EQ(smtlib_symbol_name(symbol("div")), "|div|");
  EXPECT_EQ(smtlib_symbol_name(symbol("s0")), "s0");
  EXPECT_THROW(to_smtlib(symbol("a|b")), UnsupportedError);
}

TEST(PrintSmtlib, LetNamesNeverCaptureASymbol) {
  // A symbol named like a let variable forces a longer prefix.
  Expr e = floordiv(add(symbol("t!1"), integer(1)), symbol("s1"));
  std::string text = to_smtlib(e);
  EXPECT_EQ(text, "(let ((t!!1 (+ 1 |t!1|))) (ite (> s1 0) (div t!!1 s1) (div (- t!!1) (- s1))))");
}

TEST(PrintSmtlib, NestedDivisionsGrowLinearly) {
  // Without let bindings every level would double the text.
  Expr e = symbol("s0");
  for (int i = 0; i < 40; ++i) e = floordiv(add(e, integer(1)), symbol("s1"));
  EXPECT_LT(to_smtlib(e).size(), 40u * 120u);
}

}  // namespace
}  // namespace symshape
