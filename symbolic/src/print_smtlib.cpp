// to_smtlib: an SMT-LIB2 term over Int and Bool. SMT-LIB's `div`/`mod` are
// Euclidean (the remainder is never negative) while Python floors, so:
//   a // b  ==  (ite (> b 0) (div a b) (div (- a) (- b)))
//   a %  b  ==  a - b * (a // b)
// (with constant divisors the `ite` is decided here). Operands that such a
// translation mentions more than once are bound with `let`, so nested
// divisions do not grow the text exponentially. Division by zero is left
// unspecified, as in SMT-LIB: whoever asserts the term must also assert that
// divisors are nonzero.
#include <array>
#include <cstdint>
#include <string>
#include <vector>
#include <string_view>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

// Beyond this exponent the repeated product would be unreasonably long (and any
// base other than -1, 0, 1 overflows int64 long before).
constexpr int64_t kMaxExpandedExponent = 1024;

bool is_simple_symbol(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Reserved words and the theory functions a symbol must not shadow.
constexpr std::array<std::string_view, 22> kSmtReserved = {
    "par", "NUMERAL", "DECIMAL", "STRING", "as", "let", "exists", "forall", "match", "and", "or",
    "not", "ite", "div", "mod", "abs", "distinct", "true", "false", "Int", "Bool", "xor",
};

class SmtPrinter {
 public:
  explicit SmtPrinter(Expr root) {
    // Let-bound names must not capture a free symbol of the same name: grow the
    // prefix until no symbol name starts with it.
    std::vector<Expr> symbols = free_symbols(root);
    for (;;) {
      bool clash = false;
      for (Expr s : symbols) clash = clash || s.name().starts_with(let_prefix_);
      if (!clash) break;
      let_prefix_ += "!";
    }
  }

  std::string print(Expr e) {
    switch (e.kind()) {
      case ExprKind::Integer: return integer_literal(e.value());
      case ExprKind::Symbol: return smtlib_symbol(e.name());
      case ExprKind::True: return "true";
      case ExprKind::False: return "false";
      case ExprKind::Add: return application("+", e);
      case ExprKind::Mul: return product(e);
      case ExprKind::Pow: return power(e);
      case ExprKind::FloorDiv: return floordiv(e.arg(0), e.arg(1));
      case ExprKind::Mod: return mod(e.arg(0), e.arg(1));
      case ExprKind::Min: return min_max("<=", e.args());
      case ExprKind::Max: return min_max(">=", e.args());
      case ExprKind::Eq: return application("=", e);
      case ExprKind::Ne: return "(not " + application("=", e) + ")";
      case ExprKind::Lt: return application("<", e);
      case ExprKind::Le: return application("<=", e);
      case ExprKind::And: return application("and", e);
      case ExprKind::Or: return application("or", e);
      case ExprKind::Not: return application("not", e);
    }
    throw UnsupportedError(std::string("cannot translate node kind ") + kind_name(e.kind()));
  }

  static std::string smtlib_symbol(const std::string& name) {
    bool reserved = false;
    for (std::string_view r : kSmtReserved) reserved = reserved || r == name;
    if (is_simple_symbol(name) && !reserved) return name;
    if (name.find_first_of("|\\") != std::string::npos) {
      throw UnsupportedError("symbol name '" + name + "' cannot be written in SMT-LIB (it contains '|' or '\\')");
    }
    return "|" + name + "|";
  }

 private:
  static std::string integer_literal(int64_t v) {
    if (v >= 0) return std::to_string(v);
    // SMT-LIB numerals are nonnegative; the magnitude of INT64_MIN is written
    // from its decimal text so that no int64 negation is needed.
    return "(- " + std::to_string(v).substr(1) + ")";
  }

  std::string application(const char* op, Expr e) {
    std::string out = "(";
    out += op;
    for (Expr a : e.args()) out += " " + print(a);
    return out + ")";
  }

  // -x rather than (* (- 1) x).
  std::string product(Expr e) {
    auto args = e.args();
    if (args.size() >= 2 && args[0].is_integer() && args[0].value() == -1) {
      if (args.size() == 2) return "(- " + print(args[1]) + ")";
      std::string out = "(- (*";
      for (Expr a : args.subspan(1)) out += " " + print(a);
      return out + "))";
    }
    return application("*", e);
  }

  std::string power(Expr e) {
    Expr exponent = e.arg(1);
    if (!exponent.is_integer() || exponent.value() < 0 || exponent.value() > kMaxExpandedExponent) {
      throw UnsupportedError("the power " + to_sympy(e) + " cannot be written in SMT-LIB (exponent must be 0.." +
                             std::to_string(kMaxExpandedExponent) + ")");
    }
    if (exponent.value() == 0) return "1";
    return bind({e.arg(0)}, [&](const std::vector<std::string>& b) {
      if (exponent.value() == 1) return b[0];
      std::string out = "(*";
      for (int64_t i = 0; i < exponent.value(); ++i) out += " " + b[0];
      return out + ")";
    });
  }

  // Python floor division, exact for every nonzero divisor.
  std::string floordiv(Expr a, Expr b) {
    if (b.is_integer() && b.value() > 0) return "(div " + print(a) + " " + print(b) + ")";
    if (b.is_integer() && b.value() < 0) {
      return "(div (- " + print(a) + ") " + negated_literal(b.value()) + ")";
    }
    return bind({a, b}, [](const std::vector<std::string>& v) { return floordiv_text(v[0], v[1]); });
  }

  static std::string floordiv_text(const std::string& a, const std::string& b) {
    return "(ite (> " + b + " 0) (div " + a + " " + b + ") (div (- " + a + ") (- " + b + ")))";
  }

  // Python modulo, the sign of the divisor.
  std::string mod(Expr a, Expr b) {
    // With b > 0 Euclidean and Python modulo agree; with b < 0, a % b == -((-a) % (-b)).
    if (b.is_integer() && b.value() > 0) return "(mod " + print(a) + " " + print(b) + ")";
    if (b.is_integer() && b.value() < 0) {
      return "(- (mod (- " + print(a) + ") " + negated_literal(b.value()) + "))";
    }
    return bind({a, b}, [](const std::vector<std::string>& v) {
      return "(- " + v[0] + " (* " + v[1] + " " + floordiv_text(v[0], v[1]) + "))";
    });
  }

  // |v| for v < 0, written without negating an int64 (INT64_MIN).
  static std::string negated_literal(int64_t v) { return std::to_string(v).substr(1); }

  // Min and max of two or more operands as nested ite: `keep` is the relation
  // under which the first operand is the answer.
  std::string min_max(const char* keep, std::span<const Expr> args) {
    if (args.size() == 1) return print(args[0]);
    std::string rest = min_max(keep, args.subspan(1));
    std::string first = print(args[0]);
    return bind_texts({first, rest}, [&](const std::vector<std::string>& v) {
      return "(ite (" + std::string(keep) + " " + v[0] + " " + v[1] + ") " + v[0] + " " + v[1] + ")";
    });
  }

  template <class Body>
  std::string bind(std::initializer_list<Expr> operands, Body&& body) {
    std::vector<std::string> texts;
    for (Expr e : operands) texts.push_back(print(e));
    return bind_texts(std::move(texts), body);
  }

  // Calls body with names for the texts: atoms (symbols, numerals) stand for
  // themselves, other texts get a `let` binding.
  template <class Body>
  std::string bind_texts(std::vector<std::string> texts, Body&& body) {
    std::string bindings;
    std::vector<std::string> names;
    for (std::string& t : texts) {
      bool atom = !t.starts_with("(");
      if (atom) {
        names.push_back(std::move(t));
      } else {
        std::string name = let_prefix_ + std::to_string(next_let_++);
        bindings += (bindings.empty() ? "(" : " (") + name + " " + t + ")";
        names.push_back(std::move(name));
      }
    }
    std::string inner = body(names);
    if (bindings.empty()) return inner;
    return "(let (" + bindings + ") " + inner + ")";
  }

  std::string let_prefix_ = "t!";
  int next_let_ = 1;
};

}  // namespace

std::string to_smtlib(Expr e) { return SmtPrinter(e).print(e); }

std::string smtlib_symbol_name(Expr symbol) { return SmtPrinter::smtlib_symbol(symbol.name()); }

}  // namespace symshape
