// Family: factories (see rules/rule_families.hpp). New tensors are laid out
// contiguously (or as memory_format asks); *_like ops follow the input's
// layout as clone's preserve_format does; new_* ops take self's dtype/device.
#include <cmath>
#include <string>
#include <vector>

#include "rules/rule_families.hpp"
#include "rules/rule_support.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {

namespace {

Device device_or(const OpContext& ctx, Device fallback) { return ctx.device(SIZE_MAX, "device").value_or(fallback); }

// full's default dtype follows the fill value: bool, int64, else float32.
ScalarType fill_dtype(const OpContext& ctx, size_t i, std::string_view keyword) {
  const Argument* a = ctx.arg(i, keyword);
  if (a && a->is(Argument::Kind::Bool)) return ScalarType::B8;
  if (a && a->is(Argument::Kind::Int)) return ScalarType::I64;
  if (a && a->is(Argument::Kind::Node)) {
    const Value v = ctx.value(i, keyword);
    if (v.is(Value::Kind::SymInt)) return ScalarType::I64;
    if (v.is(Value::Kind::SymBool)) return ScalarType::B8;
  }
  return ScalarType::F32;
}

Value sized(OpContext& ctx, std::vector<Expr> sizes, ScalarType default_dtype) {
  const ScalarType dtype = ctx.dtype(SIZE_MAX, "dtype").value_or(default_dtype);
  const MemoryFormat format = ctx.memory_format(SIZE_MAX, "memory_format").value_or(MemoryFormat::Contiguous);
  return Value::tensor(new_tensor(ctx, std::move(sizes), dtype, device_or(ctx, Device{}),
                                  format == MemoryFormat::Preserve ? MemoryFormat::Contiguous : format));
}

Value full_rule(OpContext& ctx) { return sized(ctx, ctx.sym_int_list(0, "size"), fill_dtype(ctx, 1, "fill_value")); }
Value zeros_rule(OpContext& ctx) { return sized(ctx, ctx.sym_int_list(0, "size"), ScalarType::F32); }
Value scalar_tensor_rule(OpContext& ctx) { return sized(ctx, {}, ScalarType::F32); }

Value empty_strided_rule(OpContext& ctx) {
  std::vector<Expr> sizes = ctx.sym_int_list(0, "size"), strides = ctx.sym_int_list(1, "stride");
  if (sizes.size() != strides.size()) ctx.fail("size and stride must have the same length");
  FakeTensor t;
  t.dtype = ctx.dtype(SIZE_MAX, "dtype").value_or(ScalarType::F32);
  t.device = device_or(ctx, Device{});
  t.sizes = std::move(sizes);
  t.strides = std::move(strides);
  t.storage_offset = integer(0);
  return Value::tensor(std::move(t));
}

// arange(end), arange.start(start, end), arange.start_step(start, end, step):
// ceil((end - start) / step) elements; int64 when every bound is an int.
Value arange_rule(OpContext& ctx) {
  const bool has_start = ctx.overload().starts_with("start");
  const size_t end_pos = has_start ? 1 : 0;
  std::vector<const Argument*> bounds{has_start ? ctx.arg(0, "start") : nullptr, ctx.arg(end_pos, "end"),
                                      has_start ? ctx.arg(2, "step") : nullptr};
  bool integral = true;
  for (const Argument* a : bounds) integral = integral && (!a || !a->is(Argument::Kind::Float));
  Expr length;
  if (integral) {
    const Expr start = has_start ? ctx.sym_int(0, "start") : integer(0);
    const Expr end = ctx.sym_int(end_pos, "end");
    const Expr step = has_start ? ctx.sym_int(2, "step", 1) : integer(1);
    length = ctx.simplify(ceildiv(sub(end, start), step));
  } else {
    const double start = has_start ? ctx.float_value(0, "start") : 0.0;
    const double step = has_start ? ctx.float_value(2, "step", 1.0) : 1.0;
    length = integer(static_cast<int64_t>(std::ceil((ctx.float_value(end_pos, "end") - start) / step)));
  }
  if (!ctx.guard_or_true(ge(length, integer(0)), "arange: the bounds must be consistent with the step"))
    ctx.fail("upper bound and larger bound inconsistent with step sign");
  return sized(ctx, {length}, integral ? ScalarType::I64 : ScalarType::F32);
}

// prims.iota(length, start, step, dtype, device, requires_grad).
Value iota_rule(OpContext& ctx) {
  const Expr length = ctx.sym_int(0, "length");
  const std::optional<ScalarType> dtype = ctx.dtype(SIZE_MAX, "dtype");
  if (!dtype) ctx.fail("iota needs a dtype");
  return Value::tensor(new_tensor(ctx, {length}, *dtype, device_or(ctx, Device{})));
}

// new_zeros/new_ones/new_empty(self, size), new_full(self, size, fill).
Value new_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const ScalarType dtype = ctx.dtype(SIZE_MAX, "dtype").value_or(self.dtype);
  return Value::tensor(new_tensor(ctx, ctx.sym_int_list(1, "size"), dtype, device_or(ctx, self.device)));
}

// *_like(self, ...): preserve_format (the default) follows self's layout.
Value like_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const ScalarType dtype = ctx.dtype(SIZE_MAX, "dtype").value_or(self.dtype);
  const MemoryFormat format = ctx.memory_format(SIZE_MAX, "memory_format").value_or(MemoryFormat::Preserve);
  const Device device = device_or(ctx, self.device);
  if (format != MemoryFormat::Preserve) return Value::tensor(new_tensor(ctx, self.sizes, dtype, device, format));
  FakeTensor out = view_of(self, self.sizes, {}, integer(0));
  out.dtype = dtype;
  out.device = device;
  const std::vector<std::vector<Expr>> sizes{self.sizes}, strides{self.strides};
  out.strides = elementwise_strides(ctx, self.sizes, sizes, strides);
  return Value::tensor(std::move(out));
}

// Inductor's random number prims: seeds(count, device) -> i64[count];
// lookup_seed(seeds, index) -> i64[]; random(size, seed, mode) -> f32[size].
Value inductor_seeds_rule(OpContext& ctx) {
  const Device device = ctx.device(1, "device").value_or(Device{});
  return Value::tensor(new_tensor(ctx, {ctx.sym_int(0, "count")}, ScalarType::I64, device));
}
Value inductor_lookup_seed_rule(OpContext& ctx) {
  const FakeTensor& seeds = ctx.tensor(0, "seeds");
  return Value::tensor(new_tensor(ctx, {}, ScalarType::I64, seeds.device));
}
Value inductor_random_rule(OpContext& ctx) {
  const FakeTensor& seed = ctx.tensor(1, "seed");
  return Value::tensor(new_tensor(ctx, ctx.sym_int_list(0, "size"), ScalarType::F32, seed.device));
}

}  // namespace

void register_factory_rules(OpRegistry& r) {
  r.add("aten.full", full_rule);
  for (const char* n : {"aten.zeros", "aten.ones", "aten.empty", "aten.rand", "aten.randn"}) r.add(n, zeros_rule);
  r.add("aten.empty_strided", empty_strided_rule);
  r.add("aten.scalar_tensor", scalar_tensor_rule);
  r.add("aten.arange", arange_rule);
  r.add("prims.iota", iota_rule);
  for (const char* n : {"aten.new_zeros", "aten.new_ones", "aten.new_empty", "aten.new_full"}) r.add(n, new_rule);
  for (const char* n : {"aten.zeros_like", "aten.ones_like", "aten.empty_like", "aten.full_like", "aten.rand_like",
                        "aten.randn_like"})
    r.add(n, like_rule);
  r.add("prims.inductor_seeds", inductor_seeds_rule);
  r.add("prims.inductor_lookup_seed", inductor_lookup_seed_rule);
  r.add("prims.inductor_random", inductor_random_rule);
}

}  // namespace symshape::tracer
