// Expr: a handle to an immutable, hash-consed expression node.
//
// Every node is interned in one process-wide table, so two structurally equal
// expressions are the same node: equality is pointer equality and hashing is O(1)
// (the hash is computed once, from kinds, values and names, never from addresses,
// so it is the same in every run). Nodes live as long as the process; guards and
// shapes are small and heavily shared, so this costs little and lets Expr be a
// trivially copyable pointer.
//
// Thread safety: every function here and in build.hpp, eval.hpp, parse.hpp and
// print.hpp may be called from any number of threads at once. The table is
// guarded by one mutex, but a per-thread cache of recently interned nodes (and
// the constructors' per-thread memo, build_common.hpp) answers most lookups
// without it; small integers come from a fixed table. Nodes are immutable once
// published and never freed, so an Expr may be shared between threads freely.
// Tested by tests/concurrency (also under ThreadSanitizer in CI).
//
// This header only knows the raw node shape. Canonicalizing constructors (the
// ones user code should call) live in build.hpp; `make_raw` below is for them and
// for code that rebuilds a node from already-canonical parts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace symshape {

enum class ExprKind : uint8_t {
  // integer-valued
  Integer,   // int64 constant
  Symbol,    // a size symbol or a source such as L['x'].size()[0]
  Add,       // n-ary; canonical: at most one Integer, first; other terms sorted
  Mul,       // n-ary; canonical: Integer coefficient first (if != 1), factors sorted
  Pow,       // (base, Integer exponent >= 2)
  FloorDiv,  // (a, b): Python a // b, rounds toward negative infinity
  Mod,       // (a, b): Python a % b, result has the sign of b
  Min,       // n-ary, sorted, no duplicates
  Max,       // n-ary, sorted, no duplicates
  // boolean-valued
  True,
  False,
  Eq,   // (lhs, rhs)
  Ne,   // (lhs, rhs)
  Lt,   // (lhs, rhs): lhs < rhs
  Le,   // (lhs, rhs): lhs <= rhs   (Gt/Ge are built as Lt/Le with sides swapped)
  And,  // n-ary, sorted, no duplicates
  Or,   // n-ary, sorted, no duplicates
  Not,  // (a)
};

const char* kind_name(ExprKind k);
bool is_boolean_kind(ExprKind k);
bool is_relation_kind(ExprKind k);  // Eq, Ne, Lt, Le

struct ExprNode;

class Expr {
 public:
  constexpr Expr() = default;
  explicit Expr(const ExprNode* n) : node_(n) {}

  const ExprNode* node() const { return node_; }
  explicit operator bool() const { return node_ != nullptr; }

  ExprKind kind() const;
  bool is(ExprKind k) const { return node_ && kind() == k; }
  bool is_integer() const { return is(ExprKind::Integer); }
  bool is_symbol() const { return is(ExprKind::Symbol); }
  bool is_boolean() const;  // True/False/relations/connectives
  bool is_true() const { return is(ExprKind::True); }
  bool is_false() const { return is(ExprKind::False); }

  int64_t value() const;              // Integer only
  const std::string& name() const;    // Symbol only
  std::span<const Expr> args() const;
  Expr arg(size_t i) const { return args()[i]; }
  size_t num_args() const { return args().size(); }
  size_t hash() const;
  // Number of nodes in the tree (shared subtrees counted each time they occur),
  // saturating at SIZE_MAX; and the height of the tree. Both cached in the node.
  size_t tree_size() const;
  uint32_t depth() const;

  friend bool operator==(Expr a, Expr b) { return a.node_ == b.node_; }
  friend bool operator!=(Expr a, Expr b) { return a.node_ != b.node_; }

 private:
  const ExprNode* node_ = nullptr;
};

struct ExprHash {
  size_t operator()(Expr e) const { return e.hash(); }
};

struct ExprNode {
  ExprKind kind;
  uint32_t depth;
  size_t hash;
  size_t tree_size;
  int64_t value;            // Integer
  const std::string* name;  // Symbol (owned by the intern table)
  std::vector<Expr> args;
};

inline ExprKind Expr::kind() const { return node_->kind; }
inline int64_t Expr::value() const { return node_->value; }
inline const std::string& Expr::name() const { return *node_->name; }
inline std::span<const Expr> Expr::args() const { return node_->args; }
inline size_t Expr::hash() const { return node_->hash; }
inline size_t Expr::tree_size() const { return node_->tree_size; }
inline uint32_t Expr::depth() const { return node_->depth; }
inline bool Expr::is_boolean() const { return node_ && is_boolean_kind(kind()); }

// Leaves. These are already canonical.
Expr integer(int64_t v);
Expr symbol(std::string_view name);
Expr true_expr();
Expr false_expr();
Expr bool_expr(bool b);

// Interns a node with exactly these arguments, in this order, without any
// canonicalization. For constructors and rebuilders only.
Expr make_raw(ExprKind kind, std::vector<Expr> args);

// A deterministic total order on nodes (independent of addresses and of creation
// order): by kind class, then value/name (symbol names compared with digits as
// numbers, so s2 < s10), then arguments. Used to sort the arguments of n-ary nodes.
int compare(Expr a, Expr b);
struct ExprLess {
  bool operator()(Expr a, Expr b) const { return compare(a, b) < 0; }
};

// Number of distinct nodes interned so far (for statistics and benchmarks).
size_t interned_node_count();

}  // namespace symshape

template <>
struct std::hash<symshape::Expr> {
  size_t operator()(symshape::Expr e) const { return e.hash(); }
};
