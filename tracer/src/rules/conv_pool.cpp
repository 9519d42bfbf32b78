// Family: convolution, pooling, padding, upsampling, stft (see
// rules/rule_families.hpp). Shapes follow PyTorch's meta functions
// (torch/_meta_registrations.py, torch/_refs, inductor_prims.py); the shared
// arithmetic is in conv_shapes.hpp.
#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "rules/conv_shapes.hpp"
#include "rules/meta_support.hpp"
#include "rules/rule_support.hpp"
#include "rules/rule_families.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/tracer/op_registry.hpp"
#include "symshape/tracer/strides.hpp"

namespace symshape::tracer {
namespace {

// A scale factor as an exact fraction with a power-of-two denominator (at most
// 2^20), so `size * scale` truncates exactly; nullopt for other floats.
std::optional<std::pair<int64_t, int64_t>> exact_dyadic(double x) {
  if (!std::isfinite(x)) return std::nullopt;
  for (int64_t den = 1; den <= (int64_t{1} << 20); den *= 2) {
    const double num = x * static_cast<double>(den);
    if (std::fabs(num) >= 9.0e15) return std::nullopt;
    if (num == std::trunc(num)) return std::pair{static_cast<int64_t>(num), den};
  }
  return std::nullopt;
}

// aten.convolution(input, weight, bias, stride, padding, dilation, transposed,
// output_padding, groups)
Value convolution(OpContext& ctx) {
  const FakeTensor& input = ctx.tensor(0, "input");
  const FakeTensor& weight = ctx.tensor(1, "weight");
  ConvParams p;
  p.stride = ctx.sym_int_list(3, "stride");
  p.padding = ctx.sym_int_list(4, "padding");
  p.dilation = ctx.sym_int_list(5, "dilation");
  p.transposed = ctx.bool_value(6, "transposed");
  p.output_padding = ctx.sym_int_list(7, "output_padding");
  p.groups = ctx.sym_int(8, "groups");
  auto sizes = conv_output_sizes(ctx, input, weight, p);
  return Value::tensor(new_tensor(ctx, std::move(sizes), input.dtype, input.device,
                                    conv_memory_format(ctx, input, weight)));
}

// max_pool2d_with_indices(self, kernel_size, stride=[], padding=0, dilation=1,
// ceil_mode=False) -> (values, indices), both in the input's suggested memory
// format; `index_dtype` is int64 for the indices, int8 for
// prims._low_memory_max_pool2d_with_offsets (the indices turned elementwise
// into offsets within the window).
Value max_pool2d(OpContext& ctx, ScalarType index_dtype) {
  const FakeTensor& input = ctx.tensor(0, "self");
  const Pool2dShape s = pool2d_output_shape(ctx, input, read_pool2d_params(ctx, 1, true));
  const auto sizes = pool2d_sizes(input, s);
  return Value::tuple({Value::tensor(new_tensor(ctx, sizes, input.dtype, input.device, s.format)),
                       Value::tensor(new_tensor(ctx, sizes, index_dtype, input.device, s.format))});
}
Value max_pool2d_with_indices(OpContext& ctx) { return max_pool2d(ctx, ScalarType::I64); }
Value low_memory_max_pool2d_with_offsets(OpContext& ctx) { return max_pool2d(ctx, ScalarType::I8); }

// avg_pool2d(self, kernel_size, stride=[], padding=0, ceil_mode=False,
// count_include_pad=True, divisor_override=None)
Value avg_pool2d(OpContext& ctx) {
  const FakeTensor& input = ctx.tensor(0, "self");
  if (input.dtype == ScalarType::U8) ctx.fail("\"avg_pool2d\" not implemented for 'Byte'");
  const Pool2dParams params = read_pool2d_params(ctx, 1, false);
  if (auto divisor = ctx.optional_sym_int(6, "divisor_override")) {
    ctx.check(ne(*divisor, integer(0)), "divisor must be not zero");
  }
  const Pool2dShape s = pool2d_output_shape(ctx, input, params);
  return Value::tensor(new_tensor(ctx, pool2d_sizes(input, s), input.dtype, input.device, s.format));
}

// _adaptive_avg_pool2d / adaptive_max_pool2d: the last two sizes become
// output_size; every non-batch input size must be positive.
std::vector<Expr> adaptive_sizes(OpContext& ctx, const FakeTensor& input) {
  if (input.dim() != 3 && input.dim() != 4) ctx.fail("adaptive pooling: expected 3D or 4D tensor");
  for (size_t i = 1; i < input.dim(); ++i) {
    ctx.check(gt(input.sizes[i], integer(0)),
                "adaptive pooling: expected input to have non-zero size for non-batch dimensions");
  }
  const auto output_size = ctx.sym_int_list(1, "output_size");
  if (output_size.size() != 2) ctx.fail("adaptive pooling: output_size must be 2");
  std::vector<Expr> sizes(input.sizes.begin(), input.sizes.end() - 2);
  sizes.insert(sizes.end(), output_size.begin(), output_size.end());
  return sizes;
}

Value adaptive_avg_pool2d(OpContext& ctx) {
  const FakeTensor& input = ctx.tensor(0, "self");
  auto sizes = adaptive_sizes(ctx, input);
  return Value::tensor(new_tensor(ctx, std::move(sizes), input.dtype, input.device, suggest_memory_format(ctx, input)));
}

Value adaptive_max_pool2d(OpContext& ctx) {
  const FakeTensor& input = ctx.tensor(0, "self");
  auto sizes = adaptive_sizes(ctx, input);
  // The 3-d case allocates with new_empty (contiguous), the 4-d case converts
  // to the suggested format.
  const MemoryFormat format = input.dim() == 4 ? suggest_memory_format(ctx, input) : MemoryFormat::Contiguous;
  return Value::tuple({Value::tensor(new_tensor(ctx, sizes, input.dtype, input.device, format)),
                       Value::tensor(new_tensor(ctx, sizes, ScalarType::I64, input.device, format))});
}

// torch._refs.constant_pad_nd: pad lists (left, right) pairs from the last
// dimension backwards; negative pads narrow. All pads <= 0 is a clone of the
// narrowed input; otherwise a new tensor in the input's suggested format.
FakeTensor constant_pad(OpContext& ctx, const FakeTensor& input, const std::vector<Expr>& pad) {
  if (pad.size() % 2 != 0) ctx.fail("Length of pad must be even but instead it equals " + std::to_string(pad.size()));
  const size_t l_inp = input.dim();
  const size_t l_pad = pad.size() / 2;
  if (l_inp < l_pad) ctx.fail("Length of pad should be no more than twice the number of dimensions of the input");
  const size_t l_diff = l_inp - l_pad;
  std::vector<Expr> narrowed = input.sizes;
  for (size_t i = l_diff; i < l_inp; ++i) {
    const size_t pad_idx = 2 * (l_inp - i - 1);
    if (ctx.evaluate(lt(pad[pad_idx], integer(0)), "constant_pad_nd: negative left pad?")) {
      narrowed[i] = narrowed[i] + pad[pad_idx];
    }
    if (ctx.evaluate(lt(pad[pad_idx + 1], integer(0)), "constant_pad_nd: negative right pad?")) {
      narrowed[i] = narrowed[i] + pad[pad_idx + 1];
    }
  }
  bool all_nonpositive = true;
  for (const Expr& p : pad) {
    if (!ctx.evaluate(le(p, integer(0)), "constant_pad_nd: all pads <= 0?")) {
      all_nonpositive = false;
      break;  // Python's all() stops at the first False
    }
  }
  if (all_nonpositive) {
    FakeTensor view = input;
    view.sizes = narrowed;
    return empty_like(ctx, view);
  }
  std::vector<Expr> sizes(input.sizes.begin(), input.sizes.begin() + static_cast<std::ptrdiff_t>(l_diff));
  for (size_t i = 0; i < l_pad; ++i) {
    const size_t pad_idx = pad.size() - (i + 1) * 2;
    const Expr dim = input.sizes[l_diff + i] + pad[pad_idx] + pad[pad_idx + 1];
    ctx.check(ge(dim, integer(0)),
                "constant_pad_nd: the input size plus negative padding resulted in a negative output size");
    sizes.push_back(dim);
  }
  return new_tensor(ctx, std::move(sizes), input.dtype, input.device, suggest_memory_format(ctx, input));
}

Value constant_pad_nd(OpContext& ctx) {
  return Value::tensor(constant_pad(ctx, ctx.tensor(0, "self"), ctx.sym_int_list(1, "pad")));
}

// reflection/replication/circular padding of the last `pad.size()/2` dims:
// sizes grow by both pads (new_empty: contiguous).
FakeTensor edge_pad(OpContext& ctx, const FakeTensor& input, const std::vector<Expr>& pad) {
  if (pad.size() % 2 != 0 || pad.size() / 2 > input.dim()) ctx.fail("padding size is invalid for the input");
  std::vector<Expr> sizes = input.sizes;
  for (size_t i = 0; i < pad.size() / 2; ++i) {
    Expr& d = sizes[input.dim() - 1 - i];
    d = d + pad[2 * i] + pad[2 * i + 1];
    ctx.check(ge(d, integer(1)), "padding: output size is too small");
  }
  return new_tensor(ctx, std::move(sizes), input.dtype, input.device);
}

// aten.pad(input, pad, mode='constant', value=None)
Value pad(OpContext& ctx) {
  const FakeTensor& input = ctx.tensor(0, "self");
  const auto pads = ctx.sym_int_list(1, "pad");
  const Argument* mode = ctx.arg(2, "mode");
  if (mode == nullptr || mode->is(Argument::Kind::None) || mode->text == "constant") {
    return Value::tensor(constant_pad(ctx, input, pads));
  }
  return Value::tensor(edge_pad(ctx, input, pads));
}

Value padding_op(OpContext& ctx) {
  return Value::tensor(edge_pad(ctx, ctx.tensor(0, "self"), ctx.sym_int_list(1, "padding")));
}

// upsample_compute_output_size for the `.vec` overloads: output_size, or each
// spatial size times its scale factor, truncated (sym_int).
std::vector<Expr> upsample_vec_sizes(OpContext& ctx, const FakeTensor& input, size_t scale_index) {
  const size_t spatial = input.dim() - 2;
  if (ctx.has(1, "output_size")) {
    if (ctx.has(scale_index, "scale_factors")) ctx.fail("Must specify exactly one of output_size and scale_factors");
    return ctx.sym_int_list(1, "output_size");
  }
  const Argument* scales = ctx.arg(scale_index, "scale_factors");
  if (scales == nullptr || !scales->is(Argument::Kind::List) || scales->items.size() != spatial) {
    ctx.fail("upsample: expected " + std::to_string(spatial) + " scale factors");
  }
  std::vector<Expr> out;
  for (size_t i = 0; i < spatial; ++i) {
    const Argument& s = scales->items[i];
    const double value = s.is(Argument::Kind::Int) ? static_cast<double>(s.int_value) : s.float_value;
    const auto r = exact_dyadic(value);
    if (!r || r->first < 0) ctx.fail("upsample: scale factor " + std::to_string(value) + " is not modelled exactly");
    out.push_back(floordiv(input.sizes[i + 2] * integer(r->first), integer(r->second)));
  }
  return out;
}

// upsample_common_check plus the allocation: [N, C, output_size...] in the
// input's suggested memory format (nearest-2d on CUDA keeps contiguous for
// fewer than 4 channels, PyTorch's "only when faster" heuristic).
Value upsample(OpContext& ctx, std::vector<Expr> output_size, bool nearest_2d) {
  const FakeTensor& input = ctx.tensor(0, "input");
  if (input.dim() < 3 || output_size.size() != input.dim() - 2) {
    ctx.fail("upsample: expected output_size of " + std::to_string(input.dim() - 2) + " entries");
  }
  ctx.check(ne(numel(input.sizes), integer(0)),
              "Non-empty 3D/4D/5D data tensor expected but got a tensor with sizes with a zero");
  for (size_t i = 2; i < input.dim(); ++i) {
    ctx.check(gt(input.sizes[i], integer(0)), "Input and output sizes should be greater than 0");
  }
  for (const Expr& o : output_size) {
    ctx.check(gt(o, integer(0)), "Input and output sizes should be greater than 0");
  }
  std::vector<Expr> sizes{input.sizes[0], input.sizes[1]};
  sizes.insert(sizes.end(), output_size.begin(), output_size.end());
  MemoryFormat format = suggest_memory_format(ctx, input);
  if (nearest_2d && input.device.type == "cuda" &&
      ctx.evaluate(lt(input.sizes[1], integer(4)), "upsample_nearest2d: fewer than 4 channels on CUDA?")) {
    format = MemoryFormat::Contiguous;
  }
  return Value::tensor(new_tensor(ctx, std::move(sizes), input.dtype, input.device, format));
}

bool is_nearest_2d(OpContext& ctx) {
  const auto op = ctx.op_packet();
  return op == "aten.upsample_nearest2d" || op == "aten._upsample_nearest_exact2d";
}

// upsample_nearest*d(input, output_size, scales...); .vec(input, output_size, scale_factors)
Value upsample_nearest(OpContext& ctx) {
  if (ctx.overload() == "vec") return upsample(ctx, upsample_vec_sizes(ctx, ctx.tensor(0, "input"), 2), is_nearest_2d(ctx));
  return upsample(ctx, ctx.sym_int_list(1, "output_size"), is_nearest_2d(ctx));
}

// upsample_{linear1d,bilinear2d,bicubic2d,trilinear3d}(input, output_size,
// align_corners, scales...); .vec(input, output_size, align_corners, scale_factors)
Value upsample_interpolating(OpContext& ctx) {
  if (ctx.overload() == "vec") return upsample(ctx, upsample_vec_sizes(ctx, ctx.tensor(0, "input"), 3), false);
  return upsample(ctx, ctx.sym_int_list(1, "output_size"), false);
}

ScalarType complex_of(OpContext& ctx, ScalarType t) {
  switch (t) {
    case ScalarType::F32: return ScalarType::C64;
    case ScalarType::F64: return ScalarType::C128;
    case ScalarType::C64:
    case ScalarType::C128: return t;
    default: ctx.fail(std::string("stft: expected a float or complex input, got ") + short_name(t));
  }
}

// stft(self, n_fft, hop_length=None, win_length=None, window=None,
// normalized=False, onesided=None, return_complex=None) and stft.center(self,
// n_fft, hop_length, win_length, window, center=True, pad_mode, normalized,
// onesided, return_complex). Frames are [B?, n_frames, n_fft], transformed to
// [B?, n_frames, n_freq] and transposed: [B?, n_freq, n_frames] with the
// frequency stride 1; return_complex=False views it as real [..., 2].
Value stft(OpContext& ctx) {
  const FakeTensor& input = ctx.tensor(0, "self");
  if (input.dim() != 1 && input.dim() != 2) ctx.fail("stft: expected a 1D or 2D tensor");
  const bool center_overload = ctx.overload() == "center";
  const size_t off = center_overload ? 2 : 0;  // center and pad_mode shift the tail
  const Expr n_fft = ctx.sym_int(1, "n_fft");
  const Expr hop = ctx.optional_sym_int(2, "hop_length").value_or(floordiv(n_fft, integer(4)));
  const bool center = center_overload && ctx.bool_value(5, "center", true);
  const bool complex_input = is_complex(input.dtype);
  const bool onesided = ctx.has(6 + off, "onesided") ? ctx.bool_value(6 + off, "onesided") : !complex_input;
  const bool return_complex = ctx.bool_value(7 + off, "return_complex", complex_input);
  Expr length = input.sizes.back();
  if (center) length = length + 2 * floordiv(n_fft, integer(2));
  ctx.check(logical_and(gt(n_fft, integer(0)), le(n_fft, length)),
              "stft: expected 0 < n_fft <= input length");
  ctx.check(gt(hop, integer(0)), "stft: expected hop_length > 0");
  const Expr frames = floordiv(length - n_fft, hop) + 1;
  const Expr freq = onesided ? floordiv(n_fft, integer(2)) + 1 : n_fft;
  std::vector<Expr> sizes;
  if (input.dim() == 2) sizes.push_back(input.sizes[0]);
  sizes.push_back(freq);
  sizes.push_back(frames);
  // Contiguous [B?, frames, freq], then transpose(-1, -2).
  std::vector<Expr> frame_major = sizes;
  std::swap(frame_major[frame_major.size() - 1], frame_major[frame_major.size() - 2]);
  if (!return_complex) frame_major.push_back(integer(2));
  std::vector<Expr> strides = contiguous_strides(frame_major);
  const size_t f = sizes.size() - 2;
  std::swap(strides[f], strides[f + 1]);
  FakeTensor out;
  out.dtype = return_complex ? complex_of(ctx, input.dtype)
                             : (input.dtype == ScalarType::F64 || input.dtype == ScalarType::C128 ? ScalarType::F64
                                                                                                    : ScalarType::F32);
  out.device = input.device;
  if (!return_complex) sizes.push_back(integer(2));
  out.sizes = std::move(sizes);
  out.strides = std::move(strides);
  out.storage_offset = integer(0);
  return Value::tensor(std::move(out));
}

}  // namespace

void register_conv_pool_rules(OpRegistry& r) {
  r.add("aten.convolution", convolution);
  r.add("aten._convolution", convolution);
  r.add("aten.max_pool2d_with_indices", max_pool2d_with_indices);
  r.add("prims._low_memory_max_pool2d_with_offsets", low_memory_max_pool2d_with_offsets);
  r.add("aten.avg_pool2d", avg_pool2d);
  r.add("aten._adaptive_avg_pool2d", adaptive_avg_pool2d);
  r.add("aten.adaptive_avg_pool2d", adaptive_avg_pool2d);
  r.add("aten.adaptive_max_pool2d", adaptive_max_pool2d);
  r.add("aten.constant_pad_nd", constant_pad_nd);
  r.add("aten.pad", pad);
  for (const char* op : {"aten.reflection_pad1d", "aten.reflection_pad2d", "aten.reflection_pad3d",
                         "aten.replication_pad1d", "aten.replication_pad2d", "aten.replication_pad3d",
                         "aten._pad_circular"}) {
    r.add(op, padding_op);
  }
  for (const char* op : {"aten.upsample_nearest1d", "aten.upsample_nearest2d", "aten.upsample_nearest3d",
                         "aten._upsample_nearest_exact1d", "aten._upsample_nearest_exact2d",
                         "aten._upsample_nearest_exact3d"}) {
    r.add(op, upsample_nearest);
  }
  for (const char* op : {"aten.upsample_linear1d", "aten.upsample_bilinear2d", "aten.upsample_bicubic2d",
                         "aten.upsample_trilinear3d", "aten._upsample_bilinear2d_aa", "aten._upsample_bicubic2d_aa"}) {
    r.add(op, upsample_interpolating);
  }
  r.add("aten.stft", stft);
}

}  // namespace symshape::tracer
