#include "symshape/tracer/dtype.hpp"

#include <array>
#include <charconv>

namespace symshape::tracer {
namespace {

struct ScalarTypeNames {
  ScalarType type;
  const char* short_name;
  const char* torch_name;
};

// One row per type, in enum order: short_name() and torch_name() index it.
constexpr std::array<ScalarTypeNames, 12> kScalarTypes{{
    {ScalarType::F16, "f16", "float16"},
    {ScalarType::BF16, "bf16", "bfloat16"},
    {ScalarType::F32, "f32", "float32"},
    {ScalarType::F64, "f64", "float64"},
    {ScalarType::I8, "i8", "int8"},
    {ScalarType::I16, "i16", "int16"},
    {ScalarType::I32, "i32", "int32"},
    {ScalarType::I64, "i64", "int64"},
    {ScalarType::U8, "u8", "uint8"},
    {ScalarType::B8, "b8", "bool"},
    {ScalarType::C64, "c64", "complex64"},
    {ScalarType::C128, "c128", "complex128"},
}};

// torch's aliases (torch.half is torch.float16, ...).
struct ScalarTypeAlias {
  const char* name;
  ScalarType type;
};
constexpr std::array<ScalarTypeAlias, 9> kAliases{{
    {"half", ScalarType::F16},
    {"float", ScalarType::F32},
    {"double", ScalarType::F64},
    {"short", ScalarType::I16},
    {"int", ScalarType::I32},
    {"long", ScalarType::I64},
    {"cfloat", ScalarType::C64},
    {"cdouble", ScalarType::C128},
    {"complex", ScalarType::C64},
}};

int category(ScalarType t) {
  if (t == ScalarType::B8) return 0;
  if (is_integral(t, false)) return 1;
  if (is_floating(t)) return 2;
  return 3;
}

// Bytes per element; for ordering types of one category.
int width(ScalarType t) {
  switch (t) {
    case ScalarType::B8:
    case ScalarType::I8:
    case ScalarType::U8:
      return 1;
    case ScalarType::F16:
    case ScalarType::BF16:
    case ScalarType::I16:
      return 2;
    case ScalarType::F32:
    case ScalarType::I32:
      return 4;
    case ScalarType::F64:
    case ScalarType::I64:
    case ScalarType::C64:
      return 8;
    case ScalarType::C128:
      return 16;
  }
  return 0;
}

}  // namespace

const char* short_name(ScalarType t) { return kScalarTypes[static_cast<size_t>(t)].short_name; }
const char* torch_name(ScalarType t) { return kScalarTypes[static_cast<size_t>(t)].torch_name; }

std::optional<ScalarType> parse_scalar_type(std::string_view text) {
  for (const ScalarTypeNames& row : kScalarTypes) {
    if (text == row.short_name || text == row.torch_name) return row.type;
  }
  for (const ScalarTypeAlias& alias : kAliases) {
    if (text == alias.name) return alias.type;
  }
  return std::nullopt;
}

bool is_floating(ScalarType t) {
  return t == ScalarType::F16 || t == ScalarType::BF16 || t == ScalarType::F32 || t == ScalarType::F64;
}
bool is_complex(ScalarType t) { return t == ScalarType::C64 || t == ScalarType::C128; }
bool is_integral(ScalarType t, bool include_bool) {
  switch (t) {
    case ScalarType::I8:
    case ScalarType::I16:
    case ScalarType::I32:
    case ScalarType::I64:
    case ScalarType::U8:
      return true;
    case ScalarType::B8:
      return include_bool;
    default:
      return false;
  }
}

// PyTorch's promoteTypes table, written as its rules: the higher category wins
// (bool < integer < floating < complex); within one, the wider type; f16 with
// bf16 is f32; u8 with a signed type needs a signed type wider than 8 bits; a
// complex result is wide enough to hold a double operand.
ScalarType promote_types(ScalarType a, ScalarType b) {
  if (a == b) return a;
  int ca = category(a), cb = category(b);
  if (ca == 3 || cb == 3) {
    bool wide = a == ScalarType::C128 || b == ScalarType::C128 || a == ScalarType::F64 || b == ScalarType::F64;
    return wide ? ScalarType::C128 : ScalarType::C64;
  }
  if (ca != cb) return ca > cb ? a : b;
  if (ca == 2) {
    if (width(a) == 2 && width(b) == 2) return ScalarType::F32;  // f16 with bf16
    return width(a) >= width(b) ? a : b;
  }
  // Two different integer types.
  if (a == ScalarType::U8 || b == ScalarType::U8) {
    ScalarType other = a == ScalarType::U8 ? b : a;
    return other == ScalarType::I8 ? ScalarType::I16 : other;
  }
  return width(a) >= width(b) ? a : b;
}

std::string to_string(const Device& d) {
  return d.index < 0 ? d.type : d.type + ":" + std::to_string(d.index);
}

std::optional<Device> parse_device(std::string_view text) {
  size_t colon = text.find(':');
  std::string_view type = text.substr(0, colon);
  if (type.empty()) return std::nullopt;
  for (char c : type) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return std::nullopt;
  }
  Device device{std::string(type), -1};
  if (colon == std::string_view::npos) return device;
  std::string_view index = text.substr(colon + 1);
  if (index.empty()) return std::nullopt;
  auto [end, error] = std::from_chars(index.data(), index.data() + index.size(), device.index);
  if (error != std::errc() || end != index.data() + index.size() || device.index < 0) return std::nullopt;
  return device;
}

const char* torch_name(Layout l) {
  switch (l) {
    case Layout::Strided:
      return "strided";
    case Layout::SparseCoo:
      return "sparse_coo";
    case Layout::SparseCsr:
      return "sparse_csr";
  }
  return "strided";
}

const char* torch_name(MemoryFormat m) {
  switch (m) {
    case MemoryFormat::Contiguous:
      return "contiguous_format";
    case MemoryFormat::ChannelsLast:
      return "channels_last";
    case MemoryFormat::ChannelsLast3d:
      return "channels_last_3d";
    case MemoryFormat::Preserve:
      return "preserve_format";
  }
  return "contiguous_format";
}

}  // namespace symshape::tracer
