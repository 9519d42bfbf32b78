#include "symshape/tracer/dtype.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace symshape::tracer {

namespace {

struct DtypeNames {
  ScalarType type;
  const char* short_name;
  const char* torch_name;
};

constexpr std::array<DtypeNames, 12> kNames{{
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

// The other spellings torch accepts (torch.float is float32, torch.long is int64, ...).
constexpr std::array<std::pair<const char*, ScalarType>, 9> kAliases{{
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

const DtypeNames& names_of(ScalarType t) { return kNames[static_cast<size_t>(t)]; }

// Bytes per element of a real type (the component type for complex).
int width(ScalarType t) {
  switch (t) {
    case ScalarType::B8:
    case ScalarType::I8:
    case ScalarType::U8: return 1;
    case ScalarType::F16:
    case ScalarType::BF16:
    case ScalarType::I16: return 2;
    case ScalarType::F32:
    case ScalarType::I32:
    case ScalarType::C64: return 4;
    case ScalarType::F64:
    case ScalarType::I64:
    case ScalarType::C128: return 8;
  }
  return 8;
}

// bool < integral < floating < complex: promotion picks the higher category first.
int category(ScalarType t) {
  if (t == ScalarType::B8) return 0;
  if (is_integral(t, false)) return 1;
  if (is_floating(t)) return 2;
  return 3;
}

}  // namespace

const char* short_name(ScalarType t) { return names_of(t).short_name; }
const char* torch_name(ScalarType t) { return names_of(t).torch_name; }

std::optional<ScalarType> parse_scalar_type(std::string_view text) {
  if (text.starts_with("torch.")) text.remove_prefix(6);
  for (const auto& n : kNames)
    if (text == n.short_name || text == n.torch_name) return n.type;
  for (const auto& [alias, type] : kAliases)
    if (text == alias) return type;
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
    case ScalarType::U8: return true;
    case ScalarType::B8: return include_bool;
    default: return false;
  }
}

// c10's promoteTypes table, written as its rules: the higher category wins;
// within integers the wider wins, except that uint8 with a signed type needs
// a signed type that holds both (int8 + uint8 -> int16); float16 + bfloat16
// -> float32 (neither holds the other); a complex type holds its component
// width and the real operand's width.
ScalarType promote_types(ScalarType a, ScalarType b) {
  if (a == b) return a;
  const int ca = category(a), cb = category(b);
  if (ca != cb) {
    if (ca < cb) std::swap(a, b);  // a has the higher category
    if (is_complex(a) && is_floating(b) && width(b) > width(a)) return ScalarType::C128;
    return a;
  }
  if (ca == 1) {
    if (a == ScalarType::U8 || b == ScalarType::U8) {
      const ScalarType other = a == ScalarType::U8 ? b : a;
      return other == ScalarType::I8 ? ScalarType::I16 : other;
    }
    return width(a) >= width(b) ? a : b;
  }
  if (ca == 2) {
    if (width(a) == width(b)) return ScalarType::F32;  // f16 with bf16
    return width(a) > width(b) ? a : b;
  }
  return ScalarType::C128;  // c64 with c128
}

std::string to_string(const Device& d) {
  return d.index < 0 ? d.type : d.type + ":" + std::to_string(d.index);
}

std::optional<Device> parse_device(std::string_view text) {
  if (text.empty()) return std::nullopt;
  Device d;
  const size_t colon = text.find(':');
  const std::string_view type = text.substr(0, colon);
  if (type.empty() || !std::all_of(type.begin(), type.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      }))
    return std::nullopt;
  d.type = std::string(type);
  if (colon != std::string_view::npos) {
    const std::string_view index = text.substr(colon + 1);
    const auto [end, ec] = std::from_chars(index.data(), index.data() + index.size(), d.index);
    if (index.empty() || ec != std::errc() || end != index.data() + index.size() || d.index < 0)
      return std::nullopt;
  }
  return d;
}

const char* torch_name(Layout l) {
  switch (l) {
    case Layout::Strided: return "strided";
    case Layout::SparseCoo: return "sparse_coo";
    case Layout::SparseCsr: return "sparse_csr";
  }
  return "strided";
}

const char* torch_name(MemoryFormat m) {
  switch (m) {
    case MemoryFormat::Contiguous: return "contiguous_format";
    case MemoryFormat::ChannelsLast: return "channels_last";
    case MemoryFormat::ChannelsLast3d: return "channels_last_3d";
    case MemoryFormat::Preserve: return "preserve_format";
  }
  return "contiguous_format";
}

}  // namespace symshape::tracer
