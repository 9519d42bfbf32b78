// Errors: FILE:LINE:COL, what was expected, the token, the line and a caret;
// the reader goes on and reports every error; what the IR cannot model is
// named, never guessed; deep nesting is an error, not a stack overflow.
#include <gtest/gtest.h>

#include <string>

#include "symshape/tracer/fx_reader.hpp"

namespace symshape::tracer {
namespace {

std::string graph_text(const std::string& body) {
  return "class GraphModule(torch.nn.Module):\n"
         "    def forward(self, x: \"f32[s0, 3]\", y: \"Sym(s0)\"):\n" +
         body;
}

// The formatted errors, one per line of the result.
std::vector<std::string> errors_of(const std::string& text) {
  FxReadResult r = read_fx(text, "g.py");
  std::vector<std::string> out;
  for (const FxDiagnostic& d : r.errors) out.push_back(d.format());
  return out;
}

TEST(FxReaderErrors, FormatHasFileLineColumnLineAndCaret) {
  std::vector<std::string> errors = errors_of(graph_text(
      "        mm: \"f32[s0, 3]\" = torch.ops.aten.mm.default(x y)\n"
      "        return (mm,)\n"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0],
            "g.py:3:56: expected ',' or ')', got 'y'\n"
            "        mm: \"f32[s0, 3]\" = torch.ops.aten.mm.default(x y)\n"
            "                                                       ^");
}

TEST(FxReaderErrors, CaretKeepsTabs) {
  FxDiagnostic d{SourceSpan{"f", 1, 3}, "m", "\tab"};
  EXPECT_EQ(d.format(), "f:1:3: m\n\tab\n\t ^");
}

TEST(FxReaderErrors, EveryErrorIsReportedAndGoodNodesSurvive) {
  const std::string text = graph_text(
      "        a: \"f32[s0, 3]\" = torch.ops.aten.relu.default(x))\n"  // 3: extra ')'
      "        b: \"f32[s0, 3]\" = torch.ops.aten.neg.default(x)\n"    // 4: fine
      "        c = = torch.ops.aten.abs.default(b)\n"                  // 5: '=' twice
      "        d: \"f32[s0, 3]\" = torch.ops.aten.sin.default(c)\n"    // 6: uses a failed name: quiet
      "        e: \"f32[s0, 3]\" = torch.ops.aten.cos.default(b, $)\n"  // 7: a byte outside the language
      "        f: \"f32[s0, 3]\" = torch.ops.aten.cos.default(zz)\n"    // 8: unknown name
      "        return (a, b)\n");
  FxReadResult r = read_fx(text, "g.py");
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0].span.line, 3);
  EXPECT_EQ(r.errors[0].span.column, 57);
  EXPECT_EQ(r.errors[0].message, "expected end of line, got ')'");
  EXPECT_EQ(r.errors[1].span.line, 5);
  EXPECT_EQ(r.errors[1].span.column, 13);
  EXPECT_EQ(r.errors[1].message, "expected an expression, got '='");
  EXPECT_EQ(r.errors[2].span.line, 7);
  EXPECT_EQ(r.errors[2].span.column, 57);
  EXPECT_EQ(r.errors[2].message, "expected an expression, got '$'");
  EXPECT_EQ(r.errors[3].span.line, 8);
  EXPECT_EQ(r.errors[3].span.column, 54);
  EXPECT_EQ(r.errors[3].message, "unknown name 'zz'");
  ASSERT_EQ(r.graphs.size(), 1u);
  const Graph& g = r.graphs[0];
  EXPECT_TRUE(g.find("a"));  // the statement was whole; only the line's end was wrong
  EXPECT_TRUE(g.find("b"));
  EXPECT_FALSE(g.find("c"));
  EXPECT_FALSE(g.find("d"));
  EXPECT_FALSE(g.find("f"));
  EXPECT_TRUE(g.output());
}

TEST(FxReaderErrors, MissingCloseRunsIntoTheNextStatement) {
  const std::string text = graph_text(
      "        a = torch.ops.aten.relu.default(x\n"
      "        b = torch.ops.aten.neg.default(x)\n"
      "        return (b,)\n");
  FxReadResult r = read_fx(text, "g.py");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].format(),
            "g.py:4:9: expected ',' or ')', got 'b'\n"
            "        b = torch.ops.aten.neg.default(x)\n"
            "        ^");
  ASSERT_EQ(r.graphs.size(), 1u);
  EXPECT_TRUE(r.graphs[0].find("b"));  // read again as its own statement
}

TEST(FxReaderErrors, AnnotationErrorsPointInsideTheQuotes) {
  std::vector<std::string> errors = errors_of(graph_text(
      "        a: \"f32[s0, ]\" = torch.ops.aten.relu.default(x)\n"
      "        b: f33[2] = torch.ops.aten.relu.default(x)\n"
      "        return (a, b)\n"));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0],
            "g.py:3:20: expected a size expression\n"
            "        a: \"f32[s0, ]\" = torch.ops.aten.relu.default(x)\n"
            "                   ^");
  EXPECT_EQ(errors[1].substr(0, errors[1].find(" (")), "g.py:4:12: unknown dtype 'f33'");
}

TEST(FxReaderErrors, UnmodelledConstructsAreNamed) {
  const std::string text =
      "class GraphModule(torch.nn.Module):\n"
      "    class submod_0(torch.nn.Module):\n"
      "        def forward(self, x):\n"
      "            return x\n"
      "    def forward(self, x: \"f32[3]\"):\n"
      "        _tensor_constant0 = self._tensor_constant0\n"
      "        submod = self.submod_0(x)\n"
      "        lifted: \"f32[3]\" = torch.ops.aten.add.Tensor(x, self.weight)\n"
      "        return (x,)\n";
  FxReadResult r = read_fx(text, "g.py");
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0].span.line, 2);
  EXPECT_EQ(r.errors[0].span.column, 11);
  EXPECT_NE(r.errors[0].message.find("nested class 'submod_0' is not supported"), std::string::npos);
  EXPECT_EQ(r.errors[1].span.line, 6);
  EXPECT_EQ(r.errors[1].span.column, 29);
  EXPECT_NE(r.errors[1].message.find("get_attr constant 'self._tensor_constant0'"), std::string::npos);
  EXPECT_EQ(r.errors[2].span.line, 7);
  EXPECT_NE(r.errors[2].message.find("call of submodule 'self.submod_0'"), std::string::npos);
  EXPECT_EQ(r.errors[3].span.line, 8);
  EXPECT_NE(r.errors[3].message.find("get_attr constant 'self.weight'"), std::string::npos);
  ASSERT_EQ(r.graphs.size(), 1u);
  EXPECT_EQ(r.graphs[0].nodes.size(), 2u);  // x and the output
}

TEST(FxReaderErrors, StructureErrors) {
  std::vector<std::string> errors = errors_of(
      "x = torch.ops.aten.relu.default(y)\n"
      "class A(torch.nn.Module):\n"
      "    def forward(self, x):\n"
      "        a = torch.ops.aten.relu.default(x)\n"
      "        a = torch.ops.aten.neg.default(x)\n"
      "        x = None\n"
      "        q = None\n"
      "class B(torch.nn.Module):\n"
      "    def forward(self, x):\n"
      "        return x\n"
      "        y = torch.ops.aten.relu.default(x)\n"
      "class C(torch.nn.Module):\n"
      "    pass\n");
  ASSERT_EQ(errors.size(), 6u);
  EXPECT_EQ(errors[0].substr(0, errors[0].find('\n')),
            "g.py:1:1: a statement outside a graph: expected 'class', 'def' or 'import'");
  EXPECT_EQ(errors[1].substr(0, errors[1].find('\n')), "g.py:3:9: forward() of 'A' ends without a return statement");
  EXPECT_EQ(errors[2].substr(0, errors[2].find('\n')), "g.py:5:9: 'a' is already defined at 4:9");
  EXPECT_EQ(errors[3].substr(0, errors[3].find('\n')), "g.py:7:9: clean-up of unknown name 'q'");
  EXPECT_EQ(errors[4].substr(0, errors[4].find('\n')), "g.py:11:9: a statement after return");
  EXPECT_EQ(errors[5].substr(0, errors[5].find('\n')), "g.py:12:7: class 'C' has no forward() method");
}

TEST(FxReaderErrors, LiteralsAndTokens) {
  std::vector<std::string> errors = errors_of(graph_text(
      "        a = torch.ops.aten.foo.default(x, 9223372036854775808)\n"
      "        b = torch.ops.aten.foo.default(x, 'open)\n"
      "        c = torch.ops.aten.foo.default(x, torch.float99)\n"
      "        d = torch.ops.aten.foo.default(x, device(type=3))\n"
      "        e = torch.ops.aten.foo.default(x, k=1, 2)\n"
      "        return (x,)\n"));
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].substr(0, errors[0].find('\n')),
            "g.py:3:43: integer literal '9223372036854775808' does not fit in int64");
  EXPECT_EQ(errors[1].substr(0, errors[1].find('\n')), "g.py:4:43: unterminated string");
  EXPECT_EQ(errors[2].substr(0, errors[2].find('\n')),
            "g.py:5:43: unknown torch constant 'torch.float99' (expected a dtype, layout or memory format)");
  EXPECT_EQ(errors[3].substr(0, errors[3].find('\n')), "g.py:6:55: expected device(type='cuda', index=0)");
  EXPECT_EQ(errors[4].substr(0, errors[4].find('\n')), "g.py:7:48: a positional argument after keyword arguments");
}

TEST(FxReaderErrors, DeepNestingIsALocatedError) {
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  const std::string parens = std::string(10000, '(') + "1" + std::string(10000, ')');
  std::string minus;
  for (int i = 0; i < 10000; ++i) minus += "- ";
  const std::string text = graph_text(
      "        a = torch.ops.aten.foo.default(x, " + deep + ")\n" +
      "        b = torch.ops.aten.foo.default(x, " + parens + ")\n" +
      "        c = torch.ops.aten.foo.default(x, " + minus + "1)\n" +
      "        d: f32[" + deep + "] = torch.ops.aten.foo.default(x)\n" +
      "        e: \"Sym(" + parens + ")\" = torch.ops.aten.foo.default(x)\n" +
      "        return (x,)\n");
  FxReadResult r = read_fx(text, "g.py");
  ASSERT_EQ(r.errors.size(), 5u);
  // `        a = torch.ops.aten.foo.default(x, ` is 42 characters; the call's
  // '(' is level 1, so the 100th '[' (column 142) is the first too deep.
  EXPECT_EQ(r.errors[0].span.line, 3);
  EXPECT_EQ(r.errors[0].span.column, 142);
  EXPECT_EQ(r.errors[0].message, "nesting deeper than 100 levels");
  EXPECT_EQ(r.errors[1].span.line, 4);
  EXPECT_EQ(r.errors[2].span.line, 5);
  EXPECT_EQ(r.errors[3].span.line, 6);
  EXPECT_EQ(r.errors[4].span.line, 7);
  ASSERT_EQ(r.graphs.size(), 1u);
  EXPECT_TRUE(r.graphs[0].output());
}

}  // namespace
}  // namespace symshape::tracer
