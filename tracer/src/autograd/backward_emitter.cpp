#include "autograd/backward_emitter.hpp"

#include "symshape/engine/engine_errors.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/expr.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape::tracer::autograd {

Argument node_arg(size_t node) {
  Argument a;
  a.kind = Argument::Kind::Node;
  a.node = node;
  return a;
}

Argument int_arg(int64_t v) {
  Argument a;
  a.kind = Argument::Kind::Int;
  a.int_value = v;
  return a;
}

Argument bool_arg(bool v) {
  Argument a;
  a.kind = Argument::Kind::Bool;
  a.bool_value = v;
  return a;
}

Argument float_arg(double v) {
  Argument a;
  a.kind = Argument::Kind::Float;
  a.float_value = v;
  return a;
}

Argument dtype_arg(ScalarType t) {
  Argument a;
  a.kind = Argument::Kind::Dtype;
  a.dtype = t;
  return a;
}

Argument none_arg() { return Argument{}; }

Argument list_arg(std::vector<Argument> items) {
  Argument a;
  a.kind = Argument::Kind::List;
  a.items = std::move(items);
  return a;
}

bool is_unit_factor(const Argument* a) {
  return a == nullptr || (a->is(Argument::Kind::Int) && a->int_value == 1) ||
         (a->is(Argument::Kind::Float) && a->float_value == 1.0);
}

BackwardEmitter::BackwardEmitter(Graph& joint, const std::vector<Value>& forward_values, ShapeEnv& env)
    : graph_(joint), values_(forward_values), env_(env) {
  for (const Node& n : graph_.nodes) names_.insert(n.name);
}

std::string BackwardEmitter::unique_name(std::string_view base) {
  std::string name(base);
  if (names_.insert(name).second) return name;
  int& next = next_suffix_[name];
  do {
    name = std::string(base) + "_" + std::to_string(++next);
  } while (!names_.insert(name).second);
  return name;
}

namespace {

// "aten.mm.default" -> "mm", "operator.add" -> "add".
std::string_view op_name(std::string_view target) {
  const size_t first = target.find('.');
  if (first == std::string_view::npos) return target;
  std::string_view rest = target.substr(first + 1);
  return rest.substr(0, rest.find('.'));
}

}  // namespace

size_t BackwardEmitter::call(std::string_view target, std::vector<Argument> args, Kwargs kwargs,
                             std::string_view name) {
  Node n;
  n.name = unique_name(name.empty() ? std::string(op_name(target)) + "_bw" : std::string(name));
  n.op = NodeOp::CallFunction;
  n.target = std::string(target);
  n.args = std::move(args);
  n.kwargs = std::move(kwargs);
  n.span = span_;
  graph_.nodes.push_back(std::move(n));
  return graph_.nodes.size() - 1;
}

size_t BackwardEmitter::sym_size(size_t node, int64_t dim) {
  const auto key = std::pair{node, dim};
  if (auto it = sym_sizes_.find(key); it != sym_sizes_.end()) return it->second;
  const size_t s = call("aten.sym_size", {node_arg(node), int_arg(dim)}, {}, "sym_size_bw");
  sym_sizes_.emplace(key, s);
  return s;
}

bool BackwardEmitter::is_size_one(Expr size) {
  const Expr cond = eq(size, integer(1));
  if (const auto decided = env_.try_decide(cond)) return *decided;
  try {
    return env_.size_hint(size) == 1;
  } catch (const DataDependentError&) {
    return false;  // an unbacked size: guard_or_false, as PyTorch's sum_to does
  }
}

const FakeTensor& BackwardEmitter::forward_tensor(size_t node) const {
  if (node >= values_.size() || !values_[node].is(Value::Kind::Tensor)) {
    throw Error("derive_backward: node " + graph_.nodes.at(node).name + " is not a tensor");
  }
  return values_[node].as_tensor();
}

Argument BackwardEmitter::sizes_of(size_t node) {
  const FakeTensor& t = forward_tensor(node);
  std::vector<Argument> items;
  for (size_t d = 0; d < t.dim(); ++d) {
    if (t.sizes[d].is_integer()) {
      items.push_back(int_arg(t.sizes[d].value()));
    } else {
      items.push_back(node_arg(sym_size(node, static_cast<int64_t>(d))));
    }
  }
  return list_arg(std::move(items));
}

Argument BackwardEmitter::size_product(size_t node, const std::vector<int64_t>& dims) {
  const Argument sizes = sizes_of(node);
  Argument product = int_arg(1);
  for (const int64_t d : dims) {
    const Argument& s = sizes.items.at(static_cast<size_t>(d));
    if (product.is(Argument::Kind::Int) && s.is(Argument::Kind::Int)) {
      product = int_arg(checked_mul(product.int_value, s.int_value));
    } else if (product.is(Argument::Kind::Int) && product.int_value == 1) {
      product = s;
    } else {
      product = node_arg(call("operator.mul", {product, s}, {}, "mul_bw"));
    }
  }
  return product;
}

Argument BackwardEmitter::sym_add(const Argument& a, const Argument& b) {
  if (a.is(Argument::Kind::Int) && a.int_value == 0) return b;
  if (b.is(Argument::Kind::Int) && b.int_value == 0) return a;
  return node_arg(call("operator.add", {a, b}, {}, "add_bw"));
}

}  // namespace symshape::tracer::autograd
