// The expression families of the soundness campaign. Inputs come from the
// property tests' generator (random_expr.hpp); every answer is checked by
// brute force on the box [0, kBoxHi]^symbols (all symbols are sizes), where a
// guard that raises fails (box_equivalence.hpp's all_pass).
#include <algorithm>
#include <string>
#include <vector>

#include "../guards/box_equivalence.hpp"
#include "campaign.hpp"
#include "random_expr.hpp"
#include "symshape/engine/prover.hpp"
#include "symshape/guards/guard_set.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/guards/verify_minimized.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape::campaign {
namespace {

using testing::RandomExprGenerator;

// Every point of [0, kBoxHi]^symbols, until `visit` returns false.
template <typename Visit>
void for_each_box_point(const std::vector<Expr>& symbols, Visit visit) {
  std::vector<int64_t> value(symbols.size(), 0);
  Assignment point;
  for (;;) {
    for (size_t k = 0; k < symbols.size(); ++k) point[symbols[k]] = value[k];
    if (!visit(point)) return;
    size_t k = 0;
    while (k < value.size() && ++value[k] > kBoxHi) value[k++] = 0;
    if (k == value.size()) return;
  }
}

std::string point_text(const Assignment& point) {
  std::string out;
  for (const auto& [s, v] : point) out += to_sympy(s) + "=" + std::to_string(v) + " ";
  return out;
}

// 1 to 3 size symbols and small trees, so that implications, duplicates and
// contradictions are common and the box is exhaustive.
RandomExprGenerator generator(uint64_t seed, int max_depth) {
  std::mt19937_64 pick(seed);
  const int n = 1 + static_cast<int>(pick() % 3);
  std::vector<Expr> symbols;
  for (int i = 0; i < n; ++i) symbols.push_back(symbol("s" + std::to_string(i)));
  return RandomExprGenerator(seed, symbols, {.max_depth = max_depth, .max_constant = 9, .max_exponent = 3});
}

// A generated condition as the user would type it: printed canonical form,
// parsed back (so the parser records the divisors canonicalization cancelled).
std::optional<Guard> guard_text(RandomExprGenerator& gen) {
  try {
    const std::string text = to_sympy(testing::canonicalize(gen.bool_expr()));
    return GuardSet::parse_lines({text})[0];
  } catch (const Error&) {
    return std::nullopt;  // constant overflow or division by zero: not a guard
  }
}

ProverOptions campaign_prover() {
  ProverOptions o;
  o.rlimit = 200'000;
  o.z3_backstop_seconds = 2;
  return o;
}

CaseResult minimize_case(uint64_t seed) {
  const RandomGuardSet set = random_guard_set(seed);
  const GuardSet& guards = set.guards;
  if (guards.size() == 0) return {Outcome::Skipped, ""};
  MinimizeOptions options;
  options.prover = campaign_prover();
  const MinimizeResult result = minimize(guards, options);
  const std::vector<Expr> raw = guards.exprs();
  std::vector<Expr> kept;
  for (size_t i : result.kept) kept.push_back(raw[i]);
  std::string where;
  bool contradiction_holds = false;
  for_each_box_point(set.symbols, [&](const Assignment& p) {
    const bool r = testing::all_pass(raw, p);
    if (result.contradiction && r) contradiction_holds = true;
    if (r != testing::all_pass(kept, p)) where = point_text(p) + (r ? "(raw passes)" : "(kept passes)");
    return where.empty() && !contradiction_holds;
  });
  std::string input;
  for (size_t i = 0; i < guards.size(); ++i) input += guards[i].text + "; ";
  if (contradiction_holds) return {Outcome::Unsound, "reported contradictory, raw passes: " + input};
  if (!where.empty()) return {Outcome::Unsound, "kept != raw at " + where + ": " + input};
  VerifyOptions verify;
  verify.rlimit_per_query = 200'000;
  verify.rlimit_total = 2'000'000;
  if (!result.contradiction && verify_equivalent(raw, kept, verify).status == VerifyStatus::NotEquivalent)
    return {Outcome::Unsound, "verify_equivalent: not equivalent: " + input};
  return {result.stats.unknown > 0 ? Outcome::Unknown : Outcome::Sound, ""};
}

CaseResult prove_case(uint64_t seed) {
  RandomExprGenerator gen = generator(seed, 4);
  std::optional<Guard> goal = guard_text(gen);
  if (!goal) return {Outcome::Skipped, ""};
  Prover prover(campaign_prover());
  const ProverAnswer answer = prover.implies(goal->expr);
  if (answer.verdict == Verdict::Unknown) return {Outcome::Unknown, ""};
  const std::vector<Expr> one{goal->expr};
  if (answer.verdict == Verdict::No) {
    if (answer.witness && testing::all_pass(one, *answer.witness))
      return {Outcome::Unsound, "No, but holds at its witness " + point_text(*answer.witness) + ": " + goal->text};
    return {Outcome::Sound, ""};
  }
  std::string where;
  for_each_box_point(gen.symbols(), [&](const Assignment& p) {
    if (!testing::all_pass(one, p)) where = point_text(p);
    return where.empty();
  });
  if (!where.empty()) return {Outcome::Unsound, "Yes, but fails at " + where + ": " + goal->text};
  return {Outcome::Sound, ""};
}

CaseResult range_case(uint64_t seed) {
  RandomExprGenerator gen = generator(seed, 4);
  Expr e;
  try {
    e = testing::canonicalize(gen.int_expr());
  } catch (const Error&) {
    return {Outcome::Skipped, ""};
  }
  Prover prover(campaign_prover());
  const ValueRange range = prover.bounds(e).range;
  std::string where;
  for_each_box_point(gen.symbols(), [&](const Assignment& p) {
    std::optional<int64_t> v = testing::brute_force_eval(e, p);
    if (v && !range.contains(*v)) where = point_text(p) + "= " + std::to_string(*v);
    return where.empty();
  });
  if (!where.empty()) return {Outcome::Unsound, "outside " + range.to_string() + " at " + where + ": " + to_sympy(e)};
  return {range.has_lo() || range.has_hi() ? Outcome::Sound : Outcome::Unknown, ""};
}

// The raw tree, its canonical form and its range simplification agree at
// every box point where both are defined.
CaseResult simplify_case(uint64_t seed) {
  RandomExprGenerator gen = generator(seed, 5);
  const Expr raw = gen.uniform(0, 1) ? gen.int_expr() : gen.bool_expr();
  Expr canonical, simplified;
  try {
    canonical = testing::canonicalize(raw);
    simplified = simplify(canonical, RangeEnv{SymbolDomain::by_kind(), {}});
  } catch (const Error&) {
    return {Outcome::Skipped, ""};
  }
  std::string where;
  for_each_box_point(gen.symbols(), [&](const Assignment& p) {
    std::optional<int64_t> a = testing::brute_force_eval(raw, p);
    std::optional<int64_t> b = testing::brute_force_eval(canonical, p);
    std::optional<int64_t> c = testing::brute_force_eval(simplified, p);
    if (a && b && *a != *b) where = "canonical differs at " + point_text(p);
    if (a && c && *a != *c) where = "simplified differs at " + point_text(p);
    return where.empty();
  });
  if (!where.empty())
    return {Outcome::Unsound, where + ": " + testing::debug_string(raw) + " -> " + to_sympy(simplified)};
  return {Outcome::Sound, ""};
}

}  // namespace

RandomGuardSet random_guard_set(uint64_t seed) {
  RandomExprGenerator gen = generator(seed, 3);
  RandomGuardSet out;
  const int n = 5 + static_cast<int>(gen.uniform(0, 10));
  for (int i = 0; i < n; ++i) {
    if (std::optional<Guard> g = guard_text(gen)) out.guards.add(*g);
  }
  out.symbols = gen.symbols();
  return out;
}

std::vector<Family> expr_families() {
  return {{"minimize", &minimize_case}, {"prove", &prove_case}, {"range", &range_case}, {"simplify", &simplify_case}};
}

}  // namespace symshape::campaign
