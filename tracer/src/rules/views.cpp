// Family: views and reshapes (see rules/rule_families.hpp).
//
// Views share storage: their sizes, strides and storage offset are computed
// from the input's (strides.hpp for the stride rules). reshape is a view when
// computeStride allows one and a contiguous copy otherwise. Size questions
// (-1 inference, slice clamping, squeeze of size-1 dims) go through the
// context where PyTorch's meta functions ask them.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "rules/rule_families.hpp"
#include "rules/rule_support.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {

namespace {

Value same_geometry(const FakeTensor& t, std::vector<Expr> sizes, std::vector<Expr> strides, Expr offset) {
  return Value::tensor(view_of(t, std::move(sizes), std::move(strides), offset));
}

std::vector<Expr> without(std::span<const Expr> v, size_t i) {
  std::vector<Expr> out(v.begin(), v.end());
  out.erase(out.begin() + static_cast<std::ptrdiff_t>(i));
  return out;
}

// infer_size: the requested shape with its -1 entry (at most one) replaced
// by numel / (product of the others), which must divide exactly; without -1
// the numels must match. Checks as PyTorch's SymInt version (guards on
// backed sizes); the inferred size is simplified under the env's facts, so a
// division the guards made exact leaves no FloorDiv behind.
std::vector<Expr> infer_size(OpContext& ctx, std::vector<Expr> shape, Expr total) {
  std::optional<size_t> infer_dim;
  Expr known = integer(1);
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d].is_integer() && shape[d].value() == -1) {
      if (infer_dim) ctx.fail("only one dimension can be inferred");
      infer_dim = d;
    } else if (shape[d].is_integer() && shape[d].value() < 0) {
      ctx.fail("invalid shape dimension " + std::to_string(shape[d].value()));
    } else {
      known = mul(known, shape[d]);
    }
  }
  if (!infer_dim) {
    ctx.check(eq(total, known), "view: the new shape must have the same number of elements");
    return shape;
  }
  if (known.is_integer() && known.value() == 0) {
    ctx.check(eq(total, known), "view: the new shape must have the same number of elements");
    ctx.fail("cannot reshape tensor of 0 elements into a shape with -1: the unspecified dimension is ambiguous");
  }
  ctx.check(logical_and(gt(known, integer(0)), eq(mod(total, known), integer(0))),
            "view: the known sizes must divide the number of elements");
  shape[*infer_dim] = ctx.simplify(floordiv(total, known));
  return shape;
}

std::optional<std::vector<Expr>> try_view(OpContext& ctx, const FakeTensor& self, const std::vector<Expr>& sizes) {
  return view_strides(ctx, self.sizes, self.strides, sizes);
}

Value view_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const std::vector<Expr> sizes = infer_size(ctx, ctx.sym_int_list(1, "size"), numel(self.sizes));
  auto strides = try_view(ctx, self, sizes);
  if (!strides)
    ctx.fail("view size is not compatible with input tensor's size and stride (at least one dimension spans "
             "across two contiguous subspaces); use .reshape(...) instead");
  return same_geometry(self, sizes, std::move(*strides), self.storage_offset);
}

// reshape: a view when possible, else a contiguous copy (clone, then view).
Value reshape_to(OpContext& ctx, const FakeTensor& self, std::vector<Expr> requested) {
  const std::vector<Expr> sizes = infer_size(ctx, std::move(requested), numel(self.sizes));
  if (auto strides = try_view(ctx, self, sizes)) return same_geometry(self, sizes, std::move(*strides), self.storage_offset);
  return Value::tensor(new_tensor(ctx, sizes, self.dtype, self.device));
}

Value reshape_rule(OpContext& ctx) { return reshape_to(ctx, ctx.tensor(0, "self"), ctx.sym_int_list(1, "shape")); }

// _reshape_alias(self, size, stride): the geometry is given.
Value reshape_alias_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  std::vector<Expr> sizes = ctx.sym_int_list(1, "size"), strides = ctx.sym_int_list(2, "stride");
  if (sizes.size() != strides.size()) ctx.fail("size and stride must have the same length");
  ctx.check(eq(numel(sizes), numel(self.sizes)), "_reshape_alias: the number of elements must not change");
  return same_geometry(self, std::move(sizes), std::move(strides), self.storage_offset);
}

Value as_strided_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  std::vector<Expr> sizes = ctx.sym_int_list(1, "size"), strides = ctx.sym_int_list(2, "stride");
  if (sizes.size() != strides.size()) ctx.fail("mismatch in length of strides and shape");
  const Expr offset = ctx.optional_sym_int(3, "storage_offset").value_or(self.storage_offset);
  return same_geometry(self, std::move(sizes), std::move(strides), offset);
}

Value flatten_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  if (self.dim() == 0) return reshape_to(ctx, self, {integer(1)});
  const int64_t start = wrap_dim(ctx, ctx.int_value(1, "start_dim", 0), self.dim());
  const int64_t end = wrap_dim(ctx, ctx.int_value(2, "end_dim", -1), self.dim());
  if (start > end) ctx.fail("flatten() has invalid args: start_dim cannot come after end_dim");
  if (start == end) return Value::tensor(self);
  std::vector<Expr> sizes(self.sizes.begin(), self.sizes.begin() + start);
  sizes.push_back(numel(std::span<const Expr>(self.sizes).subspan(start, end - start + 1)));
  sizes.insert(sizes.end(), self.sizes.begin() + end + 1, self.sizes.end());
  return reshape_to(ctx, self, std::move(sizes));
}

Value unflatten_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const int64_t dim = wrap_dim(ctx, ctx.int_value(1, "dim"), self.dim());
  const std::vector<Expr> parts = infer_size(ctx, ctx.sym_int_list(2, "sizes"), self.sizes[dim]);
  std::vector<Expr> sizes(self.sizes.begin(), self.sizes.begin() + dim);
  sizes.insert(sizes.end(), parts.begin(), parts.end());
  sizes.insert(sizes.end(), self.sizes.begin() + dim + 1, self.sizes.end());
  return reshape_to(ctx, self, std::move(sizes));
}

Value permute_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const std::vector<int64_t> dims = ctx.int_list(1, "dims");
  if (dims.size() != self.dim())
    ctx.fail("number of dims don't match in permute: " + std::to_string(dims.size()) + " for a tensor of rank " +
             std::to_string(self.dim()));
  const std::vector<int64_t> perm = wrap_dims(ctx, dims, self.dim());
  return same_geometry(self, permuted(self.sizes, perm), permuted(self.strides, perm), self.storage_offset);
}

Value transpose_dims(OpContext& ctx, const FakeTensor& self, int64_t a, int64_t b) {
  if (self.dim() == 0) return Value::tensor(self);
  std::vector<int64_t> perm(self.dim());
  for (size_t i = 0; i < perm.size(); ++i) perm[i] = static_cast<int64_t>(i);
  std::swap(perm[wrap_dim(ctx, a, self.dim())], perm[wrap_dim(ctx, b, self.dim())]);
  return same_geometry(self, permuted(self.sizes, perm), permuted(self.strides, perm), self.storage_offset);
}

Value transpose_rule(OpContext& ctx) {
  return transpose_dims(ctx, ctx.tensor(0, "self"), ctx.int_value(1, "dim0"), ctx.int_value(2, "dim1"));
}

Value t_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  if (self.dim() > 2) ctx.fail("t() expects a tensor with <= 2 dimensions, but self is " + std::to_string(self.dim()) + "D");
  return self.dim() < 2 ? Value::tensor(self) : transpose_dims(ctx, self, 0, 1);
}

Value expand_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  std::vector<Expr> sizes = ctx.sym_int_list(1, "size");
  if (sizes.size() < self.dim())
    ctx.fail("the number of sizes provided (" + std::to_string(sizes.size()) +
             ") must be greater or equal to the number of dimensions in the tensor (" + std::to_string(self.dim()) + ")");
  const size_t lead = sizes.size() - self.dim();
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (!(sizes[i].is_integer() && sizes[i].value() == -1)) continue;
    if (i < lead) ctx.fail("the expanded size -1 is not allowed in a leading, non-existing dimension");
    sizes[i] = self.sizes[i - lead];
  }
  std::vector<Expr> strides = expanded_strides(ctx, self.sizes, self.strides, sizes);
  return same_geometry(self, std::move(sizes), std::move(strides), self.storage_offset);
}

// squeeze (all size-1 dims), squeeze.dim, squeeze.dims: a listed dim whose
// size is not 1 stays.
Value squeeze_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  std::vector<int64_t> dims;
  if (ctx.has(1, "dim")) {
    dims = wrap_dims(ctx, ctx.int_list(1, "dim"), self.dim());
  } else {
    for (size_t d = 0; d < self.dim(); ++d) dims.push_back(static_cast<int64_t>(d));
  }
  std::vector<Expr> sizes, strides;
  for (size_t d = 0; d < self.dim(); ++d) {
    const bool listed = std::find(dims.begin(), dims.end(), static_cast<int64_t>(d)) != dims.end();
    if (listed && ctx.evaluate(eq(self.sizes[d], integer(1)), "squeeze: is the size 1")) continue;
    sizes.push_back(self.sizes[d]);
    strides.push_back(self.strides[d]);
  }
  return same_geometry(self, std::move(sizes), std::move(strides), self.storage_offset);
}

// inferUnsqueezeGeometry: the new dim's stride is size*stride of the dim it
// goes before, or 1 at the end.
Value unsqueeze_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const size_t dim = static_cast<size_t>(wrap_dim(ctx, ctx.int_value(1, "dim"), self.dim() + 1));
  std::vector<Expr> sizes = self.sizes, strides = self.strides;
  const Expr stride = dim >= self.dim() ? integer(1) : mul(self.sizes[dim], self.strides[dim]);
  sizes.insert(sizes.begin() + static_cast<std::ptrdiff_t>(dim), integer(1));
  strides.insert(strides.begin() + static_cast<std::ptrdiff_t>(dim), stride);
  return same_geometry(self, std::move(sizes), std::move(strides), self.storage_offset);
}

Value select_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  if (self.dim() == 0) ctx.fail("select() cannot be applied to a 0-dim tensor");
  const size_t dim = static_cast<size_t>(wrap_dim(ctx, ctx.int_value(1, "dim"), self.dim()));
  Expr index = ctx.sym_int(2, "index");
  const Expr size = self.sizes[dim];
  // Only an index known to be out of range is an error (an unbacked one is not).
  if (ctx.guard_or_false(lt(size, neg(index)), "select: index in range") ||
      ctx.guard_or_false(le(size, index), "select: index in range"))
    ctx.fail("select(): index " + to_sympy(index) + " out of range for dimension " + std::to_string(dim) +
             " of size " + to_sympy(size));
  if (ctx.guard_or_false(lt(index, integer(0)), "select: negative index")) index = add(index, size);
  return same_geometry(self, without(self.sizes, dim), without(self.strides, dim),
                       add(self.storage_offset, mul(index, self.strides[dim])));
}

// slice_forward (torch/_decomp): negative bounds wrap, bounds are clamped
// into [0, size]; an end of sys.maxsize is the size; an end the facts cannot
// compare (unbacked) stays as it is.
Value slice_geometry(OpContext& ctx, const FakeTensor& self, size_t dim, Expr start, Expr end, Expr step) {
  const Expr size = self.sizes[dim];
  const auto smaller = [&](Expr a, Expr b, const char* why) { return ctx.guard_or_false(lt(a, b), why); };
  if (smaller(start, integer(0), "slice: negative start")) start = add(start, size);
  const bool end_is_max = end.is_integer() && end.value() == std::numeric_limits<int64_t>::max();
  if (!end_is_max && smaller(end, integer(0), "slice: negative end")) end = add(end, size);
  if (smaller(start, integer(0), "slice: clamp start")) start = integer(0);
  else if (smaller(size, start, "slice: clamp start")) start = size;
  if (end_is_max) end = size;
  else if (smaller(end, start, "slice: clamp end")) end = start;
  else if (smaller(size, end, "slice: clamp end")) end = size;
  std::vector<Expr> sizes = self.sizes, strides = self.strides;
  sizes[dim] = floordiv(sub(end, start) + sub(step, integer(1)), step);
  strides[dim] = mul(strides[dim], step);
  return same_geometry(self, std::move(sizes), std::move(strides),
                       add(self.storage_offset, mul(start, self.strides[dim])));
}

Value slice_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  if (self.dim() == 0) ctx.fail("slice() cannot be applied to a 0-dim tensor");
  const size_t dim = static_cast<size_t>(wrap_dim(ctx, ctx.int_value(1, "dim", 0), self.dim()));
  const Expr start = ctx.optional_sym_int(2, "start").value_or(integer(0));
  const Expr end = ctx.optional_sym_int(3, "end").value_or(integer(std::numeric_limits<int64_t>::max()));
  const Expr step = ctx.sym_int(4, "step", 1);
  if (!ctx.evaluate(gt(step, integer(0)), "slice: step must be positive")) ctx.fail("slice step must be positive");
  return slice_geometry(ctx, self, dim, start, end, step);
}

Value narrow_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  if (self.dim() == 0) ctx.fail("narrow() cannot be applied to a 0-dim tensor");
  const size_t dim = static_cast<size_t>(wrap_dim(ctx, ctx.int_value(1, "dim"), self.dim()));
  Expr start = ctx.sym_int(2, "start");
  const Expr length = ctx.sym_int(3, "length");
  const Expr size = self.sizes[dim];
  if (ctx.guard_or_false(lt(start, integer(0)), "narrow: negative start")) start = add(start, size);
  ctx.check(logical_and(le(integer(0), start), le(add(start, length), size)),
            "narrow: start + length must not exceed the size");
  return slice_geometry(ctx, self, dim, start, add(start, length), integer(1));
}

Value alias_rule(OpContext& ctx) { return Value::tensor(ctx.tensor(0, "self")); }

// clone: preserve_format keeps a dense input's layout (one-input elementwise
// strides); another format lays the copy out as asked.
FakeTensor copy_like(OpContext& ctx, const FakeTensor& self, MemoryFormat format) {
  if (format != MemoryFormat::Preserve) return new_tensor(ctx, self.sizes, self.dtype, self.device, format);
  FakeTensor out = view_of(self, self.sizes, {}, integer(0));
  const std::vector<std::vector<Expr>> sizes{self.sizes}, strides{self.strides};
  out.strides = elementwise_strides(ctx, self.sizes, sizes, strides);
  return out;
}

Value clone_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  return Value::tensor(copy_like(ctx, self, ctx.memory_format(SIZE_MAX, "memory_format").value_or(MemoryFormat::Preserve)));
}

// contiguous: the input itself when it already is, else a copy.
Value contiguous_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const MemoryFormat format = ctx.memory_format(SIZE_MAX, "memory_format").value_or(MemoryFormat::Contiguous);
  const bool already = format == MemoryFormat::Contiguous ? is_contiguous(ctx, self.sizes, self.strides)
                                                          : is_channels_last_contiguous(ctx, self.sizes, self.strides);
  return already ? Value::tensor(self) : Value::tensor(new_tensor(ctx, self.sizes, self.dtype, self.device, format));
}

// copy(self, src): self's clone with src broadcast into it; copy_ returns self.
Value copy_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const FakeTensor& src = ctx.tensor(1, "src");
  expanded_strides(ctx, src.sizes, src.strides, self.sizes);
  if (ctx.op_packet().ends_with('_')) return ctx.value(0, "self");
  return Value::tensor(copy_like(ctx, self, MemoryFormat::Preserve));
}

Value repeat_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const std::vector<Expr> repeats = ctx.sym_int_list(1, "repeats");
  if (repeats.size() < self.dim())
    ctx.fail("number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
  const size_t lead = repeats.size() - self.dim();
  std::vector<Expr> sizes;
  for (size_t i = 0; i < repeats.size(); ++i)
    sizes.push_back(mul(i < lead ? integer(1) : self.sizes[i - lead], repeats[i]));
  return Value::tensor(new_tensor(ctx, std::move(sizes), self.dtype, self.device));
}

}  // namespace

void register_view_rules(OpRegistry& r) {
  r.add("aten.view", view_rule);
  r.add("aten._unsafe_view", view_rule);
  r.add("aten.reshape", reshape_rule);
  r.add("aten._reshape_alias", reshape_alias_rule);
  r.add("aten.as_strided", as_strided_rule);
  r.add("aten.flatten", flatten_rule);
  r.add("aten.unflatten", unflatten_rule);
  r.add("aten.permute", permute_rule);
  r.add("aten.transpose", transpose_rule);
  r.add("aten.t", t_rule);
  r.add("aten.expand", expand_rule);
  r.add("aten.squeeze", squeeze_rule);
  r.add("aten.unsqueeze", unsqueeze_rule);
  r.add("aten.select", select_rule);
  r.add("aten.slice", slice_rule);
  r.add("aten.narrow", narrow_rule);
  r.add("aten.detach", alias_rule);
  r.add("aten.alias", alias_rule);
  r.add("aten.lift_fresh", alias_rule);
  r.add("aten.clone", clone_rule);
  r.add("aten.contiguous", contiguous_rule);
  r.add("aten.copy", copy_rule);
  r.add("aten.copy_", copy_rule);
  r.add("aten.repeat", repeat_rule);
}

}  // namespace symshape::tracer
