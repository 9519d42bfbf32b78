#include "symshape/symbolic/expr.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <limits>
#include <mutex>
#include <unordered_set>

#include <boost/container_hash/hash.hpp>

#include "symshape/symbolic/errors.hpp"

namespace symshape {

const char* kind_name(ExprKind k) {
  switch (k) {
    case ExprKind::Integer: return "Integer";
    case ExprKind::Symbol: return "Symbol";
    case ExprKind::Add: return "Add";
    case ExprKind::Mul: return "Mul";
    case ExprKind::Pow: return "Pow";
    case ExprKind::FloorDiv: return "FloorDiv";
    case ExprKind::Mod: return "Mod";
    case ExprKind::Min: return "Min";
    case ExprKind::Max: return "Max";
    case ExprKind::True: return "True";
    case ExprKind::False: return "False";
    case ExprKind::Eq: return "Eq";
    case ExprKind::Ne: return "Ne";
    case ExprKind::Lt: return "Lt";
    case ExprKind::Le: return "Le";
    case ExprKind::And: return "And";
    case ExprKind::Or: return "Or";
    case ExprKind::Not: return "Not";
  }
  return "?";
}

bool is_boolean_kind(ExprKind k) { return k >= ExprKind::True; }

bool is_relation_kind(ExprKind k) {
  return k == ExprKind::Eq || k == ExprKind::Ne || k == ExprKind::Lt || k == ExprKind::Le;
}

namespace {

// The key a node is interned by. Lookups build a key on the stack; only a miss
// copies it into a stored node.
struct NodeKey {
  ExprKind kind;
  int64_t value;
  std::string_view name;
  std::span<const Expr> args;
  size_t hash;
};

size_t hash_key(ExprKind kind, int64_t value, std::string_view name, std::span<const Expr> args) {
  size_t h = static_cast<size_t>(kind) * 0x9E3779B97F4A7C15ull;
  boost::hash_combine(h, value);
  boost::hash_combine(h, boost::hash_range(name.begin(), name.end()));
  for (Expr a : args) boost::hash_combine(h, a.hash());
  return h;
}

struct NodeHash {
  using is_transparent = void;
  size_t operator()(const ExprNode* n) const { return n->hash; }
  size_t operator()(const NodeKey& k) const { return k.hash; }
};

bool same(const ExprNode* n, const NodeKey& k) {
  if (n->hash != k.hash || n->kind != k.kind || n->value != k.value) return false;
  std::string_view nn = n->name ? std::string_view(*n->name) : std::string_view();
  if (nn != k.name) return false;
  return std::equal(n->args.begin(), n->args.end(), k.args.begin(), k.args.end());
}

struct NodeEq {
  using is_transparent = void;
  bool operator()(const ExprNode* a, const ExprNode* b) const { return a == b; }
  bool operator()(const NodeKey& k, const ExprNode* n) const { return same(n, k); }
  bool operator()(const ExprNode* n, const NodeKey& k) const { return same(n, k); }
};

class InternTable {
  static constexpr size_t kRecentSlots = 4096;  // a power of two

 public:
  // `args` is only copied when the node is new: constructors mostly rebuild
  // nodes that already exist, and a hit should not allocate.
  Expr intern(ExprKind kind, int64_t value, std::string_view name, std::span<const Expr> args) {
    NodeKey key{kind, value, name, args, hash_key(kind, value, name, args)};
    // A per-thread direct-mapped cache of recent nodes answers most lookups
    // without the lock: nodes are immutable and never freed, so a cached
    // pointer stays valid, and `same` checks it really is this node.
    thread_local std::array<const ExprNode*, kRecentSlots> recent{};
    const ExprNode*& slot = recent[key.hash & (kRecentSlots - 1)];
    if (slot && same(slot, key)) return Expr(slot);
    std::lock_guard<std::mutex> lock(mu_);
    auto it = set_.find(key);
    if (it != set_.end()) {
      slot = *it;
      return Expr(*it);
    }
    ExprNode& n = nodes_.emplace_back();
    n.kind = kind;
    n.hash = key.hash;
    n.value = value;
    n.name = kind == ExprKind::Symbol ? &names_.emplace_back(name) : nullptr;
    uint32_t depth = 0;
    size_t size = 1;
    for (Expr a : args) {
      depth = std::max(depth, a.depth());
      size = a.tree_size() > std::numeric_limits<size_t>::max() - size
                 ? std::numeric_limits<size_t>::max()
                 : size + a.tree_size();
    }
    n.depth = args.empty() ? 0 : depth + 1;
    n.tree_size = size;
    n.args.assign(args.begin(), args.end());
    set_.insert(&n);
    slot = &n;
    return Expr(&n);
  }

  size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return nodes_.size();
  }

 private:
  std::mutex mu_;
  std::deque<ExprNode> nodes_;     // stable addresses
  std::deque<std::string> names_;  // stable addresses
  std::unordered_set<const ExprNode*, NodeHash, NodeEq> set_;
};

// Never destroyed: an Expr held by a static object elsewhere must stay valid
// through static destruction. Still reachable, so leak checkers stay quiet.
InternTable& table() {
  static InternTable* t = new InternTable();
  return *t;
}

}  // namespace

namespace {

// Small constants (coefficients, divisors, offsets) are built constantly by the
// canonical constructors; a fixed table avoids a locked hash lookup for each.
constexpr int64_t kSmallIntMin = -256;
constexpr int64_t kSmallIntMax = 1024;

const std::vector<Expr>& small_integers() {
  static const std::vector<Expr>* cache = [] {
    auto* v = new std::vector<Expr>();
    v->reserve(kSmallIntMax - kSmallIntMin + 1);
    for (int64_t i = kSmallIntMin; i <= kSmallIntMax; ++i) v->push_back(table().intern(ExprKind::Integer, i, {}, {}));
    return v;
  }();
  return *cache;
}

}  // namespace

Expr integer(int64_t v) {
  if (v >= kSmallIntMin && v <= kSmallIntMax) return small_integers()[static_cast<size_t>(v - kSmallIntMin)];
  return table().intern(ExprKind::Integer, v, {}, {});
}

Expr symbol(std::string_view name) { return table().intern(ExprKind::Symbol, 0, name, {}); }

Expr internal_symbol(std::string_view tag) { return symbol("$" + std::string(tag)); }

Expr true_expr() {
  static const Expr t = table().intern(ExprKind::True, 0, {}, {});
  return t;
}

Expr false_expr() {
  static const Expr f = table().intern(ExprKind::False, 0, {}, {});
  return f;
}

Expr bool_expr(bool b) { return b ? true_expr() : false_expr(); }

namespace {

// Evaluators index arguments directly (arg(0), arg(1)), so a node with the
// wrong number of arguments must never exist: make_raw refuses it here, at the
// source, rather than every evaluator checking the trees it is given.
bool has_valid_arity(ExprKind kind, std::span<const Expr> args) {
  for (Expr a : args) {
    if (!a) return false;
  }
  const size_t n = args.size();
  switch (kind) {
    case ExprKind::Integer:
    case ExprKind::Symbol:
    case ExprKind::True:
    case ExprKind::False: return n == 0;
    case ExprKind::Not: return n == 1;
    case ExprKind::Pow: return n == 2 && args[1].is_integer() && args[1].value() >= 0;
    case ExprKind::FloorDiv:
    case ExprKind::Mod:
    case ExprKind::Eq:
    case ExprKind::Ne:
    case ExprKind::Lt:
    case ExprKind::Le: return n == 2;
    case ExprKind::Add:
    case ExprKind::Mul:
    case ExprKind::Min:
    case ExprKind::Max:
    case ExprKind::And:
    case ExprKind::Or: return n >= 1;
  }
  return false;
}

}  // namespace

Expr make_raw(ExprKind kind, std::vector<Expr> args) {
  if (!has_valid_arity(kind, args)) {
    throw UnsupportedError(std::string("make_raw: malformed ") + kind_name(kind) + " node with " +
                           std::to_string(args.size()) + " arguments" +
                           (kind == ExprKind::Pow ? " (or an exponent that is not an Integer >= 0)" : ""));
  }
  return table().intern(kind, 0, {}, args);
}

namespace detail {
// Declared in the library's private build_common.hpp: make_raw without the
// vector, for constructors that assemble arguments in a stack buffer.
Expr make_raw_span(ExprKind kind, std::span<const Expr> args) { return table().intern(kind, 0, {}, args); }
}  // namespace detail

size_t interned_node_count() { return table().size(); }

namespace {

// Names compare with runs of digits as numbers, so s2 < s10 and u3 < u12.
int compare_names(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    bool da = a[i] >= '0' && a[i] <= '9';
    bool db = b[j] >= '0' && b[j] <= '9';
    if (da && db) {
      size_t i0 = i, j0 = j;
      while (i0 < a.size() && a[i0] == '0') ++i0;
      while (j0 < b.size() && b[j0] == '0') ++j0;
      size_t i1 = i0, j1 = j0;
      while (i1 < a.size() && a[i1] >= '0' && a[i1] <= '9') ++i1;
      while (j1 < b.size() && b[j1] >= '0' && b[j1] <= '9') ++j1;
      if (i1 - i0 != j1 - j0) return (i1 - i0) < (j1 - j0) ? -1 : 1;
      int c = a.substr(i0, i1 - i0).compare(b.substr(j0, j1 - j0));
      if (c != 0) return c < 0 ? -1 : 1;
      i = i1;
      j = j1;
    } else {
      if (a[i] != b[j]) return a[i] < b[j] ? -1 : 1;
      ++i;
      ++j;
    }
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return a.compare(b) < 0 ? -1 : (a.compare(b) > 0 ? 1 : 0);
}

}  // namespace

int compare(Expr a, Expr b) {
  if (a == b) return 0;
  // Integers first, then symbols, then compound nodes by kind.
  if (a.kind() != b.kind()) return a.kind() < b.kind() ? -1 : 1;
  switch (a.kind()) {
    case ExprKind::Integer:
      return a.value() < b.value() ? -1 : 1;
    case ExprKind::Symbol:
      return compare_names(a.name(), b.name());
    default:
      break;
  }
  auto aa = a.args(), bb = b.args();
  size_t n = std::min(aa.size(), bb.size());
  for (size_t i = 0; i < n; ++i) {
    int c = compare(aa[i], bb[i]);
    if (c != 0) return c;
  }
  if (aa.size() != bb.size()) return aa.size() < bb.size() ? -1 : 1;
  return 0;  // unreachable for distinct interned nodes
}

}  // namespace symshape
