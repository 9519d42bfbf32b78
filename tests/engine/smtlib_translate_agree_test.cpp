// The two SMT encodings of an expression agree: symbolic's to_smtlib (text,
// no solver) and engine's Z3Translator (the terms the Prover checks). For
// random raw and canonical trees, Z3 parses the text and is asked whether the
// two terms can differ anywhere the expression is defined: they must not
// (unsat), over all integers, not only at sample points. Checks that Z3 cannot
// finish within a small rlimit (nonlinear division) are skipped, and counted
// so the test cannot pass vacuously.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "../../engine/src/z3_translate.hpp"  // private engine header under test
#include "random_expr.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

using testing::canonicalize;
using testing::debug_string;
using testing::RandomExprGenerator;

TEST(SmtlibTranslateAgree, BothEncodingsAreTheSameFunction) {
  z3::context ctx;
  Z3Translator tr(ctx);
  std::vector<Expr> syms{symbol("s0"), symbol("s1"), symbol("L['x'].size()[0]")};
  z3::sort_vector sorts(ctx);
  RandomExprGenerator gen(20261207, syms, {.max_depth = 4, .max_constant = 9, .max_exponent = 3});
  z3::params p(ctx);
  p.set("rlimit", 200000u);
  int proved = 0, total = 0;
  for (int i = 0; i < 200; ++i) {
    Expr e = i % 3 == 0 ? gen.bool_expr() : gen.int_expr();
    if (i % 2 == 1) {
      try {
        e = canonicalize(e);
      } catch (const Error&) {
        continue;  // constant folding overflowed
      }
    }
    std::optional<z3::expr> translated;
    try {
      translated = tr.translate(e);
    } catch (const UnsupportedError&) {
      continue;  // a term above Z3Translator::kMaxDegree: the prover never sends it
    }
    const std::string text = "(assert (= x! " + to_smtlib(e) + "))";
    // Bind the text's term to a fresh constant so parse_string yields it.
    z3::expr x = e.is_boolean() ? ctx.bool_const("x!") : ctx.int_const("x!");
    z3::func_decl_vector with_x(ctx);  // a z3 vector copy would share its storage
    for (Expr sym : syms) with_x.push_back(tr.symbol_const(sym).decl());
    with_x.push_back(x.decl());
    z3::expr_vector parsed = ctx.parse_string(text.c_str(), sorts, with_x);
    ASSERT_EQ(parsed.size(), 1u) << text;
    z3::solver s(ctx);
    s.set(p);
    s.add(parsed[0]);
    s.add(tr.definedness(e));
    s.add(x != *translated);
    ++total;
    const z3::check_result r = s.check();
    EXPECT_NE(r, z3::sat) << debug_string(e) << "\n  smtlib: " << to_smtlib(e) << "\n  differs at "
                          << (r == z3::sat ? s.get_model().to_string() : std::string());
    if (r == z3::unsat) ++proved;
  }
  EXPECT_GT(total, 150);
  EXPECT_GT(proved, total * 3 / 4) << "too many checks ended unknown: the test would say little";
}

}  // namespace
}  // namespace symshape
