// Family: functional collectives, `_c10d_functional.*` (see
// rules/rule_families.hpp), following their meta functions in
// torch/distributed/_functional_collectives.py: every result is a new tensor
// (new_empty / empty_like) until `wait_tensor` hands it back unchanged.
#include <string>

#include "rules/meta_support.hpp"
#include "rules/rule_support.hpp"
#include "rules/rule_families.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {
namespace {

// all_reduce(input, reduce_op, group_name), broadcast(input, src,
// group_name), and the in-place all_reduce_: empty_like(input).
Value like_input(OpContext& ctx) { return Value::tensor(empty_like(ctx, ctx.tensor(0, "input"))); }

// The input with dim 0 replaced; new_empty, so contiguous.
FakeTensor with_dim0(OpContext& ctx, const FakeTensor& input, Expr dim0) {
  if (input.dim() == 0) ctx.fail("collective: expected a tensor with at least 1 dim");
  std::vector<Expr> sizes = input.sizes;
  sizes[0] = dim0;
  return new_tensor(ctx, std::move(sizes), input.dtype, input.device);
}

// all_gather_into_tensor(input, group_size, group_name): dim 0 times the group.
FakeTensor gathered(OpContext& ctx, const FakeTensor& input, Expr group_size) {
  return with_dim0(ctx, input, input.sizes.at(0) * group_size);
}

// reduce_scatter_tensor(input, reduce_op, group_size, group_name): dim 0
// divided by the group; the split must be exact (the kernel's check, asked
// as a guard so the division is exact under the recorded facts).
FakeTensor scattered(OpContext& ctx, const FakeTensor& input, Expr group_size) {
  if (input.dim() == 0) ctx.fail("reduce_scatter_tensor: expected a tensor with at least 1 dim");
  ctx.check(eq(mod(input.sizes[0], group_size), integer(0)),
              "reduce_scatter_tensor: input dim 0 must be divisible by the group size");
  return with_dim0(ctx, input, floordiv(input.sizes[0], group_size));
}

Value all_gather_into_tensor(OpContext& ctx) {
  return Value::tensor(gathered(ctx, ctx.tensor(0, "input"), ctx.sym_int(1, "group_size")));
}

Value reduce_scatter_tensor(OpContext& ctx) {
  return Value::tensor(scattered(ctx, ctx.tensor(0, "input"), ctx.sym_int(2, "group_size")));
}

// The coalesced forms take a list of inputs and return a list.
Value all_gather_into_tensor_coalesced(OpContext& ctx) {
  const Expr group = ctx.sym_int(1, "group_size");
  std::vector<Value> out;
  for (const FakeTensor& t : ctx.tensor_list(0, "inputs")) out.push_back(Value::tensor(gathered(ctx, t, group)));
  return Value::tuple(std::move(out));
}

Value reduce_scatter_tensor_coalesced(OpContext& ctx) {
  const Expr group = ctx.sym_int(2, "group_size");
  std::vector<Value> out;
  for (const FakeTensor& t : ctx.tensor_list(0, "inputs")) out.push_back(Value::tensor(scattered(ctx, t, group)));
  return Value::tuple(std::move(out));
}

Value all_reduce_coalesced(OpContext& ctx) {
  std::vector<Value> out;
  for (const FakeTensor& t : ctx.tensor_list(0, "inputs")) out.push_back(Value::tensor(empty_like(ctx, t)));
  return Value::tuple(std::move(out));
}

// all_to_all_single(input, output_split_sizes, input_split_sizes,
// group_name): dim 0 is the sum of the output splits (each a size,
// torch._check_is_size), or the input's when none are given.
Value all_to_all_single(OpContext& ctx) {
  const FakeTensor& input = ctx.tensor(0, "input");
  if (!ctx.has(1, "output_split_sizes")) return Value::tensor(new_tensor(ctx, input.sizes, input.dtype, input.device));
  const auto splits = ctx.sym_int_list(1, "output_split_sizes");
  for (const Expr& s : splits) ctx.check(ge(s, integer(0)), "all_to_all_single: split sizes must be sizes (>= 0)");
  return Value::tensor(with_dim0(ctx, input, splits.empty() ? integer(0) : add(splits)));
}

// wait_tensor(tensor): the same tensor.
Value wait_tensor(OpContext& ctx) { return Value::tensor(ctx.tensor(0, "tensor")); }

}  // namespace

void register_collective_rules(OpRegistry& r) {
  r.add("_c10d_functional.all_reduce", like_input);
  r.add("_c10d_functional.all_reduce_", like_input);
  r.add("_c10d_functional.broadcast", like_input);
  r.add("_c10d_functional.broadcast_", like_input);
  r.add("_c10d_functional.all_reduce_coalesced", all_reduce_coalesced);
  r.add("_c10d_functional.all_gather_into_tensor", all_gather_into_tensor);
  r.add("_c10d_functional.all_gather_into_tensor_coalesced", all_gather_into_tensor_coalesced);
  r.add("_c10d_functional.reduce_scatter_tensor", reduce_scatter_tensor);
  r.add("_c10d_functional.reduce_scatter_tensor_coalesced", reduce_scatter_tensor_coalesced);
  r.add("_c10d_functional.all_to_all_single", all_to_all_single);
  r.add("_c10d_functional.wait_tensor", wait_tensor);
}

}  // namespace symshape::tracer
