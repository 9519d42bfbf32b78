// to_sympy and to_python: both are Python expression syntax and differ only in
// how some nodes are spelled (Eq(a, b) vs a == b, Mod(a, b) vs a % b, (a//b) vs
// a // b, Max vs max, And(a, b) vs a and b). One printer with precedence-driven
// parenthesization serves both, so that the parser reads back exactly the tree
// that was printed. The printer accepts any tree, canonical or not.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

// Python's binding strengths, lowest first.
enum Precedence : int {
  kOr = 1,
  kAnd,
  kNot,
  kCompare,
  kSum,
  kProduct,  // * // %
  kUnary,    // -x
  kPower,    // x**n
  kAtom,
};

struct Printed {
  std::string text;
  int precedence;
};

class InfixPrinter {
 public:
  explicit InfixPrinter(Syntax syntax) : python_(syntax == Syntax::Python) {}

  Printed print(Expr e) const {
    switch (e.kind()) {
      case ExprKind::Integer: return {std::to_string(e.value()), e.value() < 0 ? kUnary : kAtom};
      case ExprKind::Symbol: return {e.name(), kAtom};
      case ExprKind::True: return {"True", kAtom};
      case ExprKind::False: return {"False", kAtom};
      case ExprKind::Add: return sum(e);
      case ExprKind::Mul: return product(e);
      case ExprKind::Pow: return {operand(e.arg(0), kAtom) + "**" + operand(e.arg(1), kAtom), kPower};
      case ExprKind::FloorDiv:
        // sympy's str wraps FloorDiv in parentheses: (s0//2).
        if (python_) return {operand(e.arg(0), kProduct) + " // " + operand(e.arg(1), kUnary), kProduct};
        return {"(" + operand(e.arg(0), kProduct) + "//" + operand(e.arg(1), kUnary) + ")", kAtom};
      case ExprKind::Mod:
        if (python_) return {operand(e.arg(0), kProduct) + " % " + operand(e.arg(1), kUnary), kProduct};
        return call("Mod", e);
      case ExprKind::Min: return call(python_ ? "min" : "Min", e);
      case ExprKind::Max: return call(python_ ? "max" : "Max", e);
      case ExprKind::Eq:
        if (python_) return infix_relation(e.arg(0), " == ", e.arg(1));
        return call("Eq", e);
      case ExprKind::Ne:
        if (python_) return infix_relation(e.arg(0), " != ", e.arg(1));
        return call("Ne", e);
      case ExprKind::Lt: return ordering(e, " < ", " > ");
      case ExprKind::Le: return ordering(e, " <= ", " >= ");
      case ExprKind::And:
        if (python_) return joined(e, " and ", kAnd);
        return call("And", e);
      case ExprKind::Or:
        if (python_) return joined(e, " or ", kOr);
        return call("Or", e);
      case ExprKind::Not:
        if (python_) return {"not " + operand(e.arg(0), kNot), kNot};
        return call("Not", e);
    }
    throw UnsupportedError(std::string("cannot print node kind ") + kind_name(e.kind()));
  }

 private:
  // `e` printed so that it parses as one operand at `min_precedence`.
  std::string operand(Expr e, int min_precedence) const {
    Printed p = print(e);
    if (p.precedence < min_precedence) return "(" + p.text + ")";
    return std::move(p.text);
  }

  Printed call(const char* name, Expr e) const {
    std::string out = name;
    out += '(';
    for (size_t i = 0; i < e.num_args(); ++i) {
      if (i > 0) out += ", ";
      out += print(e.arg(i)).text;  // arguments are delimited by commas: no parentheses needed
    }
    out += ')';
    return {std::move(out), kAtom};
  }

  Printed joined(Expr e, const char* separator, int precedence) const {
    std::string out;
    for (size_t i = 0; i < e.num_args(); ++i) {
      if (i > 0) out += separator;
      out += operand(e.arg(i), precedence + 1);
    }
    return {std::move(out), precedence};
  }

  Printed infix_relation(Expr lhs, const char* op, Expr rhs) const {
    return {operand(lhs, kSum) + op + operand(rhs, kSum), kCompare};
  }

  // Lt/Le print as written, except that a constant on the left is moved to the
  // right with the flipped operator (Le(2, s0) is `s0 >= 2`), as PyTorch logs do.
  Printed ordering(Expr e, const char* op, const char* flipped) const {
    Expr lhs = e.arg(0), rhs = e.arg(1);
    if (lhs.is_integer() && !rhs.is_integer()) return infix_relation(rhs, flipped, lhs);
    return infix_relation(lhs, op, rhs);
  }

  // A term whose sign can be printed as a binary minus: -c*x with c > 0 or a
  // negative constant (but not INT64_MIN, whose magnitude is not an int64).
  static bool is_negative_term(Expr t) {
    constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
    if (t.is_integer()) return t.value() < 0 && t.value() != kMin;
    return t.is(ExprKind::Mul) && t.num_args() >= 2 && t.arg(0).is_integer() && t.arg(0).value() < 0 &&
           t.arg(0).value() != kMin;
  }

  // The text of -t for a negative term t.
  std::string negated_term(Expr t) const {
    if (t.is_integer()) return std::to_string(-t.value());
    return operand_product(-t.arg(0).value(), t.args().subspan(1), kSum + 1).text;
  }

  // Sums print their constant last (s0 - s1 + 3) and negative terms with a
  // binary minus.
  Printed sum(Expr e) const {
    auto args = e.args();
    std::vector<Expr> terms(args.begin(), args.end());
    if (terms.size() > 1 && terms.front().is_integer()) {
      terms.push_back(terms.front());
      terms.erase(terms.begin());
    }
    std::string out;
    for (size_t i = 0; i < terms.size(); ++i) {
      Expr t = terms[i];
      if (i == 0) {
        out += operand(t, kSum);
      } else if (is_negative_term(t)) {
        out += " - " + negated_term(t);
      } else {
        out += " + " + operand(t, kSum + 1);
      }
    }
    return {std::move(out), kSum};
  }

  Printed product(Expr e) const {
    auto args = e.args();
    if (args.size() >= 2 && args[0].is_integer()) return operand_product(args[0].value(), args.subspan(1), 0);
    return operand_product(1, args, 0);
  }

  // coefficient * factors, parenthesized if it binds less than `min_precedence`.
  Printed operand_product(int64_t coefficient, std::span<const Expr> factors, int min_precedence) const {
    Printed p = unparenthesized_product(coefficient, factors);
    if (p.precedence < min_precedence) p = {"(" + p.text + ")", kAtom};
    return p;
  }

  Printed unparenthesized_product(int64_t coefficient, std::span<const Expr> factors) const {
    if (factors.empty()) return {std::to_string(coefficient), coefficient < 0 ? kUnary : kAtom};
    if (coefficient == 1 && factors.size() == 1) return print(factors[0]);
    std::string text;
    for (size_t i = 0; i < factors.size(); ++i) {
      if (i > 0) text += '*';
      text += operand(factors[i], kUnary);
    }
    // -x*y parses as (-x)*y: the same product.
    if (coefficient == 1) return {std::move(text), kProduct};
    if (coefficient == -1) return {"-" + text, factors.size() == 1 ? kUnary : kProduct};
    return {std::to_string(coefficient) + "*" + text, kProduct};
  }

  bool python_;
};

}  // namespace

std::string to_sympy(Expr e) { return InfixPrinter(Syntax::Sympy).print(e).text; }
std::string to_python(Expr e) { return InfixPrinter(Syntax::Python).print(e).text; }
std::string to_syntax(Expr e, Syntax syntax) { return InfixPrinter(syntax).print(e).text; }

}  // namespace symshape
