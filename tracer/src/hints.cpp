// Hint choice: defaults, the annotations' size conditions, and the Prover
// fallback (see hints.hpp for the documented order).
#include "symshape/tracer/hints.hpp"

#include <unordered_set>

#include "placeholders.hpp"
#include "symshape/engine/prover.hpp"
#include "symshape/symbolic/build.hpp"

namespace symshape::tracer {
namespace {

constexpr int64_t kFirstHint = 64;
constexpr int64_t kHintStep = 16;

bool holds(const std::vector<Expr>& constraints, const Assignment& hints) {
  for (Expr c : constraints) {
    try {
      if (!evaluate_bool(c, hints)) return false;
    } catch (const Error&) {
      return false;  // a division by zero there: not a size assignment the graph allows
    }
  }
  return true;
}

std::optional<HintChoice> solve(const HintChoice& choice, const std::vector<Expr>& constraints, int64_t alignment) {
  std::unordered_set<Expr, ExprHash> chosen(choice.chosen.begin(), choice.chosen.end());
  std::vector<Expr> conds = constraints;
  for (const auto& [sym, value] : choice.hints) {
    if (!chosen.count(sym)) conds.push_back(eq(sym, integer(value)));
  }
  for (Expr sym : choice.chosen) {
    conds.push_back(ge(sym, integer(2)));
    if (alignment > 1) conds.push_back(eq(mod(sym, integer(alignment)), integer(0)));
  }
  Prover prover;
  const ProverAnswer answer = prover.satisfiable(conds);
  if (answer.verdict != Verdict::Yes || !answer.witness) return std::nullopt;
  HintChoice solved = choice;
  solved.solved = true;
  for (Expr sym : choice.chosen) {
    if (auto it = answer.witness->find(sym); it != answer.witness->end()) solved.hints[sym] = it->second;
  }
  if (!holds(constraints, solved.hints)) return std::nullopt;
  // Z3's models are small (an image of 3 pixels); a symbol that the
  // conditions do not tie down gets its default back, one at a time, so
  // only the sizes that must be special (a kernel of 3) are.
  for (Expr sym : choice.chosen) {
    Assignment lifted = solved.hints;
    lifted[sym] = choice.hints.at(sym);
    if (holds(constraints, lifted)) solved.hints = std::move(lifted);
  }
  return solved;
}

}  // namespace

std::vector<Expr> hinted_symbols(const Graph& graph) {
  std::vector<Expr> out;
  for (const PlaceholderSymbol& p : placeholder_symbols(graph)) {
    if (!p.unbacked) out.push_back(p.symbol);
  }
  return out;
}

HintChoice default_hints(const Graph& graph, const Assignment& given, const InputSizes& inputs) {
  const std::vector<PlaceholderSymbol> symbols = placeholder_symbols(graph);
  std::unordered_set<Expr, ExprHash> known;
  std::string names;
  for (const PlaceholderSymbol& p : symbols) {
    known.insert(p.symbol);
    names += (names.empty() ? "" : ", ") + p.symbol.name();
  }
  for (const auto& [sym, value] : given) {
    if (!known.count(sym)) {
      throw TraceInputError("--hint " + (sym.is_symbol() ? sym.name() : std::string("?")) +
                                ": the placeholders have no such symbol (they have: " +
                                (names.empty() ? "none" : names) + ")",
                            SourceSpan{graph.file, 0, 0});
    }
  }
  const Assignment pinned = pinned_by_inputs(graph, inputs).values;
  HintChoice choice;
  int64_t next = kFirstHint;
  for (const PlaceholderSymbol& p : symbols) {
    if (p.unbacked) continue;
    if (auto it = pinned.find(p.symbol); it != pinned.end()) {
      choice.hints[p.symbol] = it->second;
    } else if (auto g = given.find(p.symbol); g != given.end()) {
      choice.hints[p.symbol] = g->second;
    } else {
      choice.hints[p.symbol] = next;
      next += kHintStep;
      choice.chosen.push_back(p.symbol);
    }
  }
  return choice;
}

std::vector<Expr> annotation_constraints(const Graph& graph) {
  std::unordered_set<Expr, ExprHash> backed;
  for (const PlaceholderSymbol& p : placeholder_symbols(graph)) {
    if (!p.unbacked) backed.insert(p.symbol);
  }
  std::vector<Expr> out;
  std::unordered_set<Expr, ExprHash> seen;
  for (const Node& node : graph.nodes) {
    if (!node.annotation) continue;
    const auto* t = std::get_if<TensorAnnotation>(&node.annotation->parsed);
    if (!t) continue;
    for (Expr size : t->sizes) {
      // A plain symbol is >= 2 by construction; constants need nothing.
      if (size.is_integer() || size.is_symbol() || !seen.insert(size).second) continue;
      bool over_placeholders = true;
      for (Expr s : free_symbols(size)) over_placeholders = over_placeholders && backed.count(s);
      if (over_placeholders) out.push_back(ge(size, integer(2)));
    }
  }
  return out;
}

std::optional<HintChoice> satisfy(const HintChoice& choice, const std::vector<Expr>& constraints) {
  if (holds(constraints, choice.hints)) return choice;
  if (choice.chosen.empty()) return std::nullopt;
  // The most divisible hints first (views that split a dimension need them),
  // then less: a kernel size of 3 or 4 can be what makes two sizes agree.
  for (int64_t alignment = kHintStep; alignment >= 1; alignment /= 2) {
    if (auto solved = solve(choice, constraints, alignment)) return solved;
  }
  return std::nullopt;
}

}  // namespace symshape::tracer
