// The questions a compiler asks: evaluate (guards), expect_true (runtime
// assertions), evaluate_int (specialization), size_hint, statically_known_true.
#include <string>

#include "shape_env_state.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {

namespace {

void require_boolean(Expr e, const char* fn) {
  if (!e || !e.is_boolean()) {
    throw UnsupportedError(std::string(fn) + " needs a condition, got " + (e ? to_sympy(e) : std::string("<null>")));
  }
}

void require_integer(Expr e, const char* fn) {
  if (!e || e.is_boolean()) {
    throw UnsupportedError(std::string(fn) + " needs an integer expression, got " +
                           (e ? to_sympy(e) : std::string("<null>")));
  }
}

}  // namespace

void ShapeEnv::State::throw_data_dependent(Expr simplified, Expr original, const char* what) const {
  std::string unbacked;
  for (Expr s : free_symbols(simplified)) {
    const SymbolInfo* info = find_symbol(s);
    if (info && !info->backed) unbacked += (unbacked.empty() ? "" : ", ") + s.name();
  }
  std::string msg = std::string("could not ") + what + " data-dependent expression " + to_sympy(simplified);
  if (simplified != original) msg += " (from " + to_sympy(original) + ")";
  msg += ": unbacked symbol" + std::string(unbacked.find(',') == std::string::npos ? " " : "s ") + unbacked +
         " ha" + (unbacked.find(',') == std::string::npos ? "s" : "ve") +
         " no hint and the known facts do not decide it; state it with expect_true()";
  throw DataDependentError(msg, simplified, original);
}

bool ShapeEnv::evaluate(Expr cond, const Provenance& provenance) {
  require_boolean(cond, "evaluate");
  State& st = *state_;
  ++st.stats.evaluate_calls;
  const Expr c = st.simplify(cond);
  st.require_known_symbols(c);
  if (auto v = st.decide(c)) return *v;
  if (st.has_unbacked(c)) st.throw_data_dependent(c, cond, "guard on");
  // Only the hints decide it: record the condition as it held.
  const bool held = evaluate_bool(c, st.facts.hints);
  ++st.stats.decided_by_hint;
  st.record_fact(held ? c : logical_not(c), GuardKind::Guard, GuardOrigin::Evaluate, provenance);
  return held;
}

bool ShapeEnv::expect_true(Expr cond, const Provenance& provenance) {
  require_boolean(cond, "expect_true");
  State& st = *state_;
  const Expr c = st.simplify(cond);
  st.require_known_symbols(c);
  if (auto v = st.decide(c)) {
    if (*v) return true;
    throw GuardViolation("expect_true(" + to_sympy(cond) + "): the known facts refute it", cond);
  }
  if (!st.has_unbacked(c) && !evaluate_bool(c, st.facts.hints)) {
    throw GuardViolation("expect_true(" + to_sympy(cond) + "): false for the sizes seen", cond);
  }
  st.record_fact(c, GuardKind::RuntimeAssert, GuardOrigin::ExpectTrue, provenance);
  return true;
}

int64_t ShapeEnv::evaluate_int(Expr e, const Provenance& provenance) {
  require_integer(e, "evaluate_int");
  State& st = *state_;
  const Expr s = st.simplify(e);
  if (s.is_integer()) return s.value();
  st.require_known_symbols(s);
  if (st.has_unbacked(s)) st.throw_data_dependent(s, e, "specialize");
  const int64_t value = symshape::evaluate(s, st.facts.hints);
  const Expr g = st.simplify(eq(s, integer(value)));
  if (auto v = st.decide(g)) {
    if (*v) return value;
    // The facts contradict the hints: a bug in what was learned, never a guess.
    throw GuardViolation("facts contradict the hint of " + to_sympy(s), g);
  }
  st.record_fact(g, GuardKind::Guard, GuardOrigin::GuardInt, provenance);
  return value;
}

int64_t ShapeEnv::size_hint(Expr e) const {
  require_integer(e, "size_hint");
  const State& st = *state_;
  // Replacements can give an unbacked symbol a hinted value (u0 = s0).
  const Expr r = st.apply_replacements(e);
  st.require_known_symbols(r);
  if (st.has_unbacked(r)) st.throw_data_dependent(r, e, "give a hint for");
  return symshape::evaluate(r, st.facts.hints);
}

std::optional<bool> ShapeEnv::try_decide(Expr cond) {
  require_boolean(cond, "try_decide");
  return state_->decide(state_->simplify(cond));
}

bool ShapeEnv::statically_known_true(Expr cond) { return try_decide(cond) == std::optional<bool>(true); }

}  // namespace symshape
