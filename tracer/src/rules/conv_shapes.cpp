#include "rules/conv_shapes.hpp"

#include "rules/meta_support.hpp"
#include "rules/rule_support.hpp"
#include "symshape/engine/engine_errors.hpp"
#include "symshape/symbolic/build.hpp"

namespace symshape::tracer {
namespace {

// `[x]` stands for `[x] * dims` (calc_conv_nd_return_shape, the pool unpack).
std::vector<Expr> per_dim(OpContext& ctx, std::vector<Expr> v, size_t dims, const char* name) {
  if (v.size() == 1) return std::vector<Expr>(dims, v[0]);
  if (v.size() != dims) {
    ctx.fail(std::string(name) + " must have " + std::to_string(dims) + " entries, got " + std::to_string(v.size()));
  }
  return v;
}

bool has_hint(OpContext& ctx, Expr e) {
  try {
    (void)ctx.env().size_hint(e);
    return true;
  } catch (const DataDependentError&) {
    return false;
  }
}

// pooling_output_shape_pad_lr's div_rtn: floor division rounding toward
// negative infinity, written in PyTorch with explicit bool conversions (each a
// question to the env).
Expr div_rtn(OpContext& ctx, Expr x, Expr y) {
  Expr q = floordiv(x, y);
  Expr r = mod(x, y);
  if (ctx.evaluate(ne(r, integer(0)), "pooling output size: div_rtn remainder nonzero?") &&
      ctx.evaluate(lt(r, integer(0)), "pooling output size: div_rtn remainder negative?") !=
          ctx.evaluate(lt(y, integer(0)), "pooling output size: div_rtn divisor negative?")) {
    q = q - 1;
  }
  return q;
}

Expr pooling_output_shape(OpContext& ctx, Expr in, Expr k, Expr pad, Expr stride, Expr dilation, bool ceil_mode) {
  ctx.check(ne(stride, integer(0)), "stride should not be zero");
  ctx.check(ge(pad, integer(0)), "pad must be non-negative");
  ctx.check(le(pad, floordiv((k - 1) * dilation + 1, integer(2))),
              "pad should be at most half of effective kernel size");
  Expr numerator = in + pad + pad - dilation * (k - 1) - 1;
  if (ceil_mode) numerator = numerator + (stride - 1);
  Expr out = div_rtn(ctx, numerator, stride) + 1;
  // ceil_mode: the last pooling window must start inside the image (or its
  // left padding), else PyTorch drops it.
  if (ceil_mode && ctx.evaluate(ge((out - 1) * stride, in + pad),
                                "pooling ceil_mode: does the last window start past the input?")) {
    out = out - 1;
  }
  return out;
}

}  // namespace

std::vector<Expr> conv_output_sizes(OpContext& ctx, const FakeTensor& input, const FakeTensor& weight,
                                    const ConvParams& p) {
  if (input.dim() < 3 || weight.dim() != input.dim()) {
    ctx.fail("convolution expects input and weight of the same rank >= 3, got " + std::to_string(input.dim()) +
             " and " + std::to_string(weight.dim()));
  }
  const size_t dims = input.dim() - 2;
  Expr out_channels;
  if (p.transposed) {
    out_channels = p.groups * weight.sizes[1];
  } else {
    out_channels = weight.sizes[0];
    if (ctx.evaluate(ne(weight.sizes[1] * p.groups, input.sizes[1]),
                     "convolution: weight.size(1) * groups != input.size(1)?")) {
      ctx.fail("Invalid channel dimensions: weight.size(1) * groups must equal input.size(1)");
    }
  }
  const auto stride = per_dim(ctx, p.stride, dims, "stride");
  const auto padding = per_dim(ctx, p.padding, dims, "padding");
  const auto dilation = per_dim(ctx, p.dilation, dims, "dilation");
  // PyTorch applies the transposed formula only when output_padding is a
  // non-empty list (meta_conv passes None for a regular conv).
  const bool use_transposed = p.transposed && !p.output_padding.empty();
  const auto output_padding = use_transposed ? per_dim(ctx, p.output_padding, dims, "output_padding")
                                             : std::vector<Expr>{};
  std::vector<Expr> out{input.sizes[0], out_channels};
  std::vector<Expr> positive;
  for (size_t i = 0; i < dims; ++i) {
    const Expr len = input.sizes[i + 2];
    const Expr k = weight.sizes[i + 2];
    Expr o;
    if (use_transposed) {
      o = (len - 1) * stride[i] - 2 * padding[i] + dilation[i] * (k - 1) + output_padding[i] + 1;
    } else {
      o = floordiv(len + 2 * padding[i] - dilation[i] * (k - 1) - 1, stride[i]) + 1;
    }
    positive.push_back(gt(o, integer(0)));
    out.push_back(o);
  }
  ctx.check(logical_or(positive), "convolution: Output size is too small");
  // meta_conv: an input without channels gives an output without channels.
  if (ctx.evaluate(eq(input.sizes[1], integer(0)), "convolution: input has 0 channels?")) out[1] = integer(0);
  return out;
}

MemoryFormat conv_memory_format(OpContext& ctx, const FakeTensor& input, const FakeTensor& weight) {
  if (weight.dim() == 3 || !has_hint(ctx, input.sizes[0])) return MemoryFormat::Contiguous;
  if (input.dtype == ScalarType::F64 || weight.dtype == ScalarType::F64) return MemoryFormat::Contiguous;
  const bool channels_last = suggest_memory_format(ctx, input) != MemoryFormat::Contiguous ||
                             suggest_memory_format(ctx, weight) != MemoryFormat::Contiguous;
  if (!channels_last) return MemoryFormat::Contiguous;
  return input.dim() == 5 ? MemoryFormat::ChannelsLast3d : MemoryFormat::ChannelsLast;
}

Pool2dParams read_pool2d_params(OpContext& ctx, size_t first, bool has_dilation) {
  auto pair = [&](std::vector<Expr> v, const char* name) {
    if (v.size() != 1 && v.size() != 2) ctx.fail(std::string(name) + " must either be a single int, or a tuple of two ints");
    return std::pair{v[0], v.size() == 1 ? v[0] : v[1]};
  };
  Pool2dParams p;
  std::tie(p.kH, p.kW) = pair(ctx.sym_int_list(first, "kernel_size"), "kernel_size");
  const auto stride = ctx.sym_int_list(first + 1, "stride", std::vector<int64_t>{});
  if (stride.size() > 2) ctx.fail("stride must either be omitted, a single int, or a tuple of two ints");
  if (stride.empty()) {
    p.dH = p.kH;
    p.dW = p.kW;
  } else {
    std::tie(p.dH, p.dW) = pair(stride, "stride");
  }
  std::tie(p.padH, p.padW) = pair(ctx.sym_int_list(first + 2, "padding", std::vector<int64_t>{0}), "padding");
  size_t next = first + 3;
  if (has_dilation) {
    std::tie(p.dilationH, p.dilationW) =
        pair(ctx.sym_int_list(next, "dilation", std::vector<int64_t>{1}), "dilation");
    ++next;
  } else {
    p.dilationH = p.dilationW = integer(1);
  }
  p.ceil_mode = ctx.bool_value(next, "ceil_mode", false);
  return p;
}

Pool2dShape pool2d_output_shape(OpContext& ctx, const FakeTensor& input, const Pool2dParams& p) {
  const size_t ndim = input.dim();
  if (ndim != 3 && ndim != 4) ctx.fail("pooling expects a 3D or 4D input, got " + std::to_string(ndim) + "D");
  Pool2dShape s;
  s.planes = input.sizes[ndim - 3];
  const Expr in_h = input.sizes[ndim - 2];
  const Expr in_w = input.sizes[ndim - 1];
  s.format = suggest_memory_format(ctx, input);
  s.height = pooling_output_shape(ctx, in_h, p.kH, p.padH, p.dH, p.dilationH, p.ceil_mode);
  s.width = pooling_output_shape(ctx, in_w, p.kW, p.padW, p.dW, p.dilationW, p.ceil_mode);
  // pool2d_shape_check
  ctx.check(logical_and(gt(p.kW, integer(0)), gt(p.kH, integer(0))), "kernel size should be greater than zero");
  ctx.check(logical_and(gt(p.dW, integer(0)), gt(p.dH, integer(0))), "stride should be greater than zero");
  ctx.check(logical_and(gt(p.dilationH, integer(0)), gt(p.dilationW, integer(0))),
              "dilation should be greater than zero");
  const char* empty_msg = "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input";
  if (ndim == 3) ctx.check(ne(input.sizes[0], integer(0)), empty_msg);
  ctx.check(ne(input.sizes[1], integer(0)), empty_msg);
  ctx.check(ne(input.sizes[2], integer(0)), empty_msg);
  if (ndim == 4) ctx.check(ne(input.sizes[3], integer(0)), empty_msg);
  ctx.check(logical_and(ge(floordiv(p.kW, integer(2)), p.padW), ge(floordiv(p.kH, integer(2)), p.padH)),
              "pad should be smaller than or equal to half of kernel size");
  ctx.check(logical_and(ge(s.width, integer(1)), ge(s.height, integer(1))),
              "pooling: output size is too small");
  return s;
}

std::vector<Expr> pool2d_sizes(const FakeTensor& input, const Pool2dShape& s) {
  if (input.dim() == 3) return {s.planes, s.height, s.width};
  return {input.sizes[0], s.planes, s.height, s.width};
}

void check_dim_size(OpContext& ctx, const FakeTensor& t, size_t ndim, size_t dim, Expr size) {
  if (t.dim() != ndim) {
    ctx.fail("Expected a tensor of dimension " + std::to_string(ndim) + ", got " + std::to_string(t.dim()));
  }
  ctx.check(eq(t.sizes[dim], size), "Expected tensor.size[" + std::to_string(dim) + "] to match");
}

}  // namespace symshape::tracer
