#include "symshape/tracer/value_text.hpp"

#include "symshape/symbolic/print.hpp"

namespace symshape::tracer {
namespace {

std::string expr_list(const std::vector<Expr>& exprs, const GraphSymbols& symbols) {
  std::string out = "[";
  for (size_t i = 0; i < exprs.size(); ++i) out += (i ? ", " : "") + to_sympy(symbols.to_graph(exprs[i]));
  return out + "]";
}

}  // namespace

std::string value_text(const Value& value, const GraphSymbols& symbols) {
  switch (value.kind()) {
    case Value::Kind::None: return "None";
    case Value::Kind::Tensor: {
      const FakeTensor& t = value.as_tensor();
      std::string out = short_name(t.dtype) + expr_list(t.sizes, symbols) + expr_list(t.strides, symbols);
      if (t.device.type != "cpu") out += to_string(t.device);
      return out;
    }
    case Value::Kind::SymInt: return "Sym(" + to_sympy(symbols.to_graph(value.as_sym_int())) + ")";
    case Value::Kind::SymBool: return "Sym(" + to_sympy(symbols.to_graph(value.as_sym_bool())) + ")";
    case Value::Kind::SymFloat: {
      const SymFloat& f = value.as_sym_float();
      return "Sym((" + to_sympy(symbols.to_graph(f.numerator)) + ")/(" + to_sympy(symbols.to_graph(f.denominator)) +
             "))";
    }
    case Value::Kind::Tuple: {
      std::string out = "(";
      const std::vector<Value>& items = value.items();
      for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + value_text(items[i], symbols);
      return out + (items.size() == 1 ? ",)" : ")");
    }
  }
  return "?";
}

}  // namespace symshape::tracer
