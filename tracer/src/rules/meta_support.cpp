#include "rules/meta_support.hpp"

#include <string>

#include "rules/rule_support.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/tracer/strides.hpp"

namespace symshape::tracer {

MemoryFormat suggest_memory_format(OpContext& ctx, const FakeTensor& t) {
  static constexpr int64_t order4[] = {1, 3, 2, 0};
  static constexpr int64_t order5[] = {1, 4, 3, 2, 0};
  std::span<const int64_t> order;
  if (t.dim() == 4) order = order4;
  else if (t.dim() == 5) order = order5;
  else return MemoryFormat::Contiguous;
  const auto& size = t.sizes;
  const auto& stride = t.strides;
  const char* why = "suggest_memory_format: channels-last strides?";
  if (ctx.evaluate(eq(stride[1], integer(0)), why)) return MemoryFormat::Contiguous;
  Expr min = integer(0);
  for (int64_t d : order) {
    if (ctx.evaluate(eq(size[d], integer(0)), why)) return MemoryFormat::Contiguous;
    if (ctx.evaluate(lt(stride[d], min), why)) return MemoryFormat::Contiguous;
    // An N111 tensor, or NCHW sliced to N11W: ambiguous, so NCHW.
    if (d == 0 && ctx.evaluate(eq(min, stride[1]), why)) return MemoryFormat::Contiguous;
    min = stride[d];
    if (ctx.evaluate(gt(stride[d], integer(1)), why)) min = min * size[d];
  }
  return t.dim() == 4 ? MemoryFormat::ChannelsLast : MemoryFormat::ChannelsLast3d;
}

FakeTensor empty_like(OpContext& ctx, const FakeTensor& like, std::optional<ScalarType> dtype) {
  const std::vector<Expr> sizes[] = {like.sizes};
  const std::vector<Expr> strides[] = {like.strides};
  FakeTensor out = view_of(like, like.sizes, elementwise_strides(ctx, like.sizes, sizes, strides), integer(0));
  if (dtype) out.dtype = *dtype;
  return out;
}

FakeTensor empty_like_transposed12(OpContext& ctx, const FakeTensor& t) {
  if (t.dim() != 4) ctx.fail("attention expects 4-d query, key and value");
  static constexpr int64_t swap12[] = {0, 2, 1, 3};
  FakeTensor tt = view_of(t, permuted(t.sizes, swap12), permuted(t.strides, swap12), t.storage_offset);
  FakeTensor out = empty_like(ctx, tt);
  out.sizes = t.sizes;
  out.strides = permuted(out.strides, swap12);
  return out;
}

std::vector<Expr> broadcast_all(OpContext& ctx, std::span<const std::vector<Expr>> shapes) {
  std::vector<Expr> common;
  for (const auto& s : shapes) common = broadcast_shapes(ctx, common, s);
  return common;
}

std::vector<bool> bool_list(OpContext& ctx, size_t i, std::string_view keyword, size_t count) {
  const Argument* a = ctx.arg(i, keyword);
  if (a == nullptr || !(a->is(Argument::Kind::List) || a->is(Argument::Kind::Tuple)) || a->items.size() != count) {
    ctx.fail("expected a list of " + std::to_string(count) + " bools for " + std::string(keyword));
  }
  std::vector<bool> out;
  for (const Argument& item : a->items) {
    if (!item.is(Argument::Kind::Bool)) ctx.fail("expected a bool in " + std::string(keyword));
    out.push_back(item.bool_value);
  }
  return out;
}

}  // namespace symshape::tracer
