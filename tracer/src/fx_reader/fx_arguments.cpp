#include "fx_reader/fx_arguments.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

namespace symshape::tracer::fx {
namespace {

[[noreturn]] void fail(const Location& at, std::string message) { throw BuildError{at, std::move(message)}; }

Argument make(Argument::Kind kind, const PyExpr& e, const std::string& file) {
  Argument a;
  a.kind = kind;
  a.span = span_of(e.at, file);
  return a;
}

// The digits of an int literal, negated when `negative`: -9223372036854775808
// is in range although 9223372036854775808 is not.
int64_t int_literal(const PyExpr& e, bool negative) {
  uint64_t magnitude = 0;
  auto [end, error] = std::from_chars(e.text.data(), e.text.data() + e.text.size(), magnitude);
  constexpr uint64_t kMaxPositive = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (error != std::errc() || end != e.text.data() + e.text.size() || magnitude > kMaxPositive + (negative ? 1 : 0)) {
    fail(e.at, "integer literal '" + std::string(negative ? "-" : "") + e.text + "' does not fit in int64");
  }
  if (!negative) return static_cast<int64_t>(magnitude);
  if (magnitude == kMaxPositive + 1) return std::numeric_limits<int64_t>::min();
  return -static_cast<int64_t>(magnitude);
}

double float_literal(const PyExpr& e) {
  double value = 0.0;
  auto [end, error] = std::from_chars(e.text.data(), e.text.data() + e.text.size(), value);
  if (error == std::errc::result_out_of_range) {
    // Python reads 1e400 as inf and 1e-400 as 0.0.
    return e.text.find_first_of("eE") != std::string::npos && e.text.find("e-") == std::string::npos &&
                   e.text.find("E-") == std::string::npos
               ? std::numeric_limits<double>::infinity()
               : 0.0;
  }
  if (error != std::errc() || end != e.text.data() + e.text.size()) {
    fail(e.at, "malformed float literal '" + e.text + "'");
  }
  return value;
}

// -3, -1e-06, -inf: a minus sign in front of a literal is part of the constant.
std::optional<Argument> negative_literal(const PyExpr& e, const std::string& file) {
  const PyExpr& operand = e.items[0];
  if (operand.kind == PyExpr::Kind::Int) {
    Argument a = make(Argument::Kind::Int, e, file);
    a.int_value = int_literal(operand, true);
    return a;
  }
  if (operand.kind == PyExpr::Kind::Float || (operand.kind == PyExpr::Kind::Name && operand.text == "inf")) {
    Argument a = make(Argument::Kind::Float, e, file);
    a.float_value = operand.kind == PyExpr::Kind::Float ? -float_literal(operand) : -std::numeric_limits<double>::infinity();
    return a;
  }
  return std::nullopt;
}

// Python's simple escapes (repr() of a str writes \\, \', \n, \t); any
// other backslash stays as written.
std::string unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    char c = text[++i];
    switch (c) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case '\\':
      case '\'':
      case '"':
        out += c;
        break;
      default:
        out += '\\';
        out += c;
    }
  }
  return out;
}

// torch.float32, torch.strided, torch.channels_last, ...
Argument torch_constant(const PyExpr& e, const std::string& file) {
  std::string_view name = std::string_view(e.text).substr(6);  // after "torch."
  if (std::optional<ScalarType> t = parse_scalar_type(name); t && name != short_name(*t)) {
    Argument a = make(Argument::Kind::Dtype, e, file);
    a.dtype = *t;
    return a;
  }
  for (Layout l : {Layout::Strided, Layout::SparseCoo, Layout::SparseCsr}) {
    if (name == torch_name(l)) {
      Argument a = make(Argument::Kind::Layout, e, file);
      a.layout = l;
      return a;
    }
  }
  for (MemoryFormat m : {MemoryFormat::Contiguous, MemoryFormat::ChannelsLast, MemoryFormat::ChannelsLast3d,
                         MemoryFormat::Preserve}) {
    if (name == torch_name(m)) {
      Argument a = make(Argument::Kind::MemoryFormat, e, file);
      a.memory_format = m;
      return a;
    }
  }
  fail(e.at, "unknown torch constant '" + e.text + "' (expected a dtype, layout or memory format)");
}

Argument name_argument(const PyExpr& e, const NameTable& names, const std::string& file) {
  const std::string& n = e.text;
  if (n == "None") return make(Argument::Kind::None, e, file);
  if (n == "True" || n == "False") {
    Argument a = make(Argument::Kind::Bool, e, file);
    a.bool_value = n == "True";
    return a;
  }
  if (n == "inf" || n == "nan" || n == "math.inf" || n == "math.nan") {
    Argument a = make(Argument::Kind::Float, e, file);
    a.float_value = n.ends_with("inf") ? std::numeric_limits<double>::infinity() : std::nan("");
    return a;
  }
  if (n.starts_with("torch.")) return torch_constant(e, file);
  if (auto it = names.nodes.find(n); it != names.nodes.end()) {
    Argument a = make(Argument::Kind::Node, e, file);
    a.node = it->second;
    return a;
  }
  if (names.failed.contains(n)) throw BuildError{e.at, "", true};
  if (n.starts_with("self.")) {
    fail(e.at, "get_attr constant '" + n + "' is not supported: its value is not in the text");
  }
  fail(e.at, "unknown name '" + n + "'");
}

// device(type='cuda', index=0), device('cpu'), device('cuda:1'), torch.device(...).
Argument device_argument(const PyExpr& e, const std::string& file) {
  Argument a = make(Argument::Kind::Device, e, file);
  std::optional<std::string> type;
  std::optional<int64_t> index;
  for (size_t i = 1; i < e.items.size(); ++i) {
    const PyExpr& v = e.items[i];
    const std::string& keyword = e.keywords[i - 1];
    bool is_type = keyword == "type" || (keyword.empty() && i == 1);
    bool is_index = keyword == "index" || (keyword.empty() && i == 2);
    if (is_type && v.kind == PyExpr::Kind::String) {
      type = v.text;
    } else if (is_index && v.kind == PyExpr::Kind::Int) {
      index = int_literal(v, false);
    } else if (!(is_index && v.kind == PyExpr::Kind::Name && v.text == "None")) {
      fail(v.at, "expected device(type='cuda', index=0)");
    }
  }
  if (!type) fail(e.at, "device(...) needs a type");
  std::optional<Device> device = parse_device(*type);
  if (!device || (index && device->index >= 0) || (index && *index > std::numeric_limits<int>::max())) {
    fail(e.at, "malformed device '" + *type + "'");
  }
  if (index) device->index = static_cast<int>(*index);
  a.device = *device;
  return a;
}

}  // namespace

SourceSpan span_of(const Location& at, const std::string& file) { return SourceSpan{file, at.line, at.column}; }

Argument to_argument(const PyExpr& e, const NameTable& names, const std::string& file) {
  switch (e.kind) {
    case PyExpr::Kind::Name:
      return name_argument(e, names, file);
    case PyExpr::Kind::Int: {
      Argument a = make(Argument::Kind::Int, e, file);
      a.int_value = int_literal(e, false);
      return a;
    }
    case PyExpr::Kind::Float: {
      Argument a = make(Argument::Kind::Float, e, file);
      a.float_value = float_literal(e);
      return a;
    }
    case PyExpr::Kind::String: {
      Argument a = make(Argument::Kind::String, e, file);
      a.text = unescape(e.text);
      return a;
    }
    case PyExpr::Kind::List:
    case PyExpr::Kind::Tuple: {
      Argument a = make(e.kind == PyExpr::Kind::List ? Argument::Kind::List : Argument::Kind::Tuple, e, file);
      for (const PyExpr& item : e.items) a.items.push_back(to_argument(item, names, file));
      return a;
    }
    case PyExpr::Kind::Unary:
      if (e.text == "-") {
        if (std::optional<Argument> a = negative_literal(e, file)) return *a;
      }
      fail(e.at, "expected a constant or a node name, got an expression with '" + e.text + "'");
    case PyExpr::Kind::Call:
      if (e.items[0].kind == PyExpr::Kind::Name && (e.items[0].text == "device" || e.items[0].text == "torch.device")) {
        return device_argument(e, file);
      }
      fail(e.at, "a call inside an argument is not supported (only device(...))");
    case PyExpr::Kind::Subscript:
    case PyExpr::Kind::Binary:
      break;
  }
  fail(e.at, "expected a constant or a node name, got an expression");
}

}  // namespace symshape::tracer::fx
