// check_canonical: verifies the invariants listed in build.hpp on every
// distinct node, and that rebuilding each node from its own arguments gives
// the node back (so every rule has already been applied). Iterative, so deep
// expressions cannot overflow the C stack.
#include <cstdio>
#include <cstdlib>
#include <unordered_set>

#include "build_common.hpp"

#include "symshape/symbolic/build.hpp"

namespace symshape {

namespace {

std::string describe(Expr e) { return std::string(kind_name(e.kind())) + " node"; }

bool strictly_sorted(std::span<const Expr> args, size_t from) {
  for (size_t i = from + 1; i < args.size(); ++i) {
    if (compare(args[i - 1], args[i]) >= 0) return false;
  }
  return true;
}

bool all_integer_valued(std::span<const Expr> args) {
  for (Expr a : args) {
    if (a.is_boolean()) return false;
  }
  return true;
}

// The structural invariants of one node (its arguments are checked separately).
std::string check_node(Expr e) {
  auto args = e.args();
  switch (e.kind()) {
    case ExprKind::Integer:
    case ExprKind::Symbol:
    case ExprKind::True:
    case ExprKind::False:
      return "";
    case ExprKind::Add:
    case ExprKind::Mul: {
      bool is_add = e.is(ExprKind::Add);
      if (args.size() < 2) return describe(e) + " with fewer than 2 arguments";
      if (!all_integer_valued(args)) return describe(e) + " with a boolean argument";
      for (size_t i = 0; i < args.size(); ++i) {
        if (args[i].is(e.kind())) return describe(e) + " nested directly in itself";
        if (args[i].is_integer() && i > 0) return describe(e) + " with an Integer that is not the first argument";
      }
      if (args[0].is_integer()) {
        int64_t v = args[0].value();
        if (v == 0) return describe(e) + " with a zero constant";
        if (!is_add && v == 1) return "Mul with coefficient 1";
      }
      if (!strictly_sorted(args, 0)) return describe(e) + " arguments not strictly sorted";
      if (is_add) {
        for (Expr a : args) {
          if (a.is(ExprKind::Mul) && a.arg(0).is_integer() && a.num_args() == 2 && a.arg(1).is(ExprKind::Add)) {
            return "Add term multiplies a sum";
          }
        }
      } else {
        if (args[0].is_integer() && args.size() == 2 && args[1].is(ExprKind::Add)) {
          return "Mul of a constant and a single sum (should be distributed)";
        }
      }
      return "";
    }
    case ExprKind::Pow:
      if (args.size() != 2) return "Pow without 2 arguments";
      if (!args[1].is_integer() || args[1].value() < 2) return "Pow exponent is not an Integer >= 2";
      if (args[0].is_integer() || args[0].is(ExprKind::Mul) || args[0].is(ExprKind::Pow)) {
        return "Pow base is an Integer, Mul or Pow";
      }
      if (args[0].is_boolean()) return "Pow of a boolean";
      return "";
    case ExprKind::FloorDiv:
    case ExprKind::Mod:
      if (args.size() != 2) return describe(e) + " without 2 arguments";
      if (!all_integer_valued(args)) return describe(e) + " with a boolean argument";
      if (args[1].is_integer()) {
        int64_t m = args[1].value();
        if (m == 0 || m == 1 || m == -1) return describe(e) + " by 0, 1 or -1";
      }
      if (args[0].is_integer() && args[1].is_integer()) return describe(e) + " of two constants";
      return "";
    case ExprKind::Min:
    case ExprKind::Max: {
      if (args.size() < 2) return describe(e) + " with fewer than 2 arguments";
      if (!all_integer_valued(args)) return describe(e) + " with a boolean argument";
      int integers = 0;
      for (Expr a : args) {
        if (a.is(e.kind())) return describe(e) + " nested directly in itself";
        integers += a.is_integer();
      }
      if (integers > 1) return describe(e) + " with more than one Integer";
      if (!strictly_sorted(args, 0)) return describe(e) + " arguments not strictly sorted";
      return "";
    }
    case ExprKind::Eq:
    case ExprKind::Ne:
    case ExprKind::Le:
      if (args.size() != 2) return describe(e) + " without 2 arguments";
      if (!all_integer_valued(args)) return describe(e) + " with a boolean argument";
      if (args[0].is_integer() && args[1].is_integer()) return describe(e) + " of two constants";
      return "";
    case ExprKind::Lt:
      return "Lt node (canonical relations use Le)";
    case ExprKind::And:
    case ExprKind::Or:
      if (args.size() < 2) return describe(e) + " with fewer than 2 arguments";
      for (Expr a : args) {
        if (!a.is_boolean()) return describe(e) + " with an integer argument";
        if (a.is(e.kind())) return describe(e) + " nested directly in itself";
        if (a.is_true() || a.is_false()) return describe(e) + " with a True/False argument";
      }
      if (!strictly_sorted(args, 0)) return describe(e) + " arguments not strictly sorted";
      return "";
    case ExprKind::Not:
      if (args.size() != 1) return "Not without 1 argument";
      if (!args[0].is(ExprKind::And) && !args[0].is(ExprKind::Or)) {
        return "Not of something other than And/Or (should be pushed inside)";
      }
      return "";
  }
  return "unknown node kind";
}

}  // namespace

namespace detail {

std::string node_invariant_violation(Expr e) { return check_node(e); }

void fail_invariant(Expr e, const std::string& problem) {
  // A constructor built a node that breaks the canonical form: a bug in
  // symshape, not in the input. Abort loudly in debug builds.
  std::fprintf(stderr, "symshape: internal error: constructor built a non-canonical %s: %s\n", kind_name(e.kind()),
               problem.c_str());
  std::abort();
}

}  // namespace detail

namespace {

// The first problem `check` reports on a distinct node of `root`, parents
// before children; empty when there is none.
template <class Check>
std::string first_violation(Expr root, Check check) {
  std::unordered_set<Expr, ExprHash> seen;
  std::vector<Expr> stack{root};
  while (!stack.empty()) {
    Expr e = stack.back();
    stack.pop_back();
    if (!seen.insert(e).second) continue;
    std::string problem = check(e);
    if (!problem.empty()) return problem;
    for (Expr a : e.args()) stack.push_back(a);
  }
  return "";
}

}  // namespace

bool satisfies_node_invariants(Expr root) { return root && first_violation(root, check_node).empty(); }

std::string check_canonical(Expr root) {
  if (!root) return "null expression";
  return first_violation(root, [](Expr e) {
    std::string problem = check_node(e);
    if (problem.empty() && e.num_args() > 0) {
      try {
        Expr again = rebuild(e, e.args());
        if (again != e) problem = describe(e) + " is not a fixed point of its constructor";
      } catch (const std::exception& ex) {
        problem = describe(e) + ": rebuilding it throws: " + ex.what();
      }
    }
    return problem;
  });
}

}  // namespace symshape
