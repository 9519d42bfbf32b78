// Exact evaluation, substitution and symbol collection. All traversals use an
// explicit stack: parsed expressions can nest thousands of levels deep, and a
// recursive walk would overflow the C stack instead of answering.
#include "symshape/symbolic/eval.hpp"

#include <algorithm>
#include <unordered_set>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {

namespace {

int64_t apply(Expr e, const int64_t* v, size_t n) {
  switch (e.kind()) {
    case ExprKind::Add: {
      int64_t r = 0;
      for (size_t i = 0; i < n; ++i) r = checked_add(r, v[i]);
      return r;
    }
    case ExprKind::Mul: {
      int64_t r = 1;
      for (size_t i = 0; i < n; ++i) r = checked_mul(r, v[i]);
      return r;
    }
    case ExprKind::Pow: return checked_pow(v[0], v[1]);
    case ExprKind::FloorDiv: return floor_div(v[0], v[1]);
    case ExprKind::Mod: return python_mod(v[0], v[1]);
    case ExprKind::Min: return *std::min_element(v, v + n);
    case ExprKind::Max: return *std::max_element(v, v + n);
    case ExprKind::Eq: return v[0] == v[1];
    case ExprKind::Ne: return v[0] != v[1];
    case ExprKind::Lt: return v[0] < v[1];
    case ExprKind::Le: return v[0] <= v[1];
    // Strict (non-short-circuit) connectives: arguments are sorted, so their
    // order carries no meaning, and every argument is evaluated.
    case ExprKind::And: return std::all_of(v, v + n, [](int64_t x) { return x != 0; });
    case ExprKind::Or: return std::any_of(v, v + n, [](int64_t x) { return x != 0; });
    case ExprKind::Not: return v[0] == 0;
    default: throw UnsupportedError(std::string("evaluate: unexpected node ") + kind_name(e.kind()));
  }
}

int64_t leaf_value(Expr e, const Assignment& values) {
  switch (e.kind()) {
    case ExprKind::Integer: return e.value();
    case ExprKind::True: return 1;
    case ExprKind::False: return 0;
    case ExprKind::Symbol: {
      auto it = values.find(e);
      if (it == values.end()) throw UnboundSymbolError("no value for symbol " + e.name());
      return it->second;
    }
    default: throw UnsupportedError("evaluate: not a leaf");
  }
}

}  // namespace

int64_t evaluate(Expr root, const Assignment& values) {
  if (!root) throw UnsupportedError("evaluate: null expression");
  if (root.num_args() == 0) return leaf_value(root, values);
  // Post-order walk: a frame is (node, index of the next argument to visit);
  // argument values accumulate on `results`. Shared subtrees are memoized only
  // when the tree is much larger than a typical guard, where recomputation
  // could blow up exponentially.
  struct Frame {
    Expr e;
    size_t next;
  };
  const bool memoize = root.tree_size() > 4096;
  std::unordered_map<Expr, int64_t, ExprHash> memo;
  // Scratch stacks reused across calls on this thread: the point searches of
  // minimize evaluate guards millions of times, and two allocations per call
  // were a large share of their cost. evaluate never re-enters itself, and a
  // throw leaves them to be cleared by the next call.
  thread_local std::vector<Frame> frames;
  thread_local std::vector<int64_t> results;
  frames.clear();
  results.clear();
  frames.push_back({root, 0});
  while (!frames.empty()) {
    Frame& f = frames.back();
    if (f.next < f.e.num_args()) {
      Expr a = f.e.arg(f.next++);
      if (a.num_args() == 0) {
        results.push_back(leaf_value(a, values));
      } else if (auto it = memoize ? memo.find(a) : memo.end(); it != memo.end()) {
        results.push_back(it->second);
      } else {
        frames.push_back({a, 0});  // invalidates f; the loop re-reads back()
      }
      continue;
    }
    size_t n = f.e.num_args();
    int64_t r = apply(f.e, results.data() + results.size() - n, n);
    results.resize(results.size() - n);
    results.push_back(r);
    if (memoize) memo.emplace(f.e, r);
    frames.pop_back();
  }
  return results.back();
}

bool evaluate_bool(Expr e, const Assignment& values) {
  if (!e.is_boolean()) throw UnsupportedError(std::string("evaluate_bool: not a boolean expression: ") + kind_name(e.kind()));
  return evaluate(e, values) != 0;
}

Expr substitute(Expr root, const Substitution& replacements) {
  if (!root) return root;
  std::unordered_map<Expr, Expr, ExprHash> done;
  struct Frame {
    Expr e;
    size_t next;
  };
  auto lookup = [&](Expr e) -> Expr {
    if (auto it = replacements.find(e); it != replacements.end()) return it->second;
    if (e.num_args() == 0) return e;
    if (auto it = done.find(e); it != done.end()) return it->second;
    return Expr();
  };
  if (Expr r = lookup(root)) return r;
  std::vector<Frame> frames{{root, 0}};
  std::vector<Expr> results;
  while (!frames.empty()) {
    Frame& f = frames.back();
    if (f.next < f.e.num_args()) {
      Expr a = f.e.arg(f.next++);
      if (Expr r = lookup(a)) {
        results.push_back(r);
      } else {
        frames.push_back({a, 0});
      }
      continue;
    }
    Expr e = f.e;
    size_t n = e.num_args();
    std::span<const Expr> new_args(results.data() + results.size() - n, n);
    bool changed = !std::equal(new_args.begin(), new_args.end(), e.args().begin());
    Expr r = changed ? rebuild(e, new_args) : e;
    results.resize(results.size() - n);
    results.push_back(r);
    done.emplace(e, r);
    frames.pop_back();
  }
  return results.back();
}

namespace {

template <typename Visit>
void for_each_distinct_node(Expr root, Visit visit) {
  std::unordered_set<Expr, ExprHash> seen;
  std::vector<Expr> stack{root};
  while (!stack.empty()) {
    Expr e = stack.back();
    stack.pop_back();
    if (e.num_args() > 0 && !seen.insert(e).second) continue;
    if (!visit(e)) return;
    for (Expr a : e.args()) stack.push_back(a);
  }
}

}  // namespace

std::vector<Expr> free_symbols(Expr e) {
  std::vector<Expr> out;
  if (!e) return out;
  for_each_distinct_node(e, [&](Expr n) {
    if (n.is_symbol()) out.push_back(n);
    return true;
  });
  std::sort(out.begin(), out.end(), ExprLess());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool contains_symbol(Expr e, Expr sym) {
  bool found = false;
  if (!e) return false;
  for_each_distinct_node(e, [&](Expr n) {
    found = n == sym;
    return !found;
  });
  return found;
}

std::vector<Expr> symbolic_divisors(Expr e) {
  std::vector<Expr> out;
  if (!e) return out;
  for_each_distinct_node(e, [&](Expr n) {
    if ((n.is(ExprKind::FloorDiv) || n.is(ExprKind::Mod)) && !n.arg(1).is_integer()) out.push_back(n.arg(1));
    return true;
  });
  std::sort(out.begin(), out.end(), ExprLess());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace symshape
