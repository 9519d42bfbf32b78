// to_cpp: a C++ expression over int64_t values. Floor division, modulo and
// large powers go through helper calls (symshape_floordiv, symshape_mod,
// symshape_pow; see cpp_helper_definitions) because C++'s `/` and `%` truncate
// toward zero where Python floors.
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

// C++'s binding strengths, lowest first.
enum Precedence : int {
  kOr = 1,
  kAnd,
  kEquality,
  kRelational,
  kSum,
  kProduct,
  kUnary,
  kAtom,
};

// Powers up to this exponent are written as repeated products.
constexpr int64_t kMaxExpandedExponent = 4;

struct Printed {
  std::string text;
  int precedence;
};

bool is_identifier(std::string_view name) {
  if (name.empty()) return false;
  auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!start(name[0])) return false;
  for (char c : name) {
    if (!start(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

// The C++ keywords a symbol name could plausibly collide with.
constexpr std::array<std::string_view, 40> kCppKeywords = {
    "and",    "or",      "not",    "xor",      "bitand",   "bitor",  "compl",    "and_eq", "or_eq",   "not_eq",
    "int",    "long",    "short",  "char",     "bool",     "true",   "false",    "if",     "else",    "for",
    "while",  "do",      "return", "auto",     "const",    "static", "class",    "struct", "new",     "delete",
    "this",   "switch",  "case",   "default",  "break",    "void",   "unsigned", "signed", "double",  "float",
};

class CppPrinter {
 public:
  explicit CppPrinter(const std::function<std::string(Expr)>& symbol_name) : symbol_name_(symbol_name) {}

  Printed print(Expr e) const {
    switch (e.kind()) {
      case ExprKind::Integer: return integer_literal(e.value());
      case ExprKind::Symbol: return {symbol_name_ ? symbol_name_(e) : cpp_symbol_identifier(e), kAtom};
      case ExprKind::True: return {"true", kAtom};
      case ExprKind::False: return {"false", kAtom};
      case ExprKind::Add: return sum(e);
      case ExprKind::Mul: return product(e);
      case ExprKind::Pow: return power(e);
      case ExprKind::FloorDiv: return helper_call("symshape_floordiv", e);
      case ExprKind::Mod: return helper_call("symshape_mod", e);
      case ExprKind::Min: return nested_min_max("std::min<int64_t>", e.args());
      case ExprKind::Max: return nested_min_max("std::max<int64_t>", e.args());
      case ExprKind::Eq: return binary(e, " == ", kEquality);
      case ExprKind::Ne: return binary(e, " != ", kEquality);
      case ExprKind::Lt: return binary(e, " < ", kRelational);
      case ExprKind::Le: return binary(e, " <= ", kRelational);
      case ExprKind::And: return joined(e, " && ", kAnd);
      // && inside || is parenthesized although C++ does not need it: it reads
      // better and keeps -Wparentheses quiet in generated code.
      case ExprKind::Or: return joined(e, " || ", kOr, kAnd + 1);
      case ExprKind::Not: return {"!" + operand(e.arg(0), kAtom), kUnary};
    }
    throw UnsupportedError(std::string("cannot print node kind ") + kind_name(e.kind()));
  }

 private:
  static Printed integer_literal(int64_t v) {
    // -9223372036854775808 would be unary minus applied to an out-of-range literal.
    if (v == std::numeric_limits<int64_t>::min()) return {"(-9223372036854775807 - 1)", kAtom};
    return {std::to_string(v), v < 0 ? kUnary : kAtom};
  }

  std::string operand(Expr e, int min_precedence) const {
    Printed p = print(e);
    if (p.precedence < min_precedence) return "(" + p.text + ")";
    return std::move(p.text);
  }

  Printed joined(Expr e, const char* separator, int precedence, int operand_precedence = 0) const {
    std::string out;
    for (size_t i = 0; i < e.num_args(); ++i) {
      if (i > 0) out += separator;
      out += operand(e.arg(i), std::max(precedence + 1, operand_precedence));
    }
    return {std::move(out), precedence};
  }

  Printed binary(Expr e, const char* op, int precedence) const {
    return {operand(e.arg(0), precedence + 1) + op + operand(e.arg(1), precedence + 1), precedence};
  }

  static bool has_negative_coefficient(Expr t) {
    constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
    if (t.is_integer()) return t.value() < 0 && t.value() != kMin;
    return t.is(ExprKind::Mul) && t.num_args() >= 2 && t.arg(0).is_integer() && t.arg(0).value() < 0 &&
           t.arg(0).value() != kMin;
  }

  // Negative terms after the first print with a binary minus: s0 - 2 * s1 - 3.
  Printed sum(Expr e) const {
    std::string out;
    for (size_t i = 0; i < e.num_args(); ++i) {
      Expr t = e.arg(i);
      if (i == 0) {
        out += operand(t, kSum);
      } else if (has_negative_coefficient(t)) {
        out += " - ";
        out += t.is_integer() ? std::to_string(-t.value()) : product(-t.arg(0).value(), t.args().subspan(1), kSum + 1);
      } else {
        out += " + " + operand(t, kSum + 1);
      }
    }
    return {std::move(out), kSum};
  }

  Printed product(Expr e) const {
    auto args = e.args();
    if (args.size() >= 2 && args[0].is_integer()) {
      return {product(args[0].value(), args.subspan(1), kProduct), kProduct};
    }
    return {product(1, args, kProduct), kProduct};
  }

  // coefficient * factors, parenthesized below `min_precedence`.
  std::string product(int64_t coefficient, std::span<const Expr> factors, int min_precedence) const {
    std::string out;
    if (coefficient == -1 && !factors.empty()) {
      out = "-";
    } else if (coefficient != 1 || factors.empty()) {
      out = integer_literal(coefficient).text;
      if (!factors.empty()) out += " * ";
    }
    for (size_t i = 0; i < factors.size(); ++i) {
      if (i > 0) out += " * ";
      // A negative literal factor is parenthesized: `- -5` could read as `--`.
      out += operand(factors[i], factors[i].is_integer() ? kAtom : kUnary);
    }
    if (min_precedence > kProduct) out = "(" + out + ")";
    return out;
  }

  Printed power(Expr e) const {
    Expr base = e.arg(0), exponent = e.arg(1);
    if (exponent.is_integer() && exponent.value() >= 1 && exponent.value() <= kMaxExpandedExponent) {
      std::string b = operand(base, kUnary);
      std::string out = b;
      for (int64_t i = 1; i < exponent.value(); ++i) out += " * " + b;
      return {std::move(out), exponent.value() == 1 ? kUnary : kProduct};
    }
    return helper_call("symshape_pow", e);
  }

  Printed helper_call(const char* name, Expr e) const {
    return {std::string(name) + "(" + print(e.arg(0)).text + ", " + print(e.arg(1)).text + ")", kAtom};
  }

  // std::min/std::max take two arguments: n-ary nodes nest to the right.
  Printed nested_min_max(const char* name, std::span<const Expr> args) const {
    if (args.size() == 1) return print(args[0]);
    return {std::string(name) + "(" + print(args[0]).text + ", " + nested_min_max(name, args.subspan(1)).text + ")",
            kAtom};
  }

  const std::function<std::string(Expr)>& symbol_name_;
};

}  // namespace

std::string cpp_symbol_identifier(Expr symbol) {
  const std::string& name = symbol.name();
  bool keyword = false;
  for (std::string_view k : kCppKeywords) keyword = keyword || k == name;
  if (is_identifier(name) && !keyword && !name.starts_with("sym_")) return name;
  // Mangled names start with sym_, which no kept name does: every character
  // that is not a letter or digit is written as _XX (hex), so two different
  // names never mangle to the same identifier.
  static const char* kHex = "0123456789abcdef";
  std::string out = "sym_";
  for (char c : name) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) {
      out += c;
    } else {
      auto u = static_cast<unsigned char>(c);
      out += '_';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

std::string to_cpp(Expr e, const std::function<std::string(Expr)>& symbol_name) {
  return CppPrinter(symbol_name).print(e).text;
}

std::string cpp_helper_definitions() {
  return R"(#include <algorithm>
#include <cstdint>

// Python floor division and modulo on int64_t. The divisor must be nonzero
// and the quotient must fit (only INT64_MIN // -1 does not).
inline int64_t symshape_floordiv(int64_t a, int64_t b) {
  if (b == -1) return -a;  // a % -1 is undefined behavior for a == INT64_MIN
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
inline int64_t symshape_mod(int64_t a, int64_t b) {
  if (b == -1) return 0;
  int64_t r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}
inline int64_t symshape_pow(int64_t base, int64_t exponent) {
  int64_t result = 1;
  for (; exponent > 0; --exponent) result *= base;
  return result;
}
)";
}

}  // namespace symshape
