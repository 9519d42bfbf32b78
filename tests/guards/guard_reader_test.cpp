// Reading guard text in every format PyTorch prints (see guard_reader.hpp).
#include "symshape/guards/guard_reader.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "symshape/symbolic/parse.hpp"

namespace symshape {
namespace {

struct ExtractCase {
  std::string line;
  std::optional<std::string> guard;  // nullopt: the line carries no guard
};

class ExtractGuard : public ::testing::TestWithParam<ExtractCase> {};

TEST_P(ExtractGuard, FindsTheGuardText) {
  const ExtractCase& c = GetParam();
  auto got = extract_guard(c.line);
  if (!c.guard) {
    EXPECT_FALSE(got.has_value()) << "extracted '" << got->text << "'";
    return;
  }
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(std::string(got->text), *c.guard);
  EXPECT_EQ(c.line.substr(got->offset, got->text.size()), *c.guard);
}

INSTANTIATE_TEST_SUITE_P(
    Formats, ExtractGuard,
    ::testing::Values(
        ExtractCase{"Eq(s0, s1)", "Eq(s0, s1)"},
        ExtractCase{"   s0 >= 2   ", "s0 >= 2"},
        ExtractCase{"", std::nullopt},
        ExtractCase{"   ", std::nullopt},
        ExtractCase{"# a comment", std::nullopt},
        ExtractCase{"  # indented comment", std::nullopt},
        // TORCH_LOGS=dynamic
        ExtractCase{"eval Eq(2, s1) [guard added] (_subclasses/fake_impls.py:715 in conv), for more info run with "
                    "TORCHDYNAMO_EXTENDED_DEBUG_GUARD_ADDED=\"Eq(2, s1)\"",
                    "Eq(2, s1)"},
        ExtractCase{"eval 6 >= s2 [guard added] at model.py:12 in forward", "6 >= s2"},
        ExtractCase{"eval Ne(-2*s0*s2 + 14*s0, 0) [guard added] (...)", "Ne(-2*s0*s2 + 14*s0, 0)"},
        ExtractCase{"runtime_assert Eq(Mod(u2 + 2*u6, u0), 0) [guard added] torch._check(...)",
                    "Eq(Mod(u2 + 2*u6, u0), 0)"},
        ExtractCase{"runtime_assert u0 >= 0 [guard added] (_refs/__init__.py:4796 in new_empty)", "u0 >= 0"},
        ExtractCase{"[2024-05-01 10:00:00,123] [0/0] torch/fx/experimental/symbolic_shapes.py:5000: "
                    "[INFO] eval Eq(s0, s1) [guard added] (nn/functional.py:2000 in linear)",
                    "Eq(s0, s1)"},
        ExtractCase{"I0501 10:00:00.123000 1234 torch/fx/experimental/symbolic_shapes.py:5000] [0/0] "
                    "eval Ne(s0, 1) [guard added] at foo.py:3",
                    "Ne(s0, 1)"},
        ExtractCase{"V0501 10:00:00.123000 1234 torch/fx/experimental/symbolic_shapes.py:4000] [0/0] "
                    "create_symbol s0 = 16 for L['t'].size()[0] [2, int_oo]",
                    std::nullopt},
        ExtractCase{"[0/0] set_replacement s1 = 2 (range_refined_to_singleton) VR[2, 2]", std::nullopt},
        ExtractCase{"create_symbol s0 = 16 for L['t'].size()[0] [2, int_oo] (_dynamo/variables/builder.py:2000)",
                    std::nullopt},
        ExtractCase{"eval Eq(s0, 5) [guard suppressed]", std::nullopt},
        ExtractCase{"eval Eq(s0, 5)", std::nullopt},
        // Guard code, verbose form.
        ExtractCase{"L['x'].size()[0] == 4 and L['x'].size()[1] == 5",
                    "L['x'].size()[0] == 4 and L['x'].size()[1] == 5"},
        ExtractCase{"L['x'].size()[1] == L['x'].size()[0]  # _dynamo/output_graph.py:451 in init_ambient_guards",
                    "L['x'].size()[1] == L['x'].size()[0]"},
        ExtractCase{"L['a'].size()[0] == L['b'].size()[0]  # duck sizing added this equality because these "
                    "variables had the same size 3 (to avoid this specialization, set "
                    "torch.fx.experimental._config.use_duck_shape = False)",
                    "L['a'].size()[0] == L['b'].size()[0]"},
        ExtractCase{"L['x#1'].size()[0] >= 2  # a '#' inside a quoted source name is not a comment",
                    "L['x#1'].size()[0] >= 2"},
        // TORCH_LOGS=guards tree.
        ExtractCase{"| +- LAMBDA_GUARD: 2 <= L['x'].size()[0]  # _dynamo/output_graph.py:460 in init_ambient_guards",
                    "2 <= L['x'].size()[0]"},
        ExtractCase{"| +- TENSOR_MATCH: check_tensor(L['x'], Tensor, ...)", std::nullopt},
        ExtractCase{"TREE_GUARD_MANAGER:", std::nullopt},
        ExtractCase{"+- RootGuardManager", std::nullopt}));

TEST(ReadGuards, KeepsLineNumbersTextAndSyntax) {
  GuardReadResult r = read_guards(
      "# header\n"
      "Eq(s0, s1)\n"
      "\n"
      "eval s0 >= 2 [guard added] (x.py:1)\n"
      "L['x'].size()[0] % 8 == 0  # file.py:3\n");
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.guards.size(), 3u);
  EXPECT_EQ(r.guards[0].line, 2);
  EXPECT_EQ(r.guards[0].text, "Eq(s0, s1)");
  EXPECT_EQ(r.guards[0].syntax, Syntax::Sympy);
  EXPECT_EQ(r.guards[0].expr, parse_expr("Eq(s1, s0)"));
  EXPECT_EQ(r.guards[1].line, 4);
  EXPECT_EQ(r.guards[1].text, "s0 >= 2");
  EXPECT_EQ(r.guards[2].line, 5);
  EXPECT_EQ(r.guards[2].text, "L['x'].size()[0] % 8 == 0");
  EXPECT_EQ(r.guards[2].syntax, Syntax::Python);
  EXPECT_EQ(r.ignored_lines, 2u);
}

TEST(ReadGuards, TopLevelAndStaysOneGuard) {
  GuardReadResult r = read_guards("L['x'].size()[0] == 4 and L['x'].size()[1] == 5\n");
  ASSERT_EQ(r.guards.size(), 1u);
  EXPECT_TRUE(r.guards[0].expr.is(ExprKind::And));
}

TEST(ReadGuards, ErrorsNameLineAndColumnAndTheRestIsRead) {
  GuardReadResult r = read_guards(
      "Eq(s0, s1)\n"
      "Eq(s0,, s1)\n"
      "s0 + 1\n"
      "eval Ne(s0 +, 1) [guard added] (x.py:1)\n"
      "s1 >= 2\n");
  ASSERT_EQ(r.guards.size(), 2u);
  EXPECT_EQ(r.guards[0].line, 1);
  EXPECT_EQ(r.guards[1].line, 5);
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0].line, 2);
  EXPECT_EQ(r.errors[0].column, 7);  // the second comma
  EXPECT_EQ(r.errors[1].line, 3);
  EXPECT_NE(r.errors[1].message.find("not a condition"), std::string::npos);
  // The column counts from the start of the log line, not of the guard.
  EXPECT_EQ(r.errors[2].line, 4);
  EXPECT_EQ(r.errors[2].column, 13);  // the comma after `+`
  EXPECT_EQ(r.errors[0].to_string().substr(0, 4), "2:7:");
}

TEST(ReadGuards, WindowsLineEndsAndNoFinalNewline) {
  GuardReadResult r = read_guards("Eq(s0, s1)\r\ns0 >= 2");
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.guards.size(), 2u);
  EXPECT_EQ(r.guards[0].text, "Eq(s0, s1)");
  EXPECT_EQ(r.guards[1].line, 2);
}

TEST(ReadGuards, FromStream) {
  std::istringstream in("Ne(s0, 1)\nNe(s1, 1)\n");
  GuardReadResult r = read_guards(in);
  EXPECT_EQ(r.guards.size(), 2u);
}

}  // namespace

TEST(ReadGuards, NonSyntaxErrorsKeepTheParsersColumnOnce) {
  // An overflowing literal is well-formed text: the error is an OverflowError
  // positioned by the parser, reported once as LINE:COL (no nested position).
  GuardReadResult r = read_guards(std::string_view("s0 >= 2\neval Eq(s0, 9223372036854775807 + 1) [guard added]\n"));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 2);
  EXPECT_EQ(r.errors[0].column, 33);  // the `+`, counted in the whole log line
  EXPECT_EQ(r.errors[0].message.find("2:"), std::string::npos) << r.errors[0].message;
  EXPECT_NE(r.errors[0].message.find("does not fit"), std::string::npos) << r.errors[0].message;
  EXPECT_EQ(r.guards.size(), 1u);
}

}  // namespace symshape
