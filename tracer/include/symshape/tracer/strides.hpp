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
// Without a context the Max stays unless the size is a constant; with one,
// max(size, 1) is simplified under the env's facts (s0 >= 2 makes it s0), as
// PyTorch's sym_max does. Rules use the context overloads.
std::vector<Expr> contiguous_strides(std::span<const Expr> sizes);
std::vector<Expr> contiguous_strides(OpContext& ctx, std::span<const Expr> sizes);
// NHWC (4-d) / NDHWC (5-d) strides.
std::vector<Expr> channels_last_strides(std::span<const Expr> sizes);
std::vector<Expr> channels_last_strides(OpContext& ctx, std::span<const Expr> sizes);
// Preserve is treated as Contiguous here (callers resolve it from an input);
// the context overload fails for channels_last on a tensor of another rank.
std::vector<Expr> strides_for(MemoryFormat format, std::span<const Expr> sizes);
std::vector<Expr> strides_for(OpContext& ctx, MemoryFormat format, std::span<const Expr> sizes);
// c10's is_contiguous / is_contiguous(channels_last): size-1 dimensions are
// skipped; fewer than 2 elements is contiguous. Questions go through ctx.
bool is_contiguous(OpContext& ctx, std::span<const Expr> sizes, std::span<const Expr> strides);
bool is_channels_last_contiguous(OpContext& ctx, std::span<const Expr> sizes, std::span<const Expr> strides);
// A tensor broadcast to `out_sizes` without copying (prims.broadcast_in_dim,
// what elementwise refs do to their inputs): size-1 dimensions that grow and
// new leading dimensions get stride 0.
std::vector<Expr> broadcast_strides(OpContext& ctx, std::span<const Expr> sizes, std::span<const Expr> strides,
                                    std::span<const Expr> out_sizes);
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
// The strides of an elementwise op's output (torch._prims_common's
// compute_elementwise_output_strides): contiguous when every input is,
// channels-last when every input is, else contiguous in the dimension order
// the inputs' strides give (see strides.cpp). `input_*` are the tensor inputs
// as they are (not yet broadcast). With one input this is also clone's and
// empty_like's preserve_format rule.
std::vector<Expr> elementwise_strides(OpContext& ctx, std::span<const Expr> out_sizes,
                                      std::span<const std::vector<Expr>> input_sizes,
                                      std::span<const std::vector<Expr>> input_strides);

}  // namespace symshape::tracer
