// The shape arithmetic that convolution and pooling share with their backward
// ops (conv_pool.cpp, backward.cpp), following PyTorch's meta functions
// (torch/_meta_registrations.py) and FakeTensor's conv impl (fake_impls.py).
#pragma once

#include <vector>

#include "symshape/symbolic/expr.hpp"
#include "symshape/tracer/fake_tensor.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {

// The arguments of aten.convolution (and convolution_backward) after `input`,
// `weight` (and bias): per spatial dim, a one-element list repeated.
struct ConvParams {
  std::vector<Expr> stride, padding, dilation, output_padding;
  bool transposed = false;
  Expr groups;
};

// calc_conv_nd_return_shape: [N, C_out, spatial...] with
// (L + 2p - d*(k-1) - 1)//s + 1 (or the transposed formula), the channel
// check and the "output size is too small" check.
std::vector<Expr> conv_output_sizes(OpContext& ctx, const FakeTensor& input, const FakeTensor& weight,
                                    const ConvParams& p);

// The memory format FakeTensor's conv impl gives conv outputs (and the input
// and weight gradients of convolution_backward): channels-last when the input
// or the weight suggests it (the cuDNN / mkldnn / slow-conv rule), contiguous
// for 1-d convs, double tensors and a batch without a hint.
MemoryFormat conv_memory_format(OpContext& ctx, const FakeTensor& input, const FakeTensor& weight);

// max_pool2d / avg_pool2d parameters after unpacking (kH, kW, ...): an empty
// stride means the kernel size.
struct Pool2dParams {
  Expr kH, kW, dH, dW, padH, padW, dilationH, dilationW;
  bool ceil_mode = false;
};
// Reads kernel_size, stride, padding, dilation (absent for avg_pool: 1) and
// ceil_mode at the given argument positions.
Pool2dParams read_pool2d_params(OpContext& ctx, size_t first, bool has_dilation);

struct Pool2dShape {
  Expr planes, height, width;
  MemoryFormat format = MemoryFormat::Contiguous;
};
// max_pool2d_checks_and_compute_shape / avg_pool2d's: output planes, height,
// width (pooling_output_shape, with div_rtn and the ceil_mode "last window
// starts inside the image" adjustment asked through the env) and
// pool2d_shape_check; `format` is the input's suggested memory format.
Pool2dShape pool2d_output_shape(OpContext& ctx, const FakeTensor& input, const Pool2dParams& p);

// The 3-d or 4-d pooling output sizes for `input`: [N?, planes, H, W].
std::vector<Expr> pool2d_sizes(const FakeTensor& input, const Pool2dShape& s);

// check_dim_size(t, input.dim(), dim, size) of aten/src/ATen/TensorUtils.cpp.
void check_dim_size(OpContext& ctx, const FakeTensor& t, size_t ndim, size_t dim, Expr size);

}  // namespace symshape::tracer
