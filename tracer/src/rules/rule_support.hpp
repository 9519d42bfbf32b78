// Helpers every op family shares: dimension wrapping, broadcasting (PyTorch's
// infer_size), building output tensors. Stride rules live in strides.hpp.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "symshape/symbolic/build.hpp"
#include "symshape/tracer/fake_tensor.hpp"
#include "symshape/tracer/op_registry.hpp"
#include "symshape/tracer/strides.hpp"

namespace symshape::tracer {

// maybe_wrap_dim: a dim in [-rank, rank) (a 0-d tensor counts as rank 1)
// made nonnegative; OpError outside.
int64_t wrap_dim(const OpContext& ctx, int64_t dim, size_t rank);
// Each entry wrapped; OpError when a dim repeats.
std::vector<int64_t> wrap_dims(const OpContext& ctx, std::span<const int64_t> dims, size_t rank);

Expr numel(std::span<const Expr> sizes);

// The broadcast shape of `a` and `b` (FakeTensor's infer_size): per
// dimension, is either side 1 (guard_or_false), else torch._check that they
// are equal. OpError when they cannot broadcast.
std::vector<Expr> broadcast_shapes(OpContext& ctx, std::span<const Expr> a, std::span<const Expr> b);

// A new tensor with the given sizes and a layout (contiguous unless asked).
FakeTensor new_tensor(OpContext& ctx, std::vector<Expr> sizes, ScalarType dtype, Device device,
                      MemoryFormat format = MemoryFormat::Contiguous);
// A view of `base`: same dtype and device, the given geometry.
FakeTensor view_of(const FakeTensor& base, std::vector<Expr> sizes, std::vector<Expr> strides, Expr storage_offset);

}  // namespace symshape::tracer
