#include "autograd/backward_context.hpp"

namespace symshape::tracer::autograd {

std::optional<size_t> GradientTable::get(size_t node, size_t slot) const {
  const auto& s = slots_.at(node);
  return slot < s.size() ? s[slot] : std::nullopt;
}

void GradientTable::accumulate(BackwardEmitter& emit, size_t node, size_t slot, size_t grad) {
  auto& s = slots_.at(node);
  if (s.size() <= slot) s.resize(slot + 1);
  if (!s[slot]) {
    s[slot] = grad;
    return;
  }
  const std::string name = "grad_" + emit.graph().nodes[node].name;
  s[slot] = emit.call("aten.add.Tensor", {node_arg(*s[slot]), node_arg(grad)}, {}, name);
}

BackwardContext::BackwardContext(const Graph& forward, BackwardEmitter& emit, GradientTable& grads,
                                 const std::vector<bool>& needs_grad, size_t node)
    : forward_(forward), emit_(emit), grads_(grads), needs_grad_(needs_grad), node_(node) {}

const Argument* BackwardContext::arg(size_t i, std::string_view keyword) const {
  const Node& n = node();
  if (i < n.args.size()) return &n.args[i];
  for (const auto& [key, value] : n.kwargs) {
    if (key == keyword) return &value;
  }
  return nullptr;
}

const Argument& BackwardContext::required_arg(size_t i, std::string_view keyword) const {
  const Argument* a = arg(i, keyword);
  if (a == nullptr) fail("missing argument " + std::string(keyword));
  return *a;
}

size_t BackwardContext::input_node(size_t i, std::string_view keyword) const {
  const auto in = input(i, keyword);
  if (!in) fail("argument " + std::string(keyword) + " must be a node");
  return *in;
}

std::optional<size_t> BackwardContext::input(size_t i, std::string_view keyword) const {
  const Argument* a = arg(i, keyword);
  if (a == nullptr || !a->is(Argument::Kind::Node)) return std::nullopt;
  return a->node;
}

bool BackwardContext::needs_grad(size_t i, std::string_view keyword) const {
  const auto in = input(i, keyword);
  return in && needs_grad_[*in];
}

void BackwardContext::add_grad(size_t i, std::string_view keyword, size_t grad) {
  if (const auto in = input(i, keyword)) send(*in, grad);
}

void BackwardContext::send(size_t node, size_t grad) {
  if (needs_grad_[node]) grads_.accumulate(emit_, node, 0, grad);
}

size_t BackwardContext::grad_output() const {
  const auto g = grad(0);
  if (!g) fail("no gradient reached output 0");
  return *g;
}

size_t BackwardContext::call(std::string_view target, std::vector<Argument> args, Kwargs kwargs) {
  return emit_.call(target, std::move(args), std::move(kwargs));
}

size_t BackwardContext::output_item(size_t k) {
  return emit_.call("operator.getitem", {node_arg(node_), int_arg(static_cast<int64_t>(k))}, {},
                    node().name + "_out");
}

size_t BackwardContext::sum_to(size_t grad, const std::vector<Expr>& from, size_t input_node) {
  const std::vector<Expr>& to = tensor(input_node).sizes;
  if (to.size() > from.size()) fail("gradient has fewer dims than the input it reduces to");
  const size_t leading = from.size() - to.size();
  std::vector<Argument> dims;
  for (size_t d = 0; d < leading; ++d) dims.push_back(int_arg(static_cast<int64_t>(d)));
  for (size_t d = 0; d < to.size(); ++d) {
    if (emit_.is_size_one(to[d]) && !emit_.is_size_one(from[leading + d])) {
      dims.push_back(int_arg(static_cast<int64_t>(leading + d)));
    }
  }
  if (dims.empty()) return grad;
  const size_t summed =
      emit_.call("aten.sum.dim_IntList", {node_arg(grad), list_arg(std::move(dims)), bool_arg(true)}, {}, "sum_bw");
  if (leading == 0) return summed;
  return emit_.call("aten.view.default", {node_arg(summed), emit_.sizes_of(input_node)}, {}, "view_bw");
}

const FakeTensor& BackwardContext::input_tensor(size_t i, std::string_view keyword) const {
  return tensor(input_node(i, keyword));
}

int64_t BackwardContext::int_value(size_t i, std::string_view keyword, std::optional<int64_t> fallback) const {
  const Argument* a = arg(i, keyword);
  if (a == nullptr || a->is(Argument::Kind::None)) {
    if (fallback) return *fallback;
    fail("missing argument " + std::string(keyword));
  }
  if (!a->is(Argument::Kind::Int)) fail("argument " + std::string(keyword) + " must be an int literal");
  return a->int_value;
}

Argument BackwardContext::arg_or(size_t i, std::string_view keyword, Argument fallback) const {
  const Argument* a = arg(i, keyword);
  return a != nullptr ? *a : fallback;
}

int64_t BackwardContext::wrap_dim(int64_t dim, size_t rank) const {
  const auto r = static_cast<int64_t>(rank == 0 ? 1 : rank);
  if (dim < -r || dim >= r) fail("dim " + std::to_string(dim) + " out of range for rank " + std::to_string(rank));
  return dim < 0 ? dim + r : dim;
}

void BackwardContext::fail(const std::string& message) const {
  const Node& n = node();
  throw DeriveError("derivative of " + n.target + " (node " + n.name + "): " + message, n.span, n.target);
}

}  // namespace symshape::tracer::autograd
