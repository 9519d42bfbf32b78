#include <array>
#include <charconv>
#include <vector>

#include "fx_reader/fx_tokenizer.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/tracer/annotation.hpp"

namespace symshape::tracer {
namespace {

// Thrown inside this file only; parse_annotation turns it into its result.
struct Failure {
  size_t offset;
  std::string message;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::string shown(std::string_view text) {
  if (text.empty()) return "end of annotation";
  return "'" + std::string(text.substr(0, 30)) + (text.size() > 30 ? "...'" : "'");
}

// symbolic/'s errors say "LINE:COL: message" then the line and a caret; the
// column becomes an offset in the annotation, the message is kept.
[[noreturn]] void fail_from_symbolic(const Error& e, size_t base) {
  if (const auto* p = dynamic_cast<const ParseError*>(&e)) {
    throw Failure{base + static_cast<size_t>(p->column > 0 ? p->column - 1 : 0), p->message};
  }
  std::string_view what = e.what();
  what = what.substr(0, what.find('\n'));
  size_t colon = what.find(':');
  size_t second = colon == std::string_view::npos ? colon : what.find(':', colon + 1);
  int column = 1;
  if (second != std::string_view::npos) {
    std::from_chars(what.data() + colon + 1, what.data() + second, column);
    what = what.substr(second + 1);
    if (what.starts_with(' ')) what.remove_prefix(1);
  }
  throw Failure{base + static_cast<size_t>(column > 0 ? column - 1 : 0), std::string(what)};
}

Expr parse_with_symbolic(std::string_view text, size_t base) {
  try {
    return parse_expr(text);
  } catch (const Error& e) {
    fail_from_symbolic(e, base);
  }
}

// The matching closer of the bracket at `open` (strings, as in L['x'], are
// skipped); npos when it is never closed.
size_t matching_close(std::string_view text, size_t open) {
  int depth = 0;
  for (size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\'' || c == '"') {
      size_t end = text.find(c, i + 1);
      if (end == std::string_view::npos) return end;
      i = end;
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      if (--depth == 0) return i;
    }
  }
  return std::string_view::npos;
}

// `Sym(s2 - 1.0)`, `Sym(s1/(s3 - 1))`: what makes a SymFloat's text.
bool mentions_floats(std::string_view expr) {
  static constexpr std::array<std::string_view, 6> kFloatFunctions{"ToFloat", "FloatTrueDiv", "IntTrueDiv",
                                                                   "TrueDiv", "FloatPow",     "sym_float"};
  for (const fx::Token& t : fx::tokenize(expr)) {
    if (t.kind == fx::TokenKind::Float || t.is_op("/")) return true;
    if (t.kind != fx::TokenKind::Name) continue;
    for (std::string_view f : kFloatFunctions) {
      if (t.text == f) return true;
    }
    std::string_view name = t.text;
    if (name.starts_with("zuf")) name.remove_prefix(3);
    else if (name.starts_with("zf")) name.remove_prefix(2);
    else continue;
    if (!name.empty() && name.find_first_not_of("0123456789") == std::string_view::npos) return true;
  }
  return false;
}

SymAnnotation parse_sym(std::string_view text, size_t base) {
  // text starts with "Sym("
  size_t open = 3;
  size_t close = matching_close(text, open);
  if (close == std::string_view::npos) throw Failure{base + open, "'(' of Sym( is never closed"};
  if (close + 1 != text.size()) {
    throw Failure{base + close + 1, "expected end of annotation, got " + shown(text.substr(close + 1))};
  }
  std::string_view expr = text.substr(open + 1, close - open - 1);
  if (expr.find_first_not_of(" \t") == std::string_view::npos) {
    throw Failure{base + open + 1, "expected an expression inside Sym(...)"};
  }
  SymAnnotation sym;
  if (mentions_floats(expr)) {
    sym.kind = SymAnnotation::Kind::Float;
    return sym;
  }
  sym.value = parse_with_symbolic(expr, base + open + 1);
  sym.kind = sym.value.is_boolean() ? SymAnnotation::Kind::Bool : SymAnnotation::Kind::Int;
  return sym;
}

// `[e1, e2, ...]` starting at text[open]; returns the index after the `]`.
size_t parse_size_list(std::string_view text, size_t open, size_t base, std::vector<Expr>& out) {
  size_t close = matching_close(text, open);
  if (close == std::string_view::npos) throw Failure{base + open, "'[' is never closed"};
  std::string_view inside = text.substr(open + 1, close - open - 1);
  if (inside.find_first_not_of(" \t") == std::string_view::npos) return close + 1;
  size_t start = 0;
  int depth = 0;
  for (size_t i = 0; i <= inside.size(); ++i) {
    char c = i < inside.size() ? inside[i] : ',';
    if (c == '(' || c == '[') ++depth;
    if (c == ')' || c == ']') --depth;
    if (c == '\'' || c == '"') {
      size_t end = inside.find(c, i + 1);
      i = end == std::string_view::npos ? inside.size() - 1 : end;
      continue;
    }
    if (c != ',' || depth != 0) continue;
    std::string_view piece = inside.substr(start, i - start);
    size_t piece_base = base + open + 1 + start;
    if (piece.find_first_not_of(" \t") == std::string_view::npos) {
      throw Failure{piece_base, "expected a size expression"};
    }
    Expr e = parse_with_symbolic(piece, piece_base);
    if (e.is_boolean()) throw Failure{piece_base, "a condition is not a size"};
    out.push_back(e);
    start = i + 1;
  }
  return close + 1;
}

TensorAnnotation parse_tensor(std::string_view text, size_t base) {
  size_t word = 0;
  while (word < text.size() && is_word_char(text[word])) ++word;
  std::string_view dtype_text = text.substr(0, word);
  if (dtype_text.empty()) {
    throw Failure{base, "expected a dtype such as 'f32' or 'Sym(', got " + shown(text)};
  }
  std::optional<ScalarType> dtype = parse_scalar_type(dtype_text);
  if (!dtype || dtype_text != short_name(*dtype)) {
    throw Failure{base, "unknown dtype '" + std::string(dtype_text) +
                            "' (expected f16, bf16, f32, f64, i8, i16, i32, i64, u8, b8, c64 or c128)"};
  }
  TensorAnnotation tensor;
  tensor.dtype = *dtype;
  if (word >= text.size() || text[word] != '[') {
    throw Failure{base + word, "expected '[' after the dtype, got " + shown(text.substr(word))};
  }
  size_t next = parse_size_list(text, word, base, tensor.sizes);
  if (next < text.size() && text[next] == '[') {
    std::vector<Expr> strides;
    size_t stride_start = next;
    next = parse_size_list(text, next, base, strides);
    if (strides.size() != tensor.sizes.size()) {
      throw Failure{base + stride_start, std::to_string(strides.size()) + " strides for " +
                                             std::to_string(tensor.sizes.size()) + " sizes"};
    }
    tensor.strides = std::move(strides);
  }
  if (next < text.size()) {
    std::optional<Device> device = parse_device(text.substr(next));
    if (!device) {
      throw Failure{base + next, "expected a device such as 'cpu' or 'cuda:0', got " + shown(text.substr(next))};
    }
    tensor.device = std::move(device);
  }
  return tensor;
}

}  // namespace

AnnotationParse parse_annotation(std::string_view text) {
  AnnotationParse result;
  size_t begin = 0;
  while (begin < text.size() && is_space(text[begin])) ++begin;
  size_t end = text.size();
  while (end > begin && is_space(text[end - 1])) --end;
  std::string_view body = text.substr(begin, end - begin);
  try {
    if (body.starts_with("Sym(")) {
      result.value = parse_sym(body, begin);
    } else {
      result.value = parse_tensor(body, begin);
    }
  } catch (const Failure& f) {
    result.value = std::monostate{};
    result.error = AnnotationError{f.offset, f.message};
  }
  return result;
}

}  // namespace symshape::tracer
