// Tensor metadata that is not a size: element type, device, layout, memory
// format. These are the values the FX text spells `torch.float32`,
// `device(type='cuda', index=0)`, `torch.strided`, `torch.channels_last`, and
// the annotation prefixes `f32`, `bf16`, `b8`, ...
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace symshape::tracer {

enum class ScalarType : uint8_t { F16, BF16, F32, F64, I8, I16, I32, I64, U8, B8, C64, C128 };

// The annotation spelling: "f32", "bf16", "b8", ...
const char* short_name(ScalarType t);
// The torch spelling without "torch.": "float32", "bfloat16", "bool", ...
const char* torch_name(ScalarType t);
// Parses either spelling ("f32", "float32", "float", "long", "bool", ...).
std::optional<ScalarType> parse_scalar_type(std::string_view text);
bool is_floating(ScalarType t);
bool is_complex(ScalarType t);
bool is_integral(ScalarType t, bool include_bool);
// PyTorch's type promotion for two tensor operands (category first, then width).
ScalarType promote_types(ScalarType a, ScalarType b);

struct Device {
  std::string type = "cpu";  // "cpu", "cuda", "meta", ...
  int index = -1;            // -1: none given
  friend bool operator==(const Device&, const Device&) = default;
};
// "cpu", "cuda:1"
std::string to_string(const Device& d);
// "cpu", "cuda", "cuda:1"; nullopt when malformed.
std::optional<Device> parse_device(std::string_view text);

enum class Layout : uint8_t { Strided, SparseCoo, SparseCsr };
enum class MemoryFormat : uint8_t { Contiguous, ChannelsLast, ChannelsLast3d, Preserve };
const char* torch_name(Layout l);         // "strided"
const char* torch_name(MemoryFormat m);   // "contiguous_format", "channels_last", ...

}  // namespace symshape::tracer
