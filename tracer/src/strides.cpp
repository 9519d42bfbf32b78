// PyTorch's stride rules. Sources followed (by name, so they can be compared):
// c10 TensorImpl contiguous strides (max(size, 1)), get_channels_last_strides,
// ATen inferExpandGeometry, TensorUtils computeStride, and
// torch._prims_common.compute_elementwise_output_strides (the rule FakeTensor
// uses for elementwise ops, with make_fast_binary_impl's contiguous shortcut).
#include "symshape/tracer/strides.hpp"

#include <algorithm>
#include <string>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {

namespace {

// max(size, 1), simplified under the env's facts when a context is given:
// PyTorch's sym_max(size, 1) is `size` for a size known >= 1.
Expr at_least_one(OpContext* ctx, Expr size) {
  const Expr m = max(size, integer(1));
  return ctx ? ctx->simplify(m) : m;
}

std::vector<Expr> contiguous_impl(OpContext* ctx, std::span<const Expr> sizes) {
  std::vector<Expr> strides(sizes.size());
  Expr running = integer(1);
  for (size_t i = sizes.size(); i-- > 0;) {
    strides[i] = running;
    running = mul(running, at_least_one(ctx, sizes[i]));
  }
  return strides;
}

// Channels-last: the strides of the dimensions taken in the order `order`
// (innermost first) are running products.
std::vector<Expr> ordered_impl(OpContext* ctx, std::span<const Expr> sizes, std::span<const size_t> order) {
  std::vector<Expr> strides(sizes.size());
  Expr running = integer(1);
  for (size_t d : order) {
    strides[d] = running;
    running = mul(running, at_least_one(ctx, sizes[d]));
  }
  return strides;
}

std::vector<Expr> channels_last_impl(OpContext* ctx, std::span<const Expr> sizes) {
  static constexpr size_t k2d[] = {1, 3, 2, 0};
  static constexpr size_t k3d[] = {1, 4, 3, 2, 0};
  if (sizes.size() == 4) return ordered_impl(ctx, sizes, k2d);
  if (sizes.size() == 5) return ordered_impl(ctx, sizes, k3d);
  // PyTorch raises for channels_last on other ranks; callers check the rank.
  return contiguous_impl(ctx, sizes);
}

Expr product(std::span<const Expr> sizes) {
  Expr p = integer(1);
  for (Expr s : sizes) p = mul(p, s);
  return p;
}

// Is a tensor contiguous in the dimension order `order` (innermost first)?
// c10's _compute_contiguous / compute_channels_last_contiguous_2d: size-1
// dimensions are skipped, a tensor of fewer than 2 elements is contiguous.
bool dense_in_order(OpContext& ctx, std::span<const Expr> sizes, std::span<const Expr> strides,
                    std::span<const size_t> order) {
  if (ctx.guard_or_false(lt(product(sizes), integer(2)), "contiguity: fewer than 2 elements")) return true;
  Expr expected = integer(1);
  for (size_t d : order) {
    if (ctx.guard_or_false(eq(sizes[d], integer(1)), "contiguity: size-1 dimension")) continue;
    if (ctx.guard_or_true(ne(strides[d], expected), "contiguity: stride")) return false;
    expected = mul(expected, sizes[d]);
  }
  return true;
}

std::vector<size_t> row_major_order(size_t n) {
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = n - 1 - i;
  return order;
}

}  // namespace

std::vector<Expr> contiguous_strides(std::span<const Expr> sizes) { return contiguous_impl(nullptr, sizes); }
std::vector<Expr> contiguous_strides(OpContext& ctx, std::span<const Expr> sizes) { return contiguous_impl(&ctx, sizes); }
std::vector<Expr> channels_last_strides(std::span<const Expr> sizes) { return channels_last_impl(nullptr, sizes); }
std::vector<Expr> channels_last_strides(OpContext& ctx, std::span<const Expr> sizes) {
  return channels_last_impl(&ctx, sizes);
}

std::vector<Expr> strides_for(MemoryFormat format, std::span<const Expr> sizes) {
  return format == MemoryFormat::ChannelsLast || format == MemoryFormat::ChannelsLast3d ? channels_last_strides(sizes)
                                                                                       : contiguous_strides(sizes);
}
std::vector<Expr> strides_for(OpContext& ctx, MemoryFormat format, std::span<const Expr> sizes) {
  if (format == MemoryFormat::ChannelsLast && sizes.size() != 4)
    ctx.fail("required rank 4 tensor to use channels_last format");
  if (format == MemoryFormat::ChannelsLast3d && sizes.size() != 5)
    ctx.fail("required rank 5 tensor to use channels_last_3d format");
  return format == MemoryFormat::ChannelsLast || format == MemoryFormat::ChannelsLast3d
             ? channels_last_strides(ctx, sizes)
             : contiguous_strides(ctx, sizes);
}

std::vector<Expr> permuted(std::span<const Expr> values, std::span<const int64_t> permutation) {
  std::vector<Expr> out;
  out.reserve(permutation.size());
  for (int64_t p : permutation) out.push_back(values[static_cast<size_t>(p)]);
  return out;
}

bool is_contiguous(OpContext& ctx, std::span<const Expr> sizes, std::span<const Expr> strides) {
  const std::vector<size_t> order = row_major_order(sizes.size());
  return dense_in_order(ctx, sizes, strides, order);
}

bool is_channels_last_contiguous(OpContext& ctx, std::span<const Expr> sizes, std::span<const Expr> strides) {
  static constexpr size_t k2d[] = {1, 3, 2, 0};
  static constexpr size_t k3d[] = {1, 4, 3, 2, 0};
  if (sizes.size() == 4) return dense_in_order(ctx, sizes, strides, k2d);
  if (sizes.size() == 5) return dense_in_order(ctx, sizes, strides, k3d);
  return false;
}

// inferExpandGeometry: an existing dimension keeps its stride unless its size
// changes (then it must be 1 and gets stride 0); a new leading dimension gets
// stride 0 unless its size is 1 (then the stride a contiguous layout would give).
std::vector<Expr> expanded_strides(OpContext& ctx, std::span<const Expr> old_sizes,
                                   std::span<const Expr> old_strides, std::span<const Expr> new_sizes) {
  const size_t ndim = new_sizes.size();
  if (old_sizes.size() > ndim)
    ctx.fail("the number of sizes provided (" + std::to_string(ndim) +
             ") must be greater or equal to the number of dimensions in the tensor (" +
             std::to_string(old_sizes.size()) + ")");
  std::vector<Expr> strides(ndim);
  for (size_t i = ndim; i-- > 0;) {
    const size_t offset = ndim - 1 - i;
    const bool existing = offset < old_sizes.size();
    const size_t d = existing ? old_sizes.size() - 1 - offset : 0;
    const Expr size = existing ? old_sizes[d] : integer(1);
    Expr stride = existing ? old_strides[d] : (i + 1 < ndim ? mul(new_sizes[i + 1], strides[i + 1]) : integer(1));
    if (!ctx.evaluate(eq(size, new_sizes[i]), "expand: does the size change")) {
      if (!ctx.evaluate(eq(size, integer(1)), "expand: only a size-1 dimension can be expanded"))
        ctx.fail("the expanded size of the tensor (" + to_sympy(new_sizes[i]) +
                 ") must match the existing size (" + to_sympy(size) + ") at non-singleton dimension " +
                 std::to_string(i));
      stride = integer(0);
    }
    strides[i] = stride;
  }
  return strides;
}

// TensorUtils computeStride: walk the old dimensions from the innermost,
// grouping them into chunks that are contiguous among themselves; each chunk
// must be covered exactly by consecutive new dimensions, which get strides
// inside the chunk. guard_or_true / guard_or_false as PyTorch's SymInt version.
std::optional<std::vector<Expr>> view_strides(OpContext& ctx, std::span<const Expr> old_sizes,
                                              std::span<const Expr> old_strides,
                                              std::span<const Expr> new_sizes) {
  const size_t new_rank = new_sizes.size();
  if (old_sizes.empty()) return std::vector<Expr>(new_rank, integer(1));
  const Expr numel = product(old_sizes);
  const bool zero_numel = ctx.guard_or_false(eq(numel, integer(0)), "view: zero elements");
  if (zero_numel) {
    bool same = old_sizes.size() == new_sizes.size();
    for (size_t i = 0; same && i < old_sizes.size(); ++i)
      same = ctx.guard_or_false(eq(old_sizes[i], new_sizes[i]), "view: same shape");
    if (same) return std::vector<Expr>(old_strides.begin(), old_strides.end());
    return contiguous_strides(ctx, new_sizes);
  }
  std::vector<Expr> strides(new_rank);
  int64_t view_d = static_cast<int64_t>(new_rank) - 1;
  Expr chunk_base_stride = old_strides.back();
  Expr tensor_numel = integer(1);
  Expr view_numel = integer(1);
  for (int64_t tensor_d = static_cast<int64_t>(old_sizes.size()) - 1; tensor_d >= 0; --tensor_d) {
    const size_t td = static_cast<size_t>(tensor_d);
    tensor_numel = mul(tensor_numel, old_sizes[td]);
    const bool chunk_end =
        tensor_d == 0 ||
        (ctx.guard_or_true(ne(old_sizes[td - 1], integer(1)), "view: size-1 dimension") &&
         ctx.guard_or_true(ne(old_strides[td - 1], mul(tensor_numel, chunk_base_stride)),
                           "view: is the dimension contiguous with the next"));
    if (!chunk_end) continue;
    while (view_d >= 0) {
      const size_t vd = static_cast<size_t>(view_d);
      if (!ctx.guard_or_true(lt(view_numel, tensor_numel), "view: chunk not yet covered") &&
          !ctx.guard_or_false(eq(new_sizes[vd], integer(1)), "view: size-1 dimension"))
        break;
      strides[vd] = mul(view_numel, chunk_base_stride);
      view_numel = mul(view_numel, new_sizes[vd]);
      --view_d;
    }
    if (ctx.guard_or_true(ne(view_numel, tensor_numel), "view: new dimensions cover the chunk exactly"))
      return std::nullopt;
    if (tensor_d > 0) {
      chunk_base_stride = old_strides[td - 1];
      tensor_numel = integer(1);
      view_numel = integer(1);
    }
  }
  if (view_d != -1) return std::nullopt;
  return strides;
}

// compute_elementwise_output_strides. The inputs are broadcast to the output
// shape first (stride 0 where broadcast, as _maybe_broadcast's expand does).
// If every input is contiguous (and not all channels-last, or the reverse), the
// output is contiguous (channels-last); this is also FakeTensor's fast path.
// Otherwise the dimensions are insertion-sorted by the inputs' strides, the
// first input that orders a pair deciding it (zero strides ignored; equal
// strides order by size), and the output is contiguous in that order.
// Simplification (documented): 0-d inputs are left out, as PyTorch leaves out
// CPU scalar tensors; a 0-d tensor on another device only defeats the shortcut
// in PyTorch, and the sort gives the same answer for every dense input.
std::vector<Expr> elementwise_strides(OpContext& ctx, std::span<const Expr> out_sizes,
                                      std::span<const std::vector<Expr>> input_sizes,
                                      std::span<const std::vector<Expr>> input_strides) {
  const size_t ndim = out_sizes.size();
  if (ndim == 0) return {};
  if (ndim == 1) return {integer(1)};
  std::vector<std::vector<Expr>> strides;  // each input's strides, broadcast to out_sizes
  for (size_t k = 0; k < input_sizes.size(); ++k) {
    if (input_sizes[k].empty()) continue;
    strides.push_back(broadcast_strides(ctx, input_sizes[k], input_strides[k], out_sizes));
  }
  if (strides.empty()) return contiguous_strides(ctx, out_sizes);

  bool all_contiguous = true, all_channels_last = true;
  for (const auto& s : strides) {
    all_contiguous = all_contiguous && is_contiguous(ctx, out_sizes, s);
    all_channels_last = all_channels_last && is_channels_last_contiguous(ctx, out_sizes, s);
  }
  if (all_contiguous && !all_channels_last) return contiguous_strides(ctx, out_sizes);
  if (all_channels_last && !all_contiguous) return channels_last_strides(ctx, out_sizes);

  auto should_swap = [&](size_t a, size_t b) -> int {
    for (const auto& s : strides) {
      if (ctx.guard_or_false(eq(s[a], integer(0)), "output layout: broadcast dimension") ||
          ctx.guard_or_false(eq(s[b], integer(0)), "output layout: broadcast dimension"))
        continue;
      if (ctx.guard_or_false(lt(s[a], s[b]), "output layout: stride order")) return -1;
      if (ctx.guard_or_false(gt(s[a], s[b]), "output layout: stride order")) return 1;
      if (ctx.guard_or_false(gt(out_sizes[a], out_sizes[b]), "output layout: size order")) return 1;
    }
    return 0;
  };
  // Sorted innermost first (PyTorch sorts back to front, then reverses).
  std::vector<size_t> perm = row_major_order(ndim);
  for (size_t i = 1; i < ndim; ++i) {
    size_t dim1 = i;
    for (size_t dim0 = i; dim0-- > 0;) {
      const int c = should_swap(perm[dim0], perm[dim1]);
      if (c > 0) {
        std::swap(perm[dim0], perm[dim1]);
        dim1 = dim0;
      } else if (c < 0) {
        break;
      }
    }
  }
  return ordered_impl(&ctx, out_sizes, perm);
}

// The strides of a tensor broadcast to `out_sizes` by _maybe_broadcast's
// expand (prims.broadcast_in_dim): a size-1 dimension that grows gets stride 0,
// as does a new leading dimension, unless its size is 1 (then the stride of
// the first existing dimension times its size, or 1 for a 0-d tensor).
std::vector<Expr> broadcast_strides(OpContext& ctx, std::span<const Expr> sizes, std::span<const Expr> strides,
                                    std::span<const Expr> out_sizes) {
  const size_t ndim = out_sizes.size();
  if (sizes.size() > ndim) ctx.fail("cannot broadcast a tensor to fewer dimensions");
  const size_t lead = ndim - sizes.size();
  std::vector<Expr> out(ndim, integer(0));
  for (size_t o = 0; o < ndim; ++o) {
    if (o < lead) {
      if (ctx.guard_or_false(eq(out_sizes[o], integer(1)), "broadcast: new size-1 dimension"))
        out[o] = sizes.empty() ? integer(1) : mul(strides[0], sizes[0]);
      continue;
    }
    const size_t d = o - lead;
    const bool grows = ctx.guard_or_false(eq(sizes[d], integer(1)), "broadcast: size-1 dimension") &&
                       !ctx.guard_or_false(eq(out_sizes[o], integer(1)), "broadcast: size-1 dimension");
    out[o] = grows ? integer(0) : strides[d];
  }
  return out;
}

}  // namespace symshape::tracer
