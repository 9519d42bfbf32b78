// PyTorch's stride rules, in one place. Every op rule that produces a tensor
// gets its strides from here; nothing else computes strides.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "symshape/symbolic/expr.hpp"
#include "symshape/tracer/dtype.hpp"

namespace symshape::tracer {

class OpContext;

// Row-major strides; like PyTorch, each step multiplies by max(size, 1).
std::vector<Expr> contiguous_strides(std::span<const Expr> sizes);
// NHWC (4-d) / NDHWC (5-d) strides.
std::vector<Expr> channels_last_strides(std::span<const Expr> sizes);
std::vector<Expr> strides_for(MemoryFormat format, std::span<const Expr> sizes);
// Permute/transpose: the strides move with their dimensions.
std::vector<Expr> permuted(std::span<const Expr> values, std::span<const int64_t> permutation);
// Expand: broadcast dimensions (new, or size 1 expanded) get stride 0.
std::vector<Expr> expanded_strides(OpContext& ctx, std::span<const Expr> old_sizes,
                                   std::span<const Expr> old_strides, std::span<const Expr> new_sizes);
// view's stride computation (PyTorch's computeStride): the strides of a view
// of a tensor with `old_sizes`/`old_strides` as `new_sizes`, or nullopt when
// the view is impossible without a copy. Size questions go through ctx.
std::optional<std::vector<Expr>> view_strides(OpContext& ctx, std::span<const Expr> old_sizes,
                                              std::span<const Expr> old_strides,
                                              std::span<const Expr> new_sizes);
// The strides of an elementwise op's output: inputs' dimension order when the
// inputs are dense and agree (PyTorch's TensorIterator), contiguous otherwise.
std::vector<Expr> elementwise_strides(OpContext& ctx, std::span<const Expr> out_sizes,
                                      std::span<const std::vector<Expr>> input_sizes,
                                      std::span<const std::vector<Expr>> input_strides);

}  // namespace symshape::tracer
