#include "parse_functions.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "symshape/symbolic/build.hpp"

namespace symshape::detail {

void require_integer(const SourceText& source, const Operand& operand, std::string_view role,
                     std::string_view name) {
  if (operand.expr.is_boolean()) {
    source.fail_unsupported(operand.offset, "a condition is used as an integer (" + std::string(role) + " '" +
                                                std::string(name) + "')");
  }
}

void require_boolean(const SourceText& source, const Operand& operand, std::string_view role,
                     std::string_view name) {
  if (!operand.expr.is_boolean()) {
    source.fail_unsupported(operand.offset, "an integer is used as a condition (" + std::string(role) + " '" +
                                                std::string(name) + "')");
  }
}

Expr build_power(const SourceText& source, const Operand& base, const Operand& exponent) {
  require_integer(source, base, "base of", "**");
  require_integer(source, exponent, "exponent of", "**");
  if (!exponent.expr.is_integer()) {
    source.fail_unsupported(exponent.offset, "a symbolic exponent is not supported (only natural numbers)");
  }
  if (exponent.expr.value() < 0) {
    source.fail_unsupported(exponent.offset, "the negative exponent " + std::to_string(exponent.expr.value()) +
                                                 " is not supported (only natural numbers)");
  }
  return build_at(source, exponent.offset, [&] { return pow(base.expr, exponent.expr.value()); });
}

namespace {

constexpr size_t kAny = std::numeric_limits<size_t>::max();

std::vector<Expr> exprs_of(std::span<const Operand> args) {
  std::vector<Expr> out;
  out.reserve(args.size());
  for (const Operand& a : args) out.push_back(a.expr);
  return out;
}

// Binary builders: each wraps one constructor so that its errors carry the
// position of the function name.
template <Expr (*F)(Expr, Expr)>
Expr binary(const SourceText& source, size_t offset, std::span<const Operand> args) {
  return build_at(source, offset, [&] { return F(args[0].expr, args[1].expr); });
}

Expr modular_indexing(const SourceText& source, size_t offset, std::span<const Operand> args) {
  // Inductor's ModularIndexing(a, b, c) is (a // b) % c.
  return build_at(source, offset, [&] { return mod(floordiv(args[0].expr, args[1].expr), args[2].expr); });
}

Expr max_of(const SourceText& source, size_t offset, std::span<const Operand> args) {
  std::vector<Expr> xs = exprs_of(args);
  return build_at(source, offset, [&] { return xs.size() == 1 ? xs[0] : max(std::span<const Expr>(xs)); });
}

Expr min_of(const SourceText& source, size_t offset, std::span<const Operand> args) {
  std::vector<Expr> xs = exprs_of(args);
  return build_at(source, offset, [&] { return xs.size() == 1 ? xs[0] : min(std::span<const Expr>(xs)); });
}

// sympy: And() is True and Or() is False (the neutral elements).
Expr and_of(const SourceText& source, size_t offset, std::span<const Operand> args) {
  std::vector<Expr> xs = exprs_of(args);
  if (xs.empty()) return true_expr();
  return build_at(source, offset, [&] { return xs.size() == 1 ? xs[0] : logical_and(std::span<const Expr>(xs)); });
}

Expr or_of(const SourceText& source, size_t offset, std::span<const Operand> args) {
  std::vector<Expr> xs = exprs_of(args);
  if (xs.empty()) return false_expr();
  return build_at(source, offset, [&] { return xs.size() == 1 ? xs[0] : logical_or(std::span<const Expr>(xs)); });
}

Expr not_of(const SourceText& source, size_t offset, std::span<const Operand> args) {
  return build_at(source, offset, [&] { return logical_not(args[0].expr); });
}

Expr pow_by_natural(const SourceText& source, size_t, std::span<const Operand> args) {
  return build_power(source, args[0], args[1]);
}

// |x| is exactly max(x, -x) on the integers.
Expr abs_of(const SourceText& source, size_t offset, std::span<const Operand> args) {
  return build_at(source, offset, [&] { return max(args[0].expr, neg(args[0].expr)); });
}

Expr identity(const SourceText&, size_t, std::span<const Operand> args) { return args[0].expr; }

Expr eq_(Expr a, Expr b) { return eq(a, b); }
Expr ne_(Expr a, Expr b) { return ne(a, b); }
Expr lt_(Expr a, Expr b) { return lt(a, b); }
Expr le_(Expr a, Expr b) { return le(a, b); }
Expr gt_(Expr a, Expr b) { return gt(a, b); }
Expr ge_(Expr a, Expr b) { return ge(a, b); }
Expr mod_(Expr a, Expr b) { return mod(a, b); }
Expr floordiv_(Expr a, Expr b) { return floordiv(a, b); }
Expr ceildiv_(Expr a, Expr b) { return ceildiv(a, b); }

const FunctionSpec kFunctions[] = {
    {"Eq", 2, 2, false, false, binary<eq_>},
    {"Ne", 2, 2, false, false, binary<ne_>},
    {"Lt", 2, 2, false, false, binary<lt_>},
    {"Le", 2, 2, false, false, binary<le_>},
    {"Gt", 2, 2, false, false, binary<gt_>},
    {"Ge", 2, 2, false, false, binary<ge_>},
    {"StrictLessThan", 2, 2, false, false, binary<lt_>},
    {"LessThan", 2, 2, false, false, binary<le_>},
    {"StrictGreaterThan", 2, 2, false, false, binary<gt_>},
    {"GreaterThan", 2, 2, false, false, binary<ge_>},
    {"Mod", 2, 2, false, false, binary<mod_>},
    {"PythonMod", 2, 2, false, false, binary<mod_>},
    {"FloorDiv", 2, 2, false, false, binary<floordiv_>},
    // CleanDiv asserts the division is exact; as a value it is FloorDiv.
    {"CleanDiv", 2, 2, false, false, binary<floordiv_>},
    {"CeilDiv", 2, 2, false, false, binary<ceildiv_>},
    {"ModularIndexing", 3, 3, false, false, modular_indexing},
    {"PowByNatural", 2, 2, false, false, pow_by_natural},
    {"Max", 1, kAny, false, false, max_of},
    {"Min", 1, kAny, false, false, min_of},
    {"max", 1, kAny, false, true, max_of},
    {"min", 1, kAny, false, true, min_of},
    {"Abs", 1, 1, false, false, abs_of},
    {"Identity", 1, 1, false, false, identity},
    {"And", 0, kAny, true, false, and_of},
    {"Or", 0, kAny, true, false, or_of},
    {"Not", 1, 1, true, false, not_of},
};

// PyTorch functions over floats, truncation and layouts: recognized so the
// error says "not supported" instead of "unknown".
constexpr std::array<std::string_view, 22> kUnsupportedFunctions = {
    "Where",      "TruncToInt",     "IntTrueDiv",  "FloatTrueDiv", "ToFloat",   "FloorToInt",
    "CeilToInt",  "RoundToInt",     "RoundDecimal", "FloatPow",    "TrueDiv",   "LShift",
    "RShift",     "floor",          "ceiling",     "sqrt",         "Piecewise", "Rational",
    "Float",      "OpaqueUnaryFn",  "IsNonOverlappingAndDenseIndicator", "Integer",
};

}  // namespace

const FunctionSpec* find_function(std::string_view name, bool& unsupported) {
  unsupported = false;
  for (const FunctionSpec& f : kFunctions) {
    if (f.name == name) return &f;
  }
  for (std::string_view u : kUnsupportedFunctions) {
    if (u == name || (u == "OpaqueUnaryFn" && name.starts_with("OpaqueUnaryFn_"))) unsupported = true;
  }
  return nullptr;
}

std::span<const size_t> divisor_arguments(const FunctionSpec& spec) {
  static constexpr size_t kSecond[] = {1};
  static constexpr size_t kSecondAndThird[] = {1, 2};
  if (spec.build == modular_indexing) return kSecondAndThird;
  if (spec.build == binary<mod_> || spec.build == binary<floordiv_> || spec.build == binary<ceildiv_>) return kSecond;
  return {};
}

}  // namespace symshape::detail
