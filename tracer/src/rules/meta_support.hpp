// Helpers shared by the op families that mirror PyTorch's meta functions
// (conv_pool, normalization, indexing, backward, collectives, unbacked): the
// spots where a meta function turns a SymBool into a Python bool, wraps a dim,
// or allocates its output with `torch.empty(..., memory_format=...)`.
//
// Every size question still goes through the OpContext; these helpers only
// decide which question PyTorch asks at that spot.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "symshape/symbolic/expr.hpp"
#include "symshape/tracer/fake_tensor.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {

// PyTorch's maybe_wrap_dim: -1 is the last dimension; a 0-d tensor accepts
// dims -1 and 0. Out of range is an OpError.
size_t wrap_dim(OpContext& ctx, int64_t dim, size_t rank);

// `torch._check(cond, msg)` on a SymBool: with hints PyTorch guards on the
// condition (SymNode.expect_true -> guard_bool); when the condition involves
// unbacked symbols it defers a runtime assertion instead. False is an OpError
// carrying `message`.
void torch_check(OpContext& ctx, Expr cond, std::string_view message);

// PyTorch's suggest_memory_format: ChannelsLast (4-d) / ChannelsLast3d (5-d)
// when the strides look channels-last (is_channels_last_strides_2d/3d, asked
// through the env like PyTorch's SymBool comparisons), else Contiguous.
MemoryFormat suggest_memory_format(OpContext& ctx, const FakeTensor& t);

// torch.empty(sizes, dtype, device, memory_format): strides from strides.hpp.
FakeTensor empty_tensor(std::vector<Expr> sizes, ScalarType dtype, const Device& device,
                        MemoryFormat format = MemoryFormat::Contiguous);

// torch.empty_like(like) with preserve_format (the strides of a dense input,
// contiguous otherwise), optionally with another dtype.
FakeTensor empty_like(OpContext& ctx, const FakeTensor& like, std::optional<ScalarType> dtype = std::nullopt);

// PyTorch's _broadcast_shapes: a dimension of 1 takes the other size; two
// sizes that are not 1 must be equal (torch._check).
std::vector<Expr> broadcast_shapes(OpContext& ctx, std::span<const std::vector<Expr>> shapes);

// An argument that must be a list of bools (output masks); `count` entries.
std::vector<bool> bool_list(OpContext& ctx, size_t i, std::string_view keyword, size_t count);

// x = numerator / denominator exactly, with a power-of-two denominator of at
// most 2^20 (every float PyTorch prints for a scale or a ratio of small ints
// that symshape can model exactly); nullopt otherwise.
std::optional<std::pair<int64_t, int64_t>> exact_dyadic(double x);

// The product of `sizes` (numel), 1 for none.
Expr product(std::span<const Expr> sizes);

}  // namespace symshape::tracer
