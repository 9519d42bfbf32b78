// Printers: golden texts for every node kind in the sympy, Python, C++ and
// SMT-LIB forms, with the parenthesization cases that are easy to get wrong.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "random_expr.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace print_test {

// The golden nodes are raw (make_raw): the printers are tested on exactly the
// shape given, independent of the canonical constructors' choices.
Expr S(const char* name) { return symbol(name); }
Expr N(int64_t v) { return integer(v); }
Expr R(ExprKind kind, std::vector<Expr> args) { return make_raw(kind, std::move(args)); }
Expr s0() { return S("s0"); }
Expr s1() { return S("s1"); }
Expr s2() { return S("s2"); }
Expr Add(std::vector<Expr> a) { return R(ExprKind::Add, std::move(a)); }
Expr Mul(std::vector<Expr> a) { return R(ExprKind::Mul, std::move(a)); }
Expr Pow(Expr b, int64_t e) { return R(ExprKind::Pow, {b, N(e)}); }
Expr FD(Expr a, Expr b) { return R(ExprKind::FloorDiv, {a, b}); }
Expr Md(Expr a, Expr b) { return R(ExprKind::Mod, {a, b}); }
Expr EqR(Expr a, Expr b) { return R(ExprKind::Eq, {a, b}); }
Expr NeR(Expr a, Expr b) { return R(ExprKind::Ne, {a, b}); }
Expr LtR(Expr a, Expr b) { return R(ExprKind::Lt, {a, b}); }
Expr LeR(Expr a, Expr b) { return R(ExprKind::Le, {a, b}); }
Expr NotR(Expr a) { return R(ExprKind::Not, {a}); }

struct Golden {
  std::function<Expr()> node;
  const char* sympy;
  const char* python;
};

void PrintTo(const Golden& g, std::ostream* os) { *os << g.sympy; }

class InfixGolden : public ::testing::TestWithParam<Golden> {};

TEST_P(InfixGolden, PrintsAndParsesBack) {
  const Golden& g = GetParam();
  Expr e = g.node();
  EXPECT_EQ(to_sympy(e), g.sympy);
  EXPECT_EQ(to_python(e), g.python);
  EXPECT_EQ(to_syntax(e, Syntax::Sympy), g.sympy);
  EXPECT_EQ(to_syntax(e, Syntax::Python), g.python);
  // Both texts read back as the canonical form of the node.
  Expr canonical = testing::canonicalize(e);
  EXPECT_EQ(parse_expr(g.sympy), canonical) << g.sympy;
  EXPECT_EQ(parse_expr(g.python), canonical) << g.python;
}

INSTANTIATE_TEST_SUITE_P(
    Nodes, InfixGolden,
    ::testing::Values(
        Golden{[] { return s0(); }, "s0", "s0"},
        Golden{[] { return N(-7); }, "-7", "-7"},
        Golden{[] { return N(INT64_MIN); }, "-9223372036854775808", "-9223372036854775808"},
        Golden{[] { return true_expr(); }, "True", "True"},
        Golden{[] { return false_expr(); }, "False", "False"},
        Golden{[] { return Add({N(3), s0(), Mul({N(-1), s1()})}); }, "s0 - s1 + 3", "s0 - s1 + 3"},
        Golden{[] { return Add({N(3), Mul({N(-2), s0()})}); }, "-2*s0 + 3", "-2*s0 + 3"},
        Golden{[] { return Add({Mul({N(-1), s0()}), Mul({N(-1), s1()})}); }, "-s0 - s1", "-s0 - s1"},
        Golden{[] { return Add({N(-4), s0()}); }, "s0 - 4", "s0 - 4"},
        Golden{[] { return Mul({N(2), s0(), s1()}); }, "2*s0*s1", "2*s0*s1"},
        Golden{[] { return Mul({N(-1), s0(), s1()}); }, "-s0*s1", "-s0*s1"},
        Golden{[] { return Pow(s0(), 2); }, "s0**2", "s0**2"},
        Golden{[] { return Mul({N(-1), Pow(s0(), 2)}); }, "-s0**2", "-s0**2"},
        Golden{[] { return Mul({N(2), Pow(s0(), 2), s1()}); }, "2*s0**2*s1", "2*s0**2*s1"},
        Golden{[] { return Pow(Add({N(1), s0()}), 2); }, "(s0 + 1)**2", "(s0 + 1)**2"},
        Golden{[] { return Mul({Add({N(1), s0()}), Add({N(2), s1()})}); }, "(s0 + 1)*(s1 + 2)", "(s0 + 1)*(s1 + 2)"},
        Golden{[] { return FD(s0(), N(2)); }, "(s0//2)", "s0 // 2"},
        Golden{[] { return FD(Add({N(1), s0()}), N(2)); }, "((s0 + 1)//2)", "(s0 + 1) // 2"},
        Golden{[] { return FD(s0(), Mul({N(2), s1()})); }, "(s0//(2*s1))", "s0 // (2*s1)"},
        Golden{[] { return FD(Mul({N(2), s1()}), s0()); }, "(2*s1//s0)", "2*s1 // s0"},
        Golden{[] { return Mul({N(-1), FD(s0(), s1())}); }, "-(s0//s1)", "-(s0 // s1)"},
        Golden{[] { return FD(Mul({N(-1), s0()}), s1()); }, "(-s0//s1)", "-s0 // s1"},
        Golden{[] { return Mul({N(3), FD(s0(), s1())}); }, "3*(s0//s1)", "3*(s0 // s1)"},
        Golden{[] { return Pow(FD(s0(), s1()), 2); }, "(s0//s1)**2", "(s0 // s1)**2"},
        Golden{[] { return Md(s0(), N(8)); }, "Mod(s0, 8)", "s0 % 8"},
        Golden{[] { return Md(Add({s0(), s1()}), s2()); }, "Mod(s0 + s1, s2)", "(s0 + s1) % s2"},
        Golden{[] { return Mul({s2(), Md(s0(), s1())}); }, "s2*Mod(s0, s1)", "s2*(s0 % s1)"},
        Golden{[] { return Md(s0(), Md(s1(), s2())); }, "Mod(s0, Mod(s1, s2))", "s0 % (s1 % s2)"},
        Golden{[] { return Md(FD(s0(), N(2)), N(4)); }, "Mod((s0//2), 4)", "s0 // 2 % 4"},
        Golden{[] { return FD(Md(s0(), N(4)), N(2)); }, "(Mod(s0, 4)//2)", "s0 % 4 // 2"},
        Golden{[] { return Add({s0(), Md(s1(), N(3))}); }, "s0 + Mod(s1, 3)", "s0 + s1 % 3"},
        Golden{[] { return Add({s0(), Mul({N(-1), Md(s1(), N(3))})}); }, "s0 - Mod(s1, 3)", "s0 - s1 % 3"},
        Golden{[] { return R(ExprKind::Max, {s0(), s1()}); }, "Max(s0, s1)", "max(s0, s1)"},
        Golden{[] { return R(ExprKind::Min, {N(4), s0(), s1()}); }, "Min(4, s0, s1)", "min(4, s0, s1)"},
        Golden{[] { return EqR(s0(), s1()); }, "Eq(s0, s1)", "s0 == s1"},
        Golden{[] { return NeR(Md(s0(), N(8)), N(0)); }, "Ne(Mod(s0, 8), 0)", "s0 % 8 != 0"},
        Golden{[] { return LeR(N(2), s0()); }, "s0 >= 2", "s0 >= 2"},
        Golden{[] { return LtR(N(2), s0()); }, "s0 > 2", "s0 > 2"},
        Golden{[] { return LeR(s0(), s1()); }, "s0 <= s1", "s0 <= s1"},
        Golden{[] { return LtR(Add({N(1), s0()}), s1()); }, "s0 + 1 < s1", "s0 + 1 < s1"},
        Golden{[] { return R(ExprKind::And, {EqR(s0(), N(2)), LeR(N(3), s1())}); }, "And(Eq(s0, 2), s1 >= 3)",
               "s0 == 2 and s1 >= 3"},
        Golden{[] { return R(ExprKind::Or, {EqR(s0(), N(2)), EqR(s1(), N(3))}); }, "Or(Eq(s0, 2), Eq(s1, 3))",
               "s0 == 2 or s1 == 3"},
        Golden{[] {
                 return R(ExprKind::And,
                          {NeR(s2(), N(4)), R(ExprKind::Or, {EqR(s0(), N(2)), EqR(s1(), N(3))})});
               },
               "And(Ne(s2, 4), Or(Eq(s0, 2), Eq(s1, 3)))", "s2 != 4 and (s0 == 2 or s1 == 3)"},
        Golden{[] { return NotR(R(ExprKind::And, {EqR(s0(), N(2)), EqR(s1(), N(3))})); },
               "Not(And(Eq(s0, 2), Eq(s1, 3)))", "not (s0 == 2 and s1 == 3)"},
        Golden{[] { return R(ExprKind::Or, {NotR(R(ExprKind::Or, {EqR(s0(), N(1)), EqR(s2(), N(1))})), EqR(s1(), N(1))}); },
               "Or(Not(Or(Eq(s0, 1), Eq(s2, 1))), Eq(s1, 1))",
               "not (s0 == 1 or s2 == 1) or s1 == 1"},
        Golden{[] { return EqR(S("L['x'].size()[0]"), S("L['x'].stride()[1]")); },
               "Eq(L['x'].size()[0], L['x'].stride()[1])", "L['x'].size()[0] == L['x'].stride()[1]"}));

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
  EXPECT_EQ(to_cpp(Add({N(3), s0(), Mul({N(-2), s1()})})), "3 + s0 - 2 * s1");
  EXPECT_EQ(to_cpp(Add({s0(), N(-3)})), "s0 - 3");
  EXPECT_EQ(to_cpp(Mul({N(-1), s0(), s1()})), "-s0 * s1");
  EXPECT_EQ(to_cpp(Mul({N(-1), N(-5)})), "-(-5)");
  EXPECT_EQ(to_cpp(FD(s0(), N(2))), "symshape_floordiv(s0, 2)");
  EXPECT_EQ(to_cpp(Md(Add({N(1), s0()}), s1())), "symshape_mod(1 + s0, s1)");
  EXPECT_EQ(to_cpp(Pow(s0(), 3)), "s0 * s0 * s0");
  EXPECT_EQ(to_cpp(Pow(Add({N(1), s0()}), 2)), "(1 + s0) * (1 + s0)");
  EXPECT_EQ(to_cpp(Mul({N(2), Pow(s0(), 2)})), "2 * (s0 * s0)");
  EXPECT_EQ(to_cpp(Pow(s0(), 5)), "symshape_pow(s0, 5)");
  EXPECT_EQ(to_cpp(R(ExprKind::Max, {N(2), s0(), s1()})), "std::max<int64_t>(2, std::max<int64_t>(s0, s1))");
  EXPECT_EQ(to_cpp(R(ExprKind::Min, {s0(), s1()})), "std::min<int64_t>(s0, s1)");
  EXPECT_EQ(to_cpp(EqR(s0(), s1())), "s0 == s1");
  EXPECT_EQ(to_cpp(LeR(N(2), s0())), "2 <= s0");
  EXPECT_EQ(to_cpp(R(ExprKind::Or, {EqR(s0(), N(2)), R(ExprKind::And, {NeR(s1(), N(3)), LeR(N(4), s2())})})),
            "s0 == 2 || (s1 != 3 && 4 <= s2)");
  EXPECT_EQ(to_cpp(NotR(R(ExprKind::Or, {EqR(s0(), N(2)), EqR(s1(), N(3))}))), "!(s0 == 2 || s1 == 3)");
  EXPECT_EQ(to_cpp(true_expr()), "true");
  EXPECT_EQ(to_cpp(false_expr()), "false");
  EXPECT_EQ(to_cpp(N(INT64_MIN)), "(-9223372036854775807 - 1)");
  EXPECT_EQ(to_cpp(N(-5)), "-5");
}

TEST(PrintCpp, SymbolNames) {
  EXPECT_EQ(to_cpp(Add({N(1), S("L['x'].size()[0]")})), "1 + sym_L_5b_27x_27_5d_2esize_28_29_5b0_5d");
  EXPECT_EQ(cpp_symbol_identifier(symbol("s0")), "s0");
  EXPECT_EQ(cpp_symbol_identifier(symbol("and")), "sym_and");
  // A kept name never starts with sym_, so mangled names cannot collide with it.
  EXPECT_EQ(cpp_symbol_identifier(symbol("sym_a")), "sym_sym_5fa");
  EXPECT_NE(cpp_symbol_identifier(symbol("a_b")), cpp_symbol_identifier(symbol("a.b")));
  EXPECT_EQ(to_cpp(Add({s0(), s1()}), [](Expr s) { return "v[" + std::string(s.name() == "s0" ? "0" : "1") + "]"; }),
            "v[0] + v[1]");
}

// ---------------------------------------------------------------------------
// SMT-LIB

TEST(PrintSmtlib, Golden) {
  EXPECT_EQ(to_smtlib(Add({N(3), s0(), Mul({N(-2), s1()})})), "(+ 3 s0 (* (- 2) s1))");
  EXPECT_EQ(to_smtlib(Mul({N(-1), s0()})), "(- s0)");
  EXPECT_EQ(to_smtlib(Mul({N(-1), s0(), s1()})), "(- (* s0 s1))");
  EXPECT_EQ(to_smtlib(FD(s0(), N(4))), "(div s0 4)");
  EXPECT_EQ(to_smtlib(FD(s0(), N(-4))), "(div (- s0) 4)");
  EXPECT_EQ(to_smtlib(Md(s0(), N(4))), "(mod s0 4)");
  EXPECT_EQ(to_smtlib(Md(s0(), N(-4))), "(- (mod (- s0) 4))");
  EXPECT_EQ(to_smtlib(FD(s0(), s1())), "(ite (> s1 0) (div s0 s1) (div (- s0) (- s1)))");
  EXPECT_EQ(to_smtlib(Md(s0(), s1())), "(- s0 (* s1 (ite (> s1 0) (div s0 s1) (div (- s0) (- s1)))))");
  EXPECT_EQ(to_smtlib(FD(Add({N(1), s0()}), s1())),
            "(let ((t!1 (+ 1 s0))) (ite (> s1 0) (div t!1 s1) (div (- t!1) (- s1))))");
  EXPECT_EQ(to_smtlib(R(ExprKind::Max, {s0(), s1()})), "(ite (>= s0 s1) s0 s1)");
  EXPECT_EQ(to_smtlib(R(ExprKind::Min, {s0(), s1(), s2()})),
            "(let ((t!1 (ite (<= s1 s2) s1 s2))) (ite (<= s0 t!1) s0 t!1))");
  EXPECT_EQ(to_smtlib(Pow(s0(), 3)), "(* s0 s0 s0)");
  EXPECT_EQ(to_smtlib(Pow(s0(), 0)), "1");
  EXPECT_EQ(to_smtlib(EqR(s0(), s1())), "(= s0 s1)");
  EXPECT_EQ(to_smtlib(NeR(s0(), s1())), "(not (= s0 s1))");
  EXPECT_EQ(to_smtlib(LeR(N(2), s0())), "(<= 2 s0)");
  EXPECT_EQ(to_smtlib(LtR(s0(), s1())), "(< s0 s1)");
  EXPECT_EQ(to_smtlib(R(ExprKind::Or, {EqR(s0(), N(2)), NotR(R(ExprKind::And, {EqR(s1(), N(3)), EqR(s2(), N(3))}))})),
            "(or (= s0 2) (not (and (= s1 3) (= s2 3))))");
  EXPECT_EQ(to_smtlib(N(INT64_MIN)), "(- 9223372036854775808)");
  EXPECT_EQ(to_smtlib(true_expr()), "true");
  EXPECT_EQ(to_smtlib(false_expr()), "false");
  EXPECT_THROW(to_smtlib(Pow(s0(), 5000)), UnsupportedError);
}

TEST(PrintSmtlib, QuotesSymbolsThatAreNotPlainIdentifiers) {
  EXPECT_EQ(to_smtlib(Add({N(1), S("L['x'].size()[0]")})), "(+ 1 |L['x'].size()[0]|)");
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

}  // namespace print_test
}  // namespace symshape
