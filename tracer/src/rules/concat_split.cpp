// Family: concatenation and splitting (see rules/rule_families.hpp). Split
// outputs are views (narrow/select of the input); how many there are is an
// integer the program's structure depends on, so it is decided at the hint
// with guard_int, as PyTorch does.
#include <string>
#include <vector>

#include "rules/rule_families.hpp"
#include "rules/rule_support.hpp"
#include "rules/type_promotion.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {

namespace {

// cat skips legacy empty tensors (1-d of size 0), as PyTorch does.
bool is_legacy_empty(OpContext& ctx, const FakeTensor& t) {
  return t.dim() == 1 && ctx.guard_or_false(eq(t.sizes[0], integer(0)), "cat: legacy empty tensor");
}

Value cat_rule(OpContext& ctx) {
  const std::vector<FakeTensor> all = ctx.tensor_list(0, "tensors");
  if (all.empty()) ctx.fail("expected a non-empty list of tensors");
  std::vector<const FakeTensor*> inputs;
  std::vector<PromotionOperand> promo;
  for (const auto& t : all) {
    promo.push_back(PromotionOperand::of(t));
    if (!is_legacy_empty(ctx, t)) inputs.push_back(&t);
  }
  const ScalarType dtype = promoted_dtype(promo);
  if (inputs.empty()) return Value::tensor(new_tensor(ctx, {integer(0)}, dtype, all[0].device));
  const FakeTensor& first = *inputs[0];
  const size_t dim = static_cast<size_t>(wrap_dim(ctx, ctx.int_value(1, "dim", 0), first.dim()));
  std::vector<Expr> sizes = first.sizes;
  bool channels_last = true;
  for (size_t k = 0; k < inputs.size(); ++k) {
    const FakeTensor& t = *inputs[k];
    if (t.dim() != first.dim())
      ctx.fail("tensors must have same number of dimensions: got " + std::to_string(first.dim()) + " and " +
               std::to_string(t.dim()));
    for (size_t d = 0; d < t.dim(); ++d)
      if (d != dim) ctx.check(eq(t.sizes[d], first.sizes[d]), "cat: sizes must match except in the cat dimension");
    if (k > 0) sizes[dim] = add(sizes[dim], t.sizes[dim]);
    channels_last = channels_last && !is_contiguous(ctx, t.sizes, t.strides) &&
                    is_channels_last_contiguous(ctx, t.sizes, t.strides);
  }
  return Value::tensor(new_tensor(ctx, std::move(sizes), dtype, first.device,
                                  channels_last ? MemoryFormat::ChannelsLast : MemoryFormat::Contiguous));
}

Value stack_rule(OpContext& ctx) {
  const std::vector<FakeTensor> inputs = ctx.tensor_list(0, "tensors");
  if (inputs.empty()) ctx.fail("stack expects a non-empty TensorList");
  const FakeTensor& first = inputs[0];
  const size_t dim = static_cast<size_t>(wrap_dim(ctx, ctx.int_value(1, "dim", 0), first.dim() + 1));
  std::vector<PromotionOperand> promo;
  for (const auto& t : inputs) {
    if (t.dim() != first.dim()) ctx.fail("stack expects each tensor to be equal size");
    for (size_t d = 0; d < t.dim(); ++d) ctx.check(eq(t.sizes[d], first.sizes[d]), "stack: sizes must be equal");
    promo.push_back(PromotionOperand::of(t));
  }
  std::vector<Expr> sizes = first.sizes;
  sizes.insert(sizes.begin() + static_cast<std::ptrdiff_t>(dim), integer(static_cast<int64_t>(inputs.size())));
  return Value::tensor(new_tensor(ctx, std::move(sizes), promoted_dtype(promo), first.device));
}

Value piece(const FakeTensor& self, size_t dim, Expr start, Expr length) {
  std::vector<Expr> sizes = self.sizes;
  sizes[dim] = length;
  return Value::tensor(view_of(self, std::move(sizes), self.strides, add(self.storage_offset, mul(start, self.strides[dim]))));
}

// Pieces of `split_size` along dim; the count max(ceil(size / split), 1) is
// decided at the hint; the last piece takes what remains.
Value split_by(OpContext& ctx, const FakeTensor& self, size_t dim, Expr split_size) {
  const Expr size = self.sizes[dim];
  const int64_t count =
      ctx.guard_int(ctx.simplify(max(ceildiv(size, split_size), integer(1))), "split: the number of pieces");
  std::vector<Value> out;
  for (int64_t k = 0; k < count; ++k) {
    const Expr start = mul(integer(k), split_size);
    const Expr length = k + 1 < count ? split_size : ctx.simplify(sub(size, start));
    out.push_back(piece(self, dim, start, length));
  }
  return Value::tuple(std::move(out));
}

size_t split_dim(const OpContext& ctx, const FakeTensor& self) {
  if (self.dim() == 0) ctx.fail("cannot split a 0-dim tensor");
  return static_cast<size_t>(wrap_dim(ctx, ctx.int_value(2, "dim", 0), self.dim()));
}

Value split_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const size_t dim = split_dim(ctx, self);
  const Expr split_size = ctx.sym_int(1, "split_size");
  if (!ctx.evaluate(ge(split_size, integer(0)), "split: split_size must be nonnegative"))
    ctx.fail("split expects split_size be non-negative, but got " + to_sympy(split_size));
  return split_by(ctx, self, dim, split_size);
}

Value split_with_sizes_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const size_t dim = split_dim(ctx, self);
  const std::vector<Expr> lengths = ctx.sym_int_list(1, "split_sizes");
  ctx.check(eq(add(lengths), self.sizes[dim]), "split_with_sizes: the sizes must sum to the dimension's size");
  std::vector<Value> out;
  Expr start = integer(0);
  for (Expr l : lengths) {
    out.push_back(piece(self, dim, start, l));
    start = add(start, l);
  }
  return Value::tuple(std::move(out));
}

Value chunk_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const size_t dim = split_dim(ctx, self);
  const int64_t chunks = ctx.int_value(1, "chunks");
  if (chunks <= 0) ctx.fail("chunk expects `chunks` to be greater than 0, got: " + std::to_string(chunks));
  return split_by(ctx, self, dim, ctx.simplify(ceildiv(self.sizes[dim], integer(chunks))));
}

// unbind: one select per index; the count is the dimension's size at the hint.
Value unbind_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  if (self.dim() == 0) ctx.fail("dimension specified as 0 but tensor has no dimensions");
  const size_t dim = static_cast<size_t>(wrap_dim(ctx, ctx.int_value(1, "dim", 0), self.dim()));
  const int64_t count = ctx.guard_int(self.sizes[dim], "unbind: the number of outputs");
  std::vector<Expr> sizes = self.sizes, strides = self.strides;
  sizes.erase(sizes.begin() + static_cast<std::ptrdiff_t>(dim));
  strides.erase(strides.begin() + static_cast<std::ptrdiff_t>(dim));
  std::vector<Value> out;
  for (int64_t k = 0; k < count; ++k)
    out.push_back(Value::tensor(view_of(self, sizes, strides, add(self.storage_offset, mul(integer(k), self.strides[dim])))));
  return Value::tuple(std::move(out));
}

}  // namespace

void register_concat_split_rules(OpRegistry& r) {
  r.add("aten.cat", cat_rule);
  r.add("aten.concat", cat_rule);
  r.add("aten.stack", stack_rule);
  r.add("aten.split", split_rule);
  r.add("aten.split.sizes", split_with_sizes_rule);
  r.add("aten.split_with_sizes", split_with_sizes_rule);
  r.add("aten.chunk", chunk_rule);
  r.add("aten.unbind", unbind_rule);
}

}  // namespace symshape::tracer
