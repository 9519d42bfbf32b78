#include "rules/meta_support.hpp"

#include <cmath>

#include "symshape/engine/engine_errors.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/tracer/strides.hpp"

namespace symshape::tracer {

size_t wrap_dim(OpContext& ctx, int64_t dim, size_t rank) {
  // A 0-d tensor behaves like a 1-d one for dim wrapping (PyTorch's maybe_wrap_dim).
  const int64_t n = rank == 0 ? 1 : static_cast<int64_t>(rank);
  if (dim < -n || dim >= n) {
    ctx.fail("dimension out of range (expected to be in range of [" + std::to_string(-n) + ", " +
             std::to_string(n - 1) + "], but got " + std::to_string(dim) + ")");
  }
  return static_cast<size_t>(dim < 0 ? dim + n : dim);
}

void torch_check(OpContext& ctx, Expr cond, std::string_view message) {
  bool holds = false;
  try {
    holds = ctx.evaluate(cond, message);
  } catch (const DataDependentError&) {
    // No hint to guard on: PyTorch defers a runtime assertion.
    try {
      ctx.expect_true(cond, message);
      return;
    } catch (const GuardViolation&) {
      holds = false;
    }
  }
  if (!holds) ctx.fail(std::string(message));
}

MemoryFormat suggest_memory_format(OpContext& ctx, const FakeTensor& t) {
  // are_strides_like_channels_last in torch/_prims_common: every comparison
  // is a SymBool PyTorch converts to bool, so each is a question to the env.
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
    if (d == 0 && ctx.evaluate(eq(min, stride[1]), why)) return MemoryFormat::Contiguous;
    min = stride[d];
    if (ctx.evaluate(gt(stride[d], integer(1)), why)) min = min * size[d];
  }
  return t.dim() == 4 ? MemoryFormat::ChannelsLast : MemoryFormat::ChannelsLast3d;
}

FakeTensor empty_tensor(std::vector<Expr> sizes, ScalarType dtype, const Device& device,
                        MemoryFormat format) {
  FakeTensor out;
  out.dtype = dtype;
  out.device = device;
  out.strides = strides_for(format, sizes);
  out.sizes = std::move(sizes);
  out.storage_offset = integer(0);
  return out;
}

FakeTensor empty_like(OpContext& ctx, const FakeTensor& like, std::optional<ScalarType> dtype) {
  FakeTensor out;
  out.dtype = dtype.value_or(like.dtype);
  out.device = like.device;
  out.sizes = like.sizes;
  const std::vector<Expr> sizes[] = {like.sizes};
  const std::vector<Expr> strides[] = {like.strides};
  out.strides = elementwise_strides(ctx, out.sizes, sizes, strides);
  out.storage_offset = integer(0);
  return out;
}

std::vector<Expr> broadcast_shapes(OpContext& ctx, std::span<const std::vector<Expr>> shapes) {
  size_t rank = 0;
  for (const auto& s : shapes) rank = std::max(rank, s.size());
  std::vector<Expr> common(rank, integer(1));
  for (const auto& shape : shapes) {
    for (size_t k = 1; k <= shape.size(); ++k) {
      Expr& c = common[rank - k];
      Expr s = shape[shape.size() - k];
      if (ctx.evaluate(eq(c, integer(1)), "broadcast: is the common size 1?")) {
        c = s;
      } else if (ctx.evaluate(ne(s, integer(1)), "broadcast: is the size not 1?")) {
        torch_check(ctx, eq(c, s), "shapes cannot be broadcast: sizes must match where neither is 1");
      }
    }
  }
  return common;
}

std::vector<bool> bool_list(OpContext& ctx, size_t i, std::string_view keyword, size_t count) {
  const Argument* a = ctx.arg(i, keyword);
  if (a == nullptr || !(a->is(Argument::Kind::List) || a->is(Argument::Kind::Tuple)) ||
      a->items.size() != count) {
    ctx.fail("expected a list of " + std::to_string(count) + " bools for argument " + std::string(keyword));
  }
  std::vector<bool> out;
  for (const Argument& item : a->items) {
    if (!item.is(Argument::Kind::Bool)) ctx.fail("expected a bool in " + std::string(keyword));
    out.push_back(item.bool_value);
  }
  return out;
}

std::optional<std::pair<int64_t, int64_t>> exact_dyadic(double x) {
  if (!std::isfinite(x)) return std::nullopt;
  for (int64_t den = 1; den <= (int64_t{1} << 20); den *= 2) {
    const double num = x * static_cast<double>(den);
    if (std::fabs(num) >= 9.0e15) return std::nullopt;
    if (num == std::trunc(num)) return std::pair{static_cast<int64_t>(num), den};
  }
  return std::nullopt;
}

Expr product(std::span<const Expr> sizes) {
  if (sizes.empty()) return integer(1);
  return mul(sizes);
}

}  // namespace symshape::tracer
