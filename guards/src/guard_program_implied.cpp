// Guards the fast code may leave out (see guard_program_implied.hpp).
#include "guard_program_implied.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape::detail {
namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

bool is_bounded(const ValueRange& r) { return r.is_empty() || (r.has_lo() && r.has_hi()); }

// The interval of a symbol bound `x REL c` (Eq, Le, Lt with c on either side).
ValueRange bound_range(Expr guard) {
  bool symbol_left = guard.arg(0).is(ExprKind::Symbol);
  int64_t c = (symbol_left ? guard.arg(1) : guard.arg(0)).value();
  switch (guard.kind()) {
    case ExprKind::Eq: return ValueRange::point(c);
    case ExprKind::Le: return symbol_left ? ValueRange::at_most(c) : ValueRange::at_least(c);
    case ExprKind::Lt:
      if (symbol_left) return c == kMin ? ValueRange::empty() : ValueRange::at_most(c - 1);
      return c == kMax ? ValueRange::empty() : ValueRange::at_least(c + 1);
    default: return ValueRange::all();
  }
}

// `Eq(Mod(x, c), 0)` for a symbol x and c >= 2: c, else 0.
int64_t divisibility_modulus(Expr g) {
  if (!g.is(ExprKind::Eq)) return 0;
  Expr m = g.arg(0).is(ExprKind::Mod) ? g.arg(0) : g.arg(1);
  Expr zero = g.arg(0).is(ExprKind::Mod) ? g.arg(1) : g.arg(0);
  if (!m.is(ExprKind::Mod) || !zero.is_integer() || zero.value() != 0) return 0;
  if (!m.arg(0).is(ExprKind::Symbol) || !m.arg(1).is_integer() || m.arg(1).value() < 2) return 0;
  return m.arg(1).value();
}

// `P <= c` for a relation `lhs REL rhs` (Le or Lt): P is lhs - rhs without its
// constant term, so that guards on the same linear form share one P.
std::optional<std::pair<Expr, int64_t>> upper_bound_form(Expr g) {
  if (!g.is(ExprKind::Le) && !g.is(ExprKind::Lt)) return std::nullopt;
  try {
    Expr d = sub(g.arg(0), g.arg(1));
    if (g.is(ExprKind::Lt)) d = add(d, integer(1));
    int64_t k = 0;
    if (d.is(ExprKind::Add) && d.arg(0).is_integer()) {
      k = d.arg(0).value();
      d = sub(d, integer(k));
    }
    if (d.is_integer() || k == kMin) return std::nullopt;
    return std::pair(d, -k);  // d + k <= 0
  } catch (const Error&) {
    return std::nullopt;  // folding a constant overflowed
  }
}

// What the kept guards say, and the decision for each further guard.
class KeptFacts {
 public:
  explicit KeptFacts(std::span<const Expr> guards) {
    for (Expr g : guards) {
      for (Expr sym : free_symbols(g)) ranges_.symbols.emplace(sym, ValueRange::all());
    }
  }

  void add_bound(Expr g) {
    Expr sym = g.arg(0).is(ExprKind::Symbol) ? g.arg(0) : g.arg(1);
    narrow(sym, bound_range(g));
  }

  // `Eq(x, y)` for symbols: false when the kept equalities already imply it.
  bool add_symbol_equality(Expr g) {
    Expr x = representative(g.arg(0)), y = representative(g.arg(1));
    if (x == y) return false;
    if (layout_less(y, x)) std::swap(x, y);
    for (auto& [member, rep] : representative_) {
      if (rep == y) rep = x;
    }
    representative_[y] = x;
    ValueRange both = ranges_.symbols[x].intersect(ranges_.symbols[y]);
    narrow(x, both);
    return true;
  }

  // Decides whether `g` is implied; when it is not, records what it says.
  bool implied_or_add(Expr g) {
    std::optional<Expr> reduced = replaced(g);
    if (!reduced) return false;
    if (evaluates_without_error(g) && implied(*reduced)) return true;
    add_facts(*reduced);  // true wherever g passes (and so evaluates exactly)
    add_evaluated_nodes(g);
    return false;
  }

 private:
  static bool layout_less(Expr a, Expr b) { return a.name() < b.name(); }

  Expr representative(Expr sym) const {
    auto it = representative_.find(sym);
    return it == representative_.end() ? sym : it->second;
  }

  // Narrows `sym`'s interval and every symbol equal to it.
  void narrow(Expr sym, const ValueRange& r) {
    Expr rep = representative(sym);
    ValueRange narrowed = ranges_.symbols[rep].intersect(r);
    ranges_.symbols[rep] = narrowed;
    for (auto& [member, member_rep] : representative_) {
      if (member_rep == rep) ranges_.symbols[member] = narrowed;
    }
  }

  // Interval of `e` computed the way the program evaluates it (n-ary nodes
  // folded left to right); nullopt when an operation might overflow or divide
  // by zero for some values in the symbols' intervals.
  std::optional<ValueRange> checked_range(Expr e, std::unordered_map<Expr, ValueRange, ExprHash>& memo) const {
    if (auto it = memo.find(e); it != memo.end()) return it->second;
    std::optional<ValueRange> result;
    switch (e.kind()) {
      case ExprKind::Integer: result = ValueRange::point(e.value()); break;
      case ExprKind::True: result = ValueRange::point(1); break;
      case ExprKind::False: result = ValueRange::point(0); break;
      case ExprKind::Symbol: result = ranges_.symbols.at(e); break;
      case ExprKind::Not: {
        auto a = checked_range(e.arg(0), memo);
        if (a) result = range_not(*a);
        break;
      }
      default: result = checked_fold(e, memo); break;
    }
    if (result) memo.emplace(e, *result);
    return result;
  }

  std::optional<ValueRange> checked_fold(Expr e, std::unordered_map<Expr, ValueRange, ExprHash>& memo) const {
    bool evaluated = evaluated_.count(e) > 0;
    auto acc = checked_range(e.arg(0), memo);
    for (size_t i = 1; acc && i < e.num_args(); ++i) {
      auto b = checked_range(e.arg(i), memo);
      if (!b) return std::nullopt;
      bool arithmetic = true;
      switch (e.kind()) {
        case ExprKind::Add: acc = range_add(*acc, *b); break;
        case ExprKind::Mul: acc = range_mul(*acc, *b); break;
        case ExprKind::Pow:
          if (!b->is_point() || b->lo() < 0) return std::nullopt;
          acc = range_pow(*acc, b->lo());
          break;
        case ExprKind::FloorDiv:
        case ExprKind::Mod:
          if (b->is_empty() || (b->contains(0) && !evaluated)) return std::nullopt;
          acc = e.is(ExprKind::Mod) ? range_mod(*acc, *b) : range_floordiv(*acc, *b);
          break;
        default:
          arithmetic = false;
          acc = relation_or_connective(e.kind(), *acc, *b);
          if (!acc) return std::nullopt;
          break;
      }
      if (arithmetic && !is_bounded(*acc) && !evaluated) return std::nullopt;
    }
    // A node a kept guard computes: its value is an int64 where that guard passes.
    if (acc && evaluated) acc = acc->intersect(ValueRange::between(kMin, kMax));
    return acc;
  }

  static std::optional<ValueRange> relation_or_connective(ExprKind k, const ValueRange& a, const ValueRange& b) {
    switch (k) {
      case ExprKind::Min: return range_min(a, b);
      case ExprKind::Max: return range_max(a, b);
      case ExprKind::Eq: return range_eq(a, b);
      case ExprKind::Ne: return range_ne(a, b);
      case ExprKind::Lt: return range_lt(a, b);
      case ExprKind::Le: return range_le(a, b);
      case ExprKind::And: return range_and(a, b);
      case ExprKind::Or: return range_or(a, b);
      default: return std::nullopt;  // a kind the program does not compile
    }
  }

  bool evaluates_without_error(Expr g) const {
    std::unordered_map<Expr, ValueRange, ExprHash> memo;
    return checked_range(g, memo).has_value();
  }

  // Where a kept guard passes, every node of its tree was computed without
  // error (And/Or evaluate every arm), so none of them can fail in another
  // guard: `s1 + s2 <= 1047` cannot overflow where `s1 + s2 <= 1024` passed.
  void add_evaluated_nodes(Expr g) {
    std::vector<Expr> stack{g};
    while (!stack.empty()) {
      Expr e = stack.back();
      stack.pop_back();
      if (e.num_args() == 0 || !evaluated_.insert(e).second) continue;
      for (Expr a : e.args()) stack.push_back(a);
    }
  }

  // `g` with each symbol replaced by its representative, then by the
  // representative's definition; nullopt when a constant fold overflows.
  std::optional<Expr> replaced(Expr g) const {
    Substitution s;
    for (Expr sym : free_symbols(g)) {
      Expr rep = representative(sym);
      auto def = definition_.find(rep);
      Expr to = def == definition_.end() ? rep : def->second;
      if (to != sym) s.emplace(sym, to);
    }
    try {
      return s.empty() ? g : substitute(g, s);
    } catch (const Error&) {
      return std::nullopt;
    }
  }

  bool implied(Expr g) const {
    if (g.is(ExprKind::True)) return true;
    try {
      if (decide_by_ranges(g, ranges_) == std::optional<bool>(true)) return true;
    } catch (const Error&) {
      return false;
    }
    if (int64_t c = divisibility_modulus(g)) {
      auto it = divisor_.find(g.arg(0).is(ExprKind::Mod) ? g.arg(0).arg(0) : g.arg(1).arg(0));
      if (it != divisor_.end() && it->second % c == 0) return true;
    }
    if (auto form = upper_bound_form(g)) {
      auto it = upper_.find(form->first);
      if (it != upper_.end() && it->second <= form->second) return true;
    }
    return false;
  }

  // Facts of a kept guard that later decisions can use. Every one is true
  // wherever the guard passes.
  void add_facts(Expr g) {
    if (int64_t c = divisibility_modulus(g)) {
      Expr sym = g.arg(0).is(ExprKind::Mod) ? g.arg(0).arg(0) : g.arg(1).arg(0);
      auto [it, inserted] = divisor_.emplace(sym, c);
      if (!inserted) {
        int64_t l = std::lcm(it->second, c);  // may overflow: then keep the old one
        if (l > 0 && l % it->second == 0 && l % c == 0) it->second = l;
      }
    }
    if (auto form = upper_bound_form(g)) {
      auto [it, inserted] = upper_.emplace(form->first, form->second);
      if (!inserted) it->second = std::min(it->second, form->second);
    }
    if (g.is(ExprKind::Eq)) add_definition(g.arg(0), g.arg(1)) || add_definition(g.arg(1), g.arg(0));
  }

  // `z == e` for a representative z not defined yet and not in e.
  bool add_definition(Expr z, Expr e) {
    if (!z.is(ExprKind::Symbol) || e.is_integer() || representative(z) != z || definition_.count(z)) return false;
    for (Expr sym : free_symbols(e)) {
      if (sym == z || definition_.count(sym)) return false;
    }
    definition_.emplace(z, e);
    try {
      narrow(z, bound(e, ranges_));
    } catch (const Error&) {
    }
    return true;
  }

  RangeEnv ranges_{SymbolDomain(SymbolDomainRule::AnySign), {}};
  std::unordered_map<Expr, Expr, ExprHash> representative_;  // symbol -> its class's representative
  std::unordered_map<Expr, Expr, ExprHash> definition_;      // representative -> expression
  std::unordered_map<Expr, int64_t, ExprHash> divisor_;      // x -> m: m divides x
  std::unordered_map<Expr, int64_t, ExprHash> upper_;        // P -> c: P <= c
  std::unordered_set<Expr, ExprHash> evaluated_;             // nodes of kept guards (see add_evaluated_nodes)
};

bool is_symbol_equality(Expr g) {
  return g.is(ExprKind::Eq) && g.arg(0).is(ExprKind::Symbol) && g.arg(1).is(ExprKind::Symbol);
}

// Of the bounds on one symbol, those that give its interval's ends (the
// first of equal ones) are kept; every other one contains their
// intersection, so it is implied (`s0 >= 1` next to `s0 >= 2`).
void mark_looser_bounds(std::span<const Expr> guards, std::vector<bool>& implied) {
  struct Ends {
    ValueRange range;
    size_t lo_from = SIZE_MAX, hi_from = SIZE_MAX;
  };
  std::unordered_map<Expr, Ends, ExprHash> ends;
  for (size_t i = 0; i < guards.size(); ++i) {
    if (!is_symbol_bound(guards[i])) continue;
    Expr sym = guards[i].arg(0).is(ExprKind::Symbol) ? guards[i].arg(0) : guards[i].arg(1);
    ValueRange r = bound_range(guards[i]);
    Ends& e = ends[sym];
    if (e.range.is_empty()) continue;
    if (r.has_lo() && (e.lo_from == SIZE_MAX || r.lo() > e.range.lo())) e.lo_from = i;
    if (r.has_hi() && (e.hi_from == SIZE_MAX || r.hi() < e.range.hi())) e.hi_from = i;
    e.range = e.range.intersect(r);
  }
  for (size_t i = 0; i < guards.size(); ++i) {
    if (!is_symbol_bound(guards[i])) continue;
    Expr sym = guards[i].arg(0).is(ExprKind::Symbol) ? guards[i].arg(0) : guards[i].arg(1);
    const Ends& e = ends[sym];
    // No value passes them all: keep every one (the fast code fails anyway).
    implied[i] = !e.range.is_empty() && i != e.lo_from && i != e.hi_from;
  }
}

}  // namespace

// Distinct operation nodes (leaves are free: they are slots or constants).
size_t operation_count(Expr g) {
  std::unordered_set<Expr, ExprHash> seen;
  std::vector<Expr> stack{g};
  size_t ops = 0;
  while (!stack.empty()) {
    Expr e = stack.back();
    stack.pop_back();
    if (e.num_args() == 0 || !seen.insert(e).second) continue;
    ops += std::max<size_t>(1, e.num_args() - 1);
    for (Expr a : e.args()) stack.push_back(a);
  }
  return ops;
}

bool is_symbol_bound(Expr g) {
  if (!g.is(ExprKind::Eq) && !g.is(ExprKind::Le) && !g.is(ExprKind::Lt)) return false;
  return (g.arg(0).is(ExprKind::Symbol) && g.arg(1).is_integer()) ||
         (g.arg(1).is(ExprKind::Symbol) && g.arg(0).is_integer());
}

namespace {

// `Eq(z, e)` for a symbol z and an e that is neither a symbol nor an integer:
// z may get a definition, which can imply z's own bounds (`s3 <= 1024` from
// `Eq(s3, s1 + s2)` and `s1 + s2 <= 1024`).
std::unordered_set<Expr, ExprHash> defined_symbols(std::span<const Expr> guards) {
  std::unordered_set<Expr, ExprHash> defined;
  for (Expr g : guards) {
    if (!g.is(ExprKind::Eq)) continue;
    for (int side = 0; side < 2; ++side) {
      Expr z = g.arg(side), e = g.arg(1 - side);
      if (z.is(ExprKind::Symbol) && !e.is(ExprKind::Symbol) && !e.is_integer()) defined.insert(z);
    }
  }
  return defined;
}

Expr bound_symbol(Expr g) { return g.arg(0).is(ExprKind::Symbol) ? g.arg(0) : g.arg(1); }

// One pass of the analysis. The bounds on the symbols in `deferred` are
// decided last, like any other guard, instead of being kept first: then the
// guards that define those symbols can imply them, and no decision before
// depended on them (so leaving them out is sound too).
std::vector<bool> analyse(std::span<const Expr> guards, const std::unordered_set<Expr, ExprHash>& deferred) {
  std::vector<bool> implied(guards.size(), false);
  KeptFacts facts(guards);
  // Bounds first (always kept, but for `deferred`), then equalities between
  // symbols, then the other equalities (`Eq(s3, s1 + s2)` defines s3, which
  // bounds it for the rest), then the rest, then the deferred bounds; in each
  // group from the simplest: a simple guard kept makes a complex one implied,
  // rather than the other way round. Among divisibilities the strongest
  // modulus goes first, among bounds on one form the tightest.
  std::vector<size_t> rest, late;
  for (size_t i = 0; i < guards.size(); ++i) {
    if (!is_symbol_bound(guards[i])) rest.push_back(i);
    else if (deferred.count(bound_symbol(guards[i]))) late.push_back(i);
    else facts.add_bound(guards[i]);
  }
  // Among the bounds on one symbol, only the ends of its interval count
  // (the others are implied by them); a deferred end is decided below.
  mark_looser_bounds(guards, implied);
  for (size_t i : rest) {
    if (is_symbol_equality(guards[i])) implied[i] = !facts.add_symbol_equality(guards[i]);
  }
  auto key = [&](size_t i) {
    auto form = upper_bound_form(guards[i]);
    return std::tuple(!guards[i].is(ExprKind::Eq), operation_count(guards[i]), -divisibility_modulus(guards[i]),
                      form ? form->second : kMin, i);
  };
  std::erase_if(rest, [&](size_t i) { return is_symbol_equality(guards[i]); });
  std::vector<decltype(key(0))> keyed;
  for (size_t i : rest) keyed.push_back(key(i));
  std::sort(keyed.begin(), keyed.end());
  for (const auto& k : keyed) {
    size_t i = std::get<4>(k);
    implied[i] = facts.implied_or_add(guards[i]);
  }
  for (size_t i : late) {
    if (!implied[i]) implied[i] = facts.implied_or_add(guards[i]);
  }
  return implied;
}

// What the fast code pays for the guards `implied` keeps: one instruction
// per kept guard, but the bounds on one symbol are one range check together.
size_t fast_cost(std::span<const Expr> guards, const std::vector<bool>& implied) {
  size_t cost = 0;
  std::unordered_set<Expr, ExprHash> bounded;
  for (size_t i = 0; i < guards.size(); ++i) {
    if (implied[i]) continue;
    if (!is_symbol_bound(guards[i])) ++cost;
    else if (bounded.insert(bound_symbol(guards[i])).second) ++cost;
  }
  return cost;
}

}  // namespace

std::vector<bool> implied_by_kept_guards(std::span<const Expr> guards) {
  // The analysis rebuilds guards with the canonical constructors, which
  // assume canonical arguments. A guard tree made with make_raw (the tests'
  // `Mul(s0, 2)`) is evaluated as written, so leave every guard in then.
  for (Expr g : guards) {
    if (!satisfies_node_invariants(g)) return std::vector<bool>(guards.size(), false);
  }
  std::vector<bool> implied = analyse(guards, {});
  // Deferring the bounds of defined symbols lets their definitions imply
  // them, but those bounds then cannot help decide anything else: try both,
  // keep the cheaper (each is sound on its own).
  std::unordered_set<Expr, ExprHash> defined = defined_symbols(guards);
  bool any_deferred = false;
  for (size_t i = 0; i < guards.size() && !any_deferred; ++i) {
    any_deferred = !implied[i] && is_symbol_bound(guards[i]) && defined.count(bound_symbol(guards[i]));
  }
  if (any_deferred) {
    std::vector<bool> deferred = analyse(guards, defined);
    if (fast_cost(guards, deferred) < fast_cost(guards, implied)) implied = std::move(deferred);
  }
  return implied;
}

}  // namespace symshape::detail
