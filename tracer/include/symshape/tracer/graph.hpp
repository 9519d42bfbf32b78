// The graph IR: what an FX graph printed by PyTorch says, and nothing more.
//
// A Graph is a list of nodes in program order. A node is a placeholder (an
// input), a call of a target (`aten.mm.default`, `operator.getitem`, ...), or
// the output. Arguments are typed values as written in the text; a reference to
// another node is its index in `Graph::nodes` (always an earlier node). The
// annotation PyTorch printed for a node (`"f32[s0, 64][64, 1]cpu"`,
// `"Sym(s0 + 1)"`) is kept both as raw text and parsed, so the tracer can compare
// what it computes with what PyTorch computed.
//
// The IR holds no shape semantics: that is the tracer's job (op_registry.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "symshape/symbolic/expr.hpp"
#include "symshape/tracer/dtype.hpp"

namespace symshape::tracer {

// A place in the text: 1-based line and column of the first character.
struct SourceSpan {
  std::string file;
  int line = 0;
  int column = 0;
};

// One argument value as written.
struct Argument {
  enum class Kind : uint8_t {
    None,          // None
    Node,          // a reference to an earlier node: `node`
    Int,           // 3, -1, 9223372036854775807: `int_value`
    Float,         // 1e-06, inf, -inf, nan: `float_value`
    Bool,          // True / False: `bool_value`
    String,        // 'rand' or "rand": `text`
    Dtype,         // torch.float32: `dtype`
    Device,        // device(type='cuda', index=0): `device`
    Layout,        // torch.strided: `layout`
    MemoryFormat,  // torch.channels_last: `memory_format`
    List,          // [a, 1, None]: `items`
    Tuple,         // (a, 1): `items`
  };
  Kind kind = Kind::None;
  size_t node = 0;
  int64_t int_value = 0;
  double float_value = 0.0;
  bool bool_value = false;
  std::string text;
  ScalarType dtype = ScalarType::F32;
  Device device;
  Layout layout = Layout::Strided;
  MemoryFormat memory_format = MemoryFormat::Contiguous;
  std::vector<Argument> items;
  SourceSpan span;  // where the argument starts

  bool is(Kind k) const { return kind == k; }
};

// A tensor annotation: `f32[s0, 3]`, `f32[s0, 3][3, 1]`, `f32[s0, 3][3, 1]cuda:1`.
// Size and stride expressions are parsed with symbolic/'s parser, over the
// graph's own symbol names (s0, s52, u0, ...).
struct TensorAnnotation {
  ScalarType dtype = ScalarType::F32;
  std::vector<Expr> sizes;
  std::optional<std::vector<Expr>> strides;  // when printed
  std::optional<Device> device;              // when printed
};

// `Sym(expr)`: a SymInt (integer Expr), SymBool (boolean Expr) or SymFloat.
// SymFloat expressions (`Sym(s2 - 1.0)`) are outside what Expr models; they
// are kept as text only (`value` empty).
struct SymAnnotation {
  enum class Kind : uint8_t { Int, Bool, Float };
  Kind kind = Kind::Int;
  Expr value;  // empty for Float
};

struct Annotation {
  std::string raw;  // the text between the quotes (or the unquoted text)
  SourceSpan span;
  std::variant<std::monostate, TensorAnnotation, SymAnnotation> parsed;
};

enum class NodeOp : uint8_t { Placeholder, CallFunction, Output };

struct Node {
  std::string name;
  NodeOp op = NodeOp::CallFunction;
  // Normalized call target, without the `torch.ops.` prefix:
  // "aten.mm.default", "aten.sym_size" (no overload printed), "prims.iota.default",
  // "operator.getitem" (for `x[1]` and `operator.getitem(x, 1)`),
  // "operator.add" (for `a + b`, likewise sub, mul, truediv, floordiv, mod,
  // pow, eq, ne, lt, le, gt, ge; "operator.neg" for `-a`). Any other callee is
  // kept exactly as written, so `math_ceil(x)` is "math_ceil", `math.ceil(x)`
  // is "math.ceil" and `torch.sym_float(x)` is "torch.sym_float": rules
  // register each spelling they accept. Empty for placeholders and the output.
  std::string target;
  std::vector<Argument> args;                              // Output: one arg, the returned value
  std::vector<std::pair<std::string, Argument>> kwargs;    // in written order
  std::optional<Annotation> annotation;
  SourceSpan span;
  // The `# File: ...` comment that precedes the node, if any (provenance).
  std::string source_comment;
};

struct Graph {
  std::string name;  // the class name: "GraphModule", "<lambda>", "inner_f", ...
  std::string file;
  std::vector<Node> nodes;

  // Index of the node with this name; nullopt when there is none.
  std::optional<size_t> find(std::string_view node_name) const;
  std::vector<size_t> placeholders() const;
  // The output node's index; nullopt for a graph without a return.
  std::optional<size_t> output() const;
};

}  // namespace symshape::tracer
