// Family: concatenation, splitting and indexing by position (derivatives.yaml,
// and the slices AOT autograd writes for cat's backward). Offsets along the
// cat dim are sums of sym_size nodes, so no size is baked in.
#include <vector>

#include "autograd/derivative_registry.hpp"

namespace symshape::tracer::autograd {
namespace {

constexpr int64_t kSliceEnd = 9223372036854775807;  // INT64_MAX: "to the end", as PyTorch prints it

// cat(tensors, dim=0): input k's gradient is grad[offset_k : offset_k + size_k] along dim.
void cat_rule(BackwardContext& ctx) {
  const Argument* tensors = ctx.arg(0, "tensors");
  if (tensors == nullptr || !(tensors->is(Argument::Kind::List) || tensors->is(Argument::Kind::Tuple))) {
    ctx.fail("cat tensors must be a list");
  }
  const int64_t dim = ctx.wrap_dim(ctx.int_value(1, "dim", 0), ctx.output_tensor().dim());
  const size_t g = ctx.grad_output();
  BackwardEmitter& e = ctx.emit();
  Argument start = int_arg(0);
  for (const Argument& item : tensors->items) {
    if (!item.is(Argument::Kind::Node)) ctx.fail("cat tensors must be nodes");
    const Argument end = e.sym_add(start, e.sizes_of(item.node).items.at(static_cast<size_t>(dim)));
    ctx.send(item.node, ctx.call("aten.slice.Tensor", {node_arg(g), int_arg(dim), start, end}));
    start = end;
  }
}

// split / split_with_sizes / chunk -> a tuple: cat the outputs' gradients
// back, zeros for the outputs no gradient reached.
void split_rule(BackwardContext& ctx) {
  const Value& out = ctx.emit().forward_value(ctx.node_index());
  const int64_t dim = ctx.wrap_dim(ctx.int_value(2, "dim", 0), ctx.input_tensor(0, "self").dim());
  std::vector<Argument> parts;
  for (size_t k = 0; k < out.items().size(); ++k) {
    if (const auto g = ctx.grad(k)) {
      parts.push_back(node_arg(*g));
    } else {
      parts.push_back(node_arg(ctx.call("aten.zeros_like.default", {node_arg(ctx.output_item(k))})));
    }
  }
  ctx.add_grad(0, "self", ctx.call("aten.cat.default", {list_arg(std::move(parts)), int_arg(dim)}));
}

// slice(self, dim=0, start=None, end=None, step=1): slice_backward.
void slice_rule(BackwardContext& ctx) {
  const size_t self = ctx.input_node(0, "self");
  Argument start = ctx.arg_or(2, "start", int_arg(0));
  Argument end = ctx.arg_or(3, "end", int_arg(kSliceEnd));
  if (start.is(Argument::Kind::None)) start = int_arg(0);
  if (end.is(Argument::Kind::None)) end = int_arg(kSliceEnd);
  ctx.add_grad(0, "self", ctx.call("aten.slice_backward.default",
                                   {node_arg(ctx.grad_output()), ctx.emit().sizes_of(self),
                                    int_arg(ctx.int_value(1, "dim", 0)), start, end,
                                    ctx.arg_or(4, "step", int_arg(1))}));
}

// select(self, dim, index): select_backward.
void select_rule(BackwardContext& ctx) {
  const size_t self = ctx.input_node(0, "self");
  ctx.add_grad(0, "self", ctx.call("aten.select_backward.default",
                                   {node_arg(ctx.grad_output()), ctx.emit().sizes_of(self),
                                    int_arg(ctx.int_value(1, "dim")), ctx.arg_or(2, "index", int_arg(0))}));
}

}  // namespace

void register_concat_split_derivatives(DerivativeRegistry& r) {
  r.add("aten.cat", cat_rule);
  r.add("aten.concat", cat_rule);
  for (const char* op : {"aten.split", "aten.split_with_sizes", "aten.chunk"}) r.add(op, split_rule);
  r.add("aten.slice", slice_rule);
  r.add("aten.select", select_rule);
}

}  // namespace symshape::tracer::autograd
