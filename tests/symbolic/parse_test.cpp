// Parser: every construct of the sympy and Python forms, the node each one
// builds (compared with the canonical constructors), and every error with its
// message, line and column.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/parse.hpp"

namespace symshape {
namespace {

Expr s0() { return symbol("s0"); }
Expr s1() { return symbol("s1"); }
Expr s2() { return symbol("s2"); }
Expr n(int64_t v) { return integer(v); }

struct ParseCase {
  const char* text;
  std::function<Expr()> expected;
  Syntax syntax;
};

void PrintTo(const ParseCase& c, std::ostream* os) { *os << c.text; }

class ParseCases : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParseCases, BuildsTheCanonicalNode) {
  const ParseCase& c = GetParam();
  ParseResult r = parse(c.text);
  EXPECT_EQ(r.expr, c.expected()) << c.text;
  EXPECT_EQ(r.syntax, c.syntax) << c.text;
}

constexpr Syntax kSympy = Syntax::Sympy;
constexpr Syntax kPython = Syntax::Python;

INSTANTIATE_TEST_SUITE_P(
    Constructs, ParseCases,
    ::testing::Values(
        // atoms
        ParseCase{"s0", [] { return s0(); }, kSympy},
        ParseCase{"  s77  ", [] { return symbol("s77"); }, kSympy},
        ParseCase{"u3", [] { return symbol("u3"); }, kSympy},
        ParseCase{"_tmp9", [] { return symbol("_tmp9"); }, kSympy},
        ParseCase{"42", [] { return n(42); }, kSympy},
        ParseCase{"007", [] { return n(7); }, kSympy},
        ParseCase{"-5", [] { return n(-5); }, kSympy},
        ParseCase{"9223372036854775807", [] { return n(INT64_MAX); }, kSympy},
        ParseCase{"-9223372036854775808", [] { return n(INT64_MIN); }, kSympy},
        ParseCase{"True", [] { return true_expr(); }, kSympy},
        ParseCase{"False", [] { return false_expr(); }, kSympy},
        // arithmetic and precedence
        ParseCase{"s0 + s1*2", [] { return add(s0(), mul(s1(), n(2))); }, kSympy},
        ParseCase{"(s0 + s1)*2", [] { return mul(add(s0(), s1()), n(2)); }, kSympy},
        ParseCase{"s0 - s1 - s2", [] { return sub(sub(s0(), s1()), s2()); }, kSympy},
        ParseCase{"s0 - (s1 - s2)", [] { return sub(s0(), sub(s1(), s2())); }, kSympy},
        ParseCase{"-s0*s1", [] { return mul(neg(s0()), s1()); }, kSympy},
        ParseCase{"+s0", [] { return s0(); }, kSympy},
        ParseCase{"--s0", [] { return s0(); }, kSympy},
        ParseCase{"s0**2", [] { return pow(s0(), 2); }, kSympy},
        ParseCase{"s0**0", [] { return pow(s0(), 0); }, kSympy},
        ParseCase{"-s0**2", [] { return neg(pow(s0(), 2)); }, kSympy},
        ParseCase{"-2**2", [] { return n(-4); }, kSympy},
        ParseCase{"2**3**2", [] { return n(512); }, kSympy},
        ParseCase{"(s0 + 1)**2", [] { return pow(add(s0(), n(1)), 2); }, kSympy},
        ParseCase{"s0**(1 + 1)", [] { return pow(s0(), 2); }, kSympy},
        ParseCase{"PowByNatural(s0, 3)", [] { return pow(s0(), 3); }, kSympy},
        ParseCase{"(s0//2)", [] { return floordiv(s0(), n(2)); }, kSympy},
        ParseCase{"s0 // 2 * 3", [] { return mul(floordiv(s0(), n(2)), n(3)); }, kSympy},
        ParseCase{"s0 // (2 * s1)", [] { return floordiv(s0(), mul(n(2), s1())); }, kSympy},
        ParseCase{"-s0 // 2", [] { return floordiv(neg(s0()), n(2)); }, kSympy},
        ParseCase{"-(s0 // 2)", [] { return neg(floordiv(s0(), n(2))); }, kSympy},
        ParseCase{"s0 % 8", [] { return mod(s0(), n(8)); }, kPython},
        ParseCase{"(s0 + s1) % s2", [] { return mod(add(s0(), s1()), s2()); }, kPython},
        ParseCase{"s0 + s1 % s2", [] { return add(s0(), mod(s1(), s2())); }, kPython},
        // functions
        ParseCase{"FloorDiv(s0, 2)", [] { return floordiv(s0(), n(2)); }, kSympy},
        ParseCase{"CleanDiv(s0, 2)", [] { return floordiv(s0(), n(2)); }, kSympy},
        ParseCase{"CeilDiv(s0, 4)", [] { return ceildiv(s0(), n(4)); }, kSympy},
        ParseCase{"Mod(s0, 8)", [] { return mod(s0(), n(8)); }, kSympy},
        ParseCase{"PythonMod(s0, -3)", [] { return mod(s0(), n(-3)); }, kSympy},
        ParseCase{"ModularIndexing(s0, 4, 8)", [] { return mod(floordiv(s0(), n(4)), n(8)); }, kSympy},
        ParseCase{"Max(s0, s1, 2)", [] { return max(std::vector<Expr>{s0(), s1(), n(2)}); }, kSympy},
        ParseCase{"Min(s0, s1)", [] { return min(s0(), s1()); }, kSympy},
        ParseCase{"Max(s0)", [] { return s0(); }, kSympy},
        ParseCase{"max(s0, s1)", [] { return max(s0(), s1()); }, kPython},
        ParseCase{"min(s0, 4, s2)", [] { return min(std::vector<Expr>{s0(), n(4), s2()}); }, kPython},
        ParseCase{"Abs(s0 - s1)", [] { return max(sub(s0(), s1()), sub(s1(), s0())); }, kSympy},
        ParseCase{"Mod(s0, 8,)", [] { return mod(s0(), n(8)); }, kSympy},
        // relations, sympy function form and infix
        ParseCase{"Eq(s0, s1)", [] { return eq(s0(), s1()); }, kSympy},
        ParseCase{"Ne(Mod(s0, 8), 0)", [] { return ne(mod(s0(), n(8)), n(0)); }, kSympy},
        ParseCase{"Lt(s0, s1)", [] { return lt(s0(), s1()); }, kSympy},
        ParseCase{"Le(s0, 5)", [] { return le(s0(), n(5)); }, kSympy},
        ParseCase{"Gt(s0, 5)", [] { return gt(s0(), n(5)); }, kSympy},
        ParseCase{"Ge(s0, 5)", [] { return ge(s0(), n(5)); }, kSympy},
        ParseCase{"s0 >= 2", [] { return ge(s0(), n(2)); }, kSympy},
        ParseCase{"2 <= s0", [] { return le(n(2), s0()); }, kSympy},
        ParseCase{"s0 < s1", [] { return lt(s0(), s1()); }, kSympy},
        ParseCase{"s0 > s1", [] { return gt(s0(), s1()); }, kSympy},
        ParseCase{"s0 <= s1 + 1", [] { return le(s0(), add(s1(), n(1))); }, kSympy},
        ParseCase{"s0 == s1", [] { return eq(s0(), s1()); }, kPython},
        ParseCase{"s0 != s1", [] { return ne(s0(), s1()); }, kPython},
        ParseCase{"2 <= s0 <= 10", [] { return logical_and(le(n(2), s0()), le(s0(), n(10))); }, kSympy},
        ParseCase{"s0 < s1 == s2", [] { return logical_and(lt(s0(), s1()), eq(s1(), s2())); }, kPython},
        // connectives
        ParseCase{"And(Eq(s0, 2), Ne(s1, 3))", [] { return logical_and(eq(s0(), n(2)), ne(s1(), n(3))); }, kSympy},
        ParseCase{"Or(s0 < 2, s1 < 2, s2 < 2)",
                  [] { return logical_or(std::vector<Expr>{lt(s0(), n(2)), lt(s1(), n(2)), lt(s2(), n(2))}); },
                  kSympy},
        ParseCase{"Not(Eq(s0, 1))", [] { return logical_not(eq(s0(), n(1))); }, kSympy},
        ParseCase{"And()", [] { return true_expr(); }, kSympy},
        ParseCase{"Or()", [] { return false_expr(); }, kSympy},
        ParseCase{"Eq(s0, 2) & Ne(s1, 3)", [] { return logical_and(eq(s0(), n(2)), ne(s1(), n(3))); }, kSympy},
        ParseCase{"(s0 >= 2) | (s1 < 5)", [] { return logical_or(ge(s0(), n(2)), lt(s1(), n(5))); }, kSympy},
        ParseCase{"~(s0 >= 2)", [] { return logical_not(ge(s0(), n(2))); }, kSympy},
        ParseCase{"s0 == 2 and s1 != 3", [] { return logical_and(eq(s0(), n(2)), ne(s1(), n(3))); }, kPython},
        ParseCase{"s0 < 2 or s1 < 2 and s2 < 2",
                  [] { return logical_or(lt(s0(), n(2)), logical_and(lt(s1(), n(2)), lt(s2(), n(2)))); }, kPython},
        ParseCase{"(s0 < 2 or s1 < 2) and s2 < 2",
                  [] { return logical_and(logical_or(lt(s0(), n(2)), lt(s1(), n(2))), lt(s2(), n(2))); }, kPython},
        ParseCase{"not s0 == 1", [] { return logical_not(eq(s0(), n(1))); }, kPython},
        ParseCase{"not s0 < 1 and s1 < 1", [] { return logical_and(logical_not(lt(s0(), n(1))), lt(s1(), n(1))); },
                  kPython},
        ParseCase{"True and s0 < 3", [] { return lt(s0(), n(3)); }, kPython},
        // comments as in PyTorch's verbose guard dumps
        ParseCase{"Eq(s0, s1)  # duck sizing added this equality", [] { return eq(s0(), s1()); }, kSympy},
        // sources
        ParseCase{"L['x'].size()[0]", [] { return symbol("L['x'].size()[0]"); }, kPython},
        ParseCase{"L[ 'x' ] . size( ) [ 0 ]", [] { return symbol("L['x'].size()[0]"); }, kPython},
        ParseCase{"L['a b'].stride()[1]", [] { return symbol("L['a b'].stride()[1]"); }, kPython},
        ParseCase{"L[\"x\"].storage_offset()", [] { return symbol("L[\"x\"].storage_offset()"); }, kPython},
        ParseCase{"x.size()[2]", [] { return symbol("x.size()[2]"); }, kPython},
        ParseCase{"x.size(0)", [] { return symbol("x.size(0)"); }, kPython},
        ParseCase{"G['m'].layers[0].weight.size()[1]", [] { return symbol("G['m'].layers[0].weight.size()[1]"); },
                  kPython},
        ParseCase{"L['x'].size()[-1]", [] { return symbol("L['x'].size()[-1]"); }, kPython},
        ParseCase{"L['x'].size()[1] == L['x'].size()[0]",
                  [] { return eq(symbol("L['x'].size()[1]"), symbol("L['x'].size()[0]")); }, kPython},
        ParseCase{"Ne(Mod((x.size()[2] - 1)//2, 2), 0)",
                  [] { return ne(mod(floordiv(sub(symbol("x.size()[2]"), n(1)), n(2)), n(2)), n(0)); }, kPython}));

// The sympy and Python spellings of one guard give the same node.
TEST(Parse, SympyAndPythonFormsGiveTheSameNode) {
  const std::pair<const char*, const char*> pairs[] = {
      {"Eq(L['x'].size()[0], L['x'].size()[1])", "L['x'].size()[0] == L['x'].size()[1]"},
      {"Ne(Mod(s0, 8), 0)", "s0 % 8 != 0"},
      {"Ne(PythonMod(s0, 8), 0)", "s0 % 8 != 0"},
      {"And(Le(2, s0), Le(s0, 10))", "2 <= s0 <= 10"},
      {"And(Le(2, s0), Le(s0, 10))", "2 <= s0 and s0 <= 10"},
      {"Max(s0, s1)", "max(s0, s1)"},
      {"Min(s0, Max(s1, 3))", "min(s0, max(3, s1))"},
      {"FloorDiv(s0, 2)", "s0 // 2"},
      {"(s0//2)", "s0//2"},
      {"Not(Or(Eq(s0, 1), Eq(s1, 1)))", "not (s0 == 1 or s1 == 1)"},
      {"Eq(2*s0, 4)", "s0 == 2"},
      {"Gt(s0, s1)", "s1 < s0"},
      {"Ge(s0, s1)", "s1 <= s0"},
      {"Eq(s0, 2) & Ne(s1, 3)", "And(Eq(s0, 2), Ne(s1, 3))"},
  };
  for (const auto& [sympy_text, python_text] : pairs) {
    EXPECT_EQ(parse_expr(sympy_text), parse_expr(python_text)) << sympy_text << " vs " << python_text;
  }
}

TEST(Parse, EachDistinctSourceIsOneSymbol) {
  Expr a = parse_expr("L['x'].size()[0]");
  Expr b = parse_expr("L['x'].size()[1]");
  Expr c = parse_expr("L['y'].size()[0]");
  EXPECT_NE(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(a, parse_expr("L['x'] .size()[0]"));
  EXPECT_EQ(parse_expr("L['x'].size()[0] - L['x'].size()[0]"), n(0));
  EXPECT_EQ(a.name(), "L['x'].size()[0]");
}

TEST(Parse, LineNumberOffsetsTheReportedLine) {
  try {
    parse("Eq(s0, *)", 41);
    FAIL() << "expected ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.line, 41);
    EXPECT_EQ(e.column, 8);
  }
  try {
    parse("And(Eq(s0, 1),\n    Foo(s1))", 10);
    FAIL() << "expected ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.line, 11);
    EXPECT_EQ(e.column, 5);
    EXPECT_EQ(std::string(e.what()), "11:5: unknown function 'Foo'\n    Foo(s1))\n    ^");
  }
}

TEST(Parse, ErrorMessageShowsTheLineAndACaret) {
  try {
    parse("Eq(s0, s1))");
    FAIL() << "expected ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(std::string(e.what()), "1:11: unexpected ')' after a complete expression\nEq(s0, s1))\n          ^");
    EXPECT_EQ(e.message, "unexpected ')' after a complete expression");
  }
}

// ---------------------------------------------------------------------------
// Errors.

enum class ErrorKind { Parse, Overflow, Unsupported, DivisionByZero };

struct ErrorCase {
  const char* text;
  ErrorKind kind;
  int line;
  int column;
  const char* message;  // a substring of the message
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.text; }

class ErrorCases : public ::testing::TestWithParam<ErrorCase> {};

// The "LINE:COL: " prefix of what().
std::string position_prefix(int line, int column) {
  return std::to_string(line) + ":" + std::to_string(column) + ": ";
}

TEST_P(ErrorCases, ReportsTypePositionAndMessage) {
  const ErrorCase& c = GetParam();
  std::string what;
  bool right_type = false;
  try {
    parse(c.text);
    ADD_FAILURE() << "no error for " << c.text;
    return;
  } catch (const ParseError& e) {
    right_type = c.kind == ErrorKind::Parse;
    what = e.what();
    if (right_type) {
      EXPECT_EQ(e.line, c.line) << c.text;
      EXPECT_EQ(e.column, c.column) << c.text;
      EXPECT_NE(e.message.find(c.message), std::string::npos) << c.text << " -> " << e.message;
    }
  } catch (const OverflowError& e) {
    right_type = c.kind == ErrorKind::Overflow;
    what = e.what();
  } catch (const UnsupportedError& e) {
    right_type = c.kind == ErrorKind::Unsupported;
    what = e.what();
  } catch (const DivisionByZeroError& e) {
    right_type = c.kind == ErrorKind::DivisionByZero;
    what = e.what();
  }
  EXPECT_TRUE(right_type) << c.text << " -> " << what;
  EXPECT_EQ(what.rfind(position_prefix(c.line, c.column), 0), 0u) << c.text << " -> " << what;
  EXPECT_NE(what.find(c.message), std::string::npos) << c.text << " -> " << what;
  // The caret line points at the column.
  size_t last_newline = what.rfind('\n');
  ASSERT_NE(last_newline, std::string::npos) << what;
  EXPECT_EQ(what.substr(last_newline + 1), std::string(static_cast<size_t>(c.column - 1), ' ') + "^") << what;
}

constexpr ErrorKind kParse = ErrorKind::Parse;
constexpr ErrorKind kOverflow = ErrorKind::Overflow;
constexpr ErrorKind kUnsupported = ErrorKind::Unsupported;
constexpr ErrorKind kDivZero = ErrorKind::DivisionByZero;

INSTANTIATE_TEST_SUITE_P(
    Errors, ErrorCases,
    ::testing::Values(
        // truncated input, unbalanced parentheses, trailing garbage
        ErrorCase{"", kParse, 1, 1, "unexpected end of input, expected an expression"},
        ErrorCase{"   ", kParse, 1, 4, "unexpected end of input"},
        ErrorCase{"s0 +", kParse, 1, 5, "unexpected end of input"},
        ErrorCase{"Eq(s0, s1", kParse, 1, 10, "expected ')' to close the '(' at 1:3 or ','"},
        ErrorCase{"(s0 + 1", kParse, 1, 8, "expected ')' to close the '(' at 1:1, found end of input"},
        ErrorCase{"s0 + 1)", kParse, 1, 7, "unexpected ')' after a complete expression"},
        ErrorCase{"s0 s1", kParse, 1, 4, "unexpected 's1' after a complete expression"},
        ErrorCase{"Eq(s0, s1) Eq(s0, s1)", kParse, 1, 12, "after a complete expression"},
        ErrorCase{"s0 + * s1", kParse, 1, 6, "unexpected '*', expected an expression"},
        ErrorCase{"Eq(,)", kParse, 1, 4, "unexpected ','"},
        ErrorCase{"()", kParse, 1, 2, "unexpected ')'"},
        ErrorCase{"s0 = 2", kParse, 1, 4, "unexpected '='"},
        ErrorCase{"s0 ! s1", kParse, 1, 4, "unexpected '!'"},
        ErrorCase{"s0 ^ 2", kParse, 1, 4, "unexpected character '^'"},
        ErrorCase{"s0 $ 2", kParse, 1, 4, "unexpected character '$'"},
        ErrorCase{"s0 + \xc3\xa9", kParse, 1, 6, "unexpected character byte 0xc3 0xa9"},
        ErrorCase{"L['x].size()[0]", kParse, 1, 3, "unterminated string literal"},
        ErrorCase{"s0 and", kParse, 1, 7, "unexpected end of input"},
        ErrorCase{"and s0", kParse, 1, 1, "unexpected keyword 'and'"},
        ErrorCase{"s0 if s1 else s2", kParse, 1, 4, "after a complete expression"},
        ErrorCase{"None", kParse, 1, 1, "unexpected keyword 'None'"},
        ErrorCase{"2 <= ", kParse, 1, 6, "unexpected end of input"},
        // functions
        ErrorCase{"Foo(s0)", kParse, 1, 1, "unknown function 'Foo'"},
        ErrorCase{"s0 + bar(1, 2)", kParse, 1, 6, "unknown function 'bar'"},
        ErrorCase{"Eq(s0)", kParse, 1, 1, "'Eq' takes 2 arguments, got 1"},
        ErrorCase{"Mod(s0, 1, 2)", kParse, 1, 1, "'Mod' takes 2 arguments, got 3"},
        ErrorCase{"Not(s0 < 1, s1 < 1)", kParse, 1, 1, "'Not' takes 1 argument, got 2"},
        ErrorCase{"ModularIndexing(s0, 2)", kParse, 1, 1, "'ModularIndexing' takes 3 arguments, got 2"},
        ErrorCase{"Max()", kParse, 1, 1, "'Max' takes at least 1 argument"},
        ErrorCase{"Where(s0 > 1, s0, 1)", kUnsupported, 1, 1, "function 'Where' is not supported"},
        ErrorCase{"TruncToInt(IntTrueDiv(s0, 2))", kUnsupported, 1, 1, "function 'TruncToInt' is not supported"},
        // sources
        ErrorCase{"L[x].size()[0]", kParse, 1, 3, "expected a string or integer subscript in a source, found 'x'"},
        ErrorCase{"L['x'].size()[0", kParse, 1, 16, "expected ']'"},
        ErrorCase{"L['x'].", kParse, 1, 8, "expected an attribute name after '.'"},
        ErrorCase{"L['x'].size(s0)", kParse, 1, 13, "expected a string or integer argument in a source"},
        // integers beyond int64, floats, exponents
        ErrorCase{"9223372036854775808", kOverflow, 1, 1, "integer literal 9223372036854775808 does not fit"},
        ErrorCase{"s0 + 123456789012345678901234567890", kOverflow, 1, 6, "does not fit in a 64-bit integer"},
        ErrorCase{"-9223372036854775809", kOverflow, 1, 2, "integer literal -9223372036854775809 does not fit"},
        ErrorCase{"s0 - 9223372036854775808", kOverflow, 1, 6, "does not fit"},
        ErrorCase{"9223372036854775807 + 1", kOverflow, 1, 21, "1:21: "},
        ErrorCase{"s0*2**70", kOverflow, 1, 7, "1:7: "},
        ErrorCase{"1.5*s0", kUnsupported, 1, 1, "float literal '1.5' is not supported"},
        ErrorCase{"s0 + 2e3", kUnsupported, 1, 6, "float literal '2e3'"},
        ErrorCase{"s0 + .5", kUnsupported, 1, 6, "float literal '.5'"},
        ErrorCase{"zf0 + 1", kUnsupported, 1, 1, "float symbol 'zf0' is not supported"},
        ErrorCase{"Eq(zuf12, 1)", kUnsupported, 1, 4, "float symbol 'zuf12'"},
        ErrorCase{"s0 / 2", kUnsupported, 1, 4, "true division '/' is not supported"},
        ErrorCase{"s0**-1", kUnsupported, 1, 5, "negative exponent -1 is not supported"},
        ErrorCase{"s0**s1", kUnsupported, 1, 5, "symbolic exponent is not supported"},
        ErrorCase{"PowByNatural(s0, s1)", kUnsupported, 1, 18, "symbolic exponent"},
        ErrorCase{"int_oo", kUnsupported, 1, 1, "infinity"},
        // division by a constant zero
        ErrorCase{"s0 // 0", kDivZero, 1, 4, "1:4: "},
        ErrorCase{"Mod(s0, 0)", kDivZero, 1, 1, "1:1: "},
        // conditions where integers belong, and the reverse
        ErrorCase{"s0 + (s1 < 2)", kUnsupported, 1, 6, "a condition is used as an integer (operand of '+')"},
        ErrorCase{"Eq(s0 < 1, True)", kUnsupported, 1, 4, "a condition is used as an integer (argument of 'Eq')"},
        ErrorCase{"s0 and s1 < 2", kUnsupported, 1, 1, "an integer is used as a condition (operand of 'and')"},
        ErrorCase{"not s0", kUnsupported, 1, 5, "an integer is used as a condition (operand of 'not')"},
        ErrorCase{"And(s0, s1 < 1)", kUnsupported, 1, 5, "an integer is used as a condition (argument of 'And')"},
        ErrorCase{"~s0", kUnsupported, 1, 2, "bitwise not of integers is not supported"},
        ErrorCase{"s0 & s1", kUnsupported, 1, 1, "an integer is used as a condition (operand of '&')"},
        ErrorCase{"True**2", kUnsupported, 1, 1, "a condition is used as an integer (base of '**')"}));

// Deep nesting is refused with an error, never a stack overflow.
TEST(Parse, DeepNestingIsAnErrorNotACrash) {
  const size_t huge = 100000;
  const size_t depth = 5000;  // well past the limit; keeps the test fast
  const std::string nested[] = {
      std::string(huge, '(') + "s0" + std::string(huge, ')'),
      std::string(huge, '('),
      std::string(depth, '-') + "s0",
      [&] {
        std::string s;
        for (size_t i = 0; i < depth; ++i) s += "Max(";
        return s;
      }(),
      [&] {
        std::string s;
        for (size_t i = 0; i < depth; ++i) s += "not ";
        return s + "s0 < 1";
      }(),
      [&] {
        std::string s = "s0";
        for (size_t i = 0; i < depth; ++i) s += "**2";
        return s;
      }(),
  };
  std::string chain = "s0";
  for (size_t i = 0; i < depth; ++i) chain += i % 2 ? " // s1" : " % s2";
  const std::string flat_but_deep[] = {chain};
  for (const std::string& text : flat_but_deep) {
    try {
      parse(text);
      ADD_FAILURE() << "expected ParseError for " << text.substr(0, 20);
    } catch (const ParseError& e) {
      EXPECT_NE(e.message.find("nesting too deep"), std::string::npos) << e.message;
    }
  }
  for (const std::string& text : nested) {
    try {
      parse(text);
      ADD_FAILURE() << "expected ParseError for " << text.substr(0, 20);
    } catch (const ParseError& e) {
      EXPECT_NE(e.message.find("nesting too deep"), std::string::npos) << e.message;
      EXPECT_EQ(e.line, 1);
    }
  }
}

TEST(Parse, ModerateNestingIsFine) {
  std::string text = std::string(200, '(') + "s0 + 1" + std::string(200, ')');
  EXPECT_EQ(parse_expr(text), add(s0(), n(1)));
  std::string negations;
  for (int i = 0; i < 200; ++i) negations += "-";
  EXPECT_EQ(parse_expr(negations + "s0"), s0());
}

// Random mutations of valid texts: the parser either succeeds or throws one of
// symshape's typed errors with a position inside the text, never anything else
// (and under the sanitizers, never reads out of bounds).
TEST(Parse, MangledTextsFailOnlyWithPositionedErrors) {
  const std::string seeds[] = {
      "Ne(Mod((x.size()[2] - 1)//2, 2), 0)",
      "2 <= L['x'].size()[0] and L['x'].size()[0] <= 10",
      "And(Eq(s0, 2), Or(s1 >= 3, Not(Ne(s2, 4))))",
      "Max(1, s0 - 3, Min(s1, 7))*CeilDiv(s0, 8)**2",
      "not (s0 % 8 == 0 or max(s0, s1) // 2 < -9223372036854775808)",
      "ModularIndexing(s0 + 3, 2, 16) != PythonMod(u1, -3)",
  };
  const std::string pieces[] = {"(", ")", "[", "]", ",", ".", "'", "\"", "**", "//", "%", "-", "+", "*", "/",
                                "==", "<=", ">", "!", "=", " and ", " or ", "not ", "Eq(", "Max(", "Foo(", "s0",
                                "L['x']", ".size()", "[0]", "1.5", "99999999999999999999", "0", "True", "zf0",
                                "#", "\n", "\t", "&", "|", "~", "^", "\xff"};
  const std::regex position(R"(^[0-9]+:[0-9]+: )");
  std::mt19937_64 rng(4242);
  auto uniform = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  int failures = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = seeds[uniform(std::size(seeds))];
    for (int m = 0, count = 1 + static_cast<int>(uniform(3)); m < count; ++m) {
      size_t at = uniform(text.size() + 1);
      switch (uniform(4)) {
        case 0: if (at < text.size()) text.erase(at, 1 + uniform(3)); break;
        case 1: text.insert(at, pieces[uniform(std::size(pieces))]); break;
        case 2: text.resize(at); break;
        default: if (at < text.size()) text[at] = static_cast<char>(32 + uniform(95)); break;
      }
    }
    try {
      parse(text);
    } catch (const ParseError& e) {
      ++failures;
      EXPECT_GE(e.line, 1) << text;
      EXPECT_GE(e.column, 1) << text;
      EXPECT_LE(e.column, static_cast<int>(text.size()) + 1) << text;
      EXPECT_TRUE(std::regex_search(std::string(e.what()), position)) << e.what();
    } catch (const Error& e) {
      ++failures;
      EXPECT_TRUE(std::regex_search(std::string(e.what()), position)) << text << " -> " << e.what();
    }
  }
  EXPECT_GT(failures, 1000);  // the mutations do produce errors
}

}  // namespace
}  // namespace symshape
