// Helpers shared by the op families that mirror PyTorch's meta functions
// (conv_pool, normalization, indexing, backward, collectives): the layout
// decisions those functions make from an input (suggest_memory_format,
// empty_like) and output masks. rule_support.hpp has the helpers every family
// shares (wrap_dim, numel, broadcasting, new_tensor).
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "symshape/symbolic/expr.hpp"
#include "symshape/tracer/fake_tensor.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {

// PyTorch's suggest_memory_format: ChannelsLast (4-d) / ChannelsLast3d (5-d)
// when the strides look channels-last (are_strides_like_channels_last; each
// comparison is a SymBool PyTorch turns into a bool, so a question to the
// env), else Contiguous.
MemoryFormat suggest_memory_format(OpContext& ctx, const FakeTensor& t);

// torch.empty_like(like) with preserve_format (elementwise_strides of the one
// input: dense layouts kept, contiguous otherwise), optionally another dtype.
FakeTensor empty_like(OpContext& ctx, const FakeTensor& like, std::optional<ScalarType> dtype = std::nullopt);

// empty_like(t.transpose(1, 2)).transpose(1, 2): how the flash-attention
// metas allocate [B, H, L, E] results so that a [B, L, H, E] layout (heads
// split off a contiguous projection) is kept.
FakeTensor empty_like_transposed12(OpContext& ctx, const FakeTensor& t);

// PyTorch's _broadcast_shapes over any number of shapes (index tensors):
// rule_support's pairwise broadcast, folded left to right.
std::vector<Expr> broadcast_all(OpContext& ctx, std::span<const std::vector<Expr>> shapes);

// An argument that must be a list of `count` bools (output masks).
std::vector<bool> bool_list(OpContext& ctx, size_t i, std::string_view keyword, size_t count);

}  // namespace symshape::tracer
