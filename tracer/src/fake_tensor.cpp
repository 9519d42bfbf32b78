#include "symshape/tracer/fake_tensor.hpp"

#include <string>
#include <utility>

#include "symshape/symbolic/errors.hpp"

namespace symshape::tracer {

namespace {

[[noreturn]] void wrong_kind(Value::Kind want, Value::Kind have) {
  throw UnsupportedError(std::string("expected a ") + value_kind_name(want) + " value, got " +
                         value_kind_name(have));
}

}  // namespace

Value Value::tensor(FakeTensor t) {
  Value v;
  v.kind_ = Kind::Tensor;
  if (!t.storage_offset) t.storage_offset = integer(0);
  v.tensor_ = std::move(t);
  return v;
}

Value Value::sym_int(Expr e) {
  Value v;
  v.kind_ = Kind::SymInt;
  v.expr_ = e;
  return v;
}

Value Value::sym_bool(Expr e) {
  Value v;
  v.kind_ = Kind::SymBool;
  v.expr_ = e;
  return v;
}

Value Value::sym_float(SymFloat f) {
  Value v;
  v.kind_ = Kind::SymFloat;
  v.float_ = f;
  return v;
}

Value Value::tuple(std::vector<Value> items) {
  Value v;
  v.kind_ = Kind::Tuple;
  v.items_ = std::move(items);
  return v;
}

const FakeTensor& Value::as_tensor() const {
  if (kind_ != Kind::Tensor) wrong_kind(Kind::Tensor, kind_);
  return tensor_;
}
Expr Value::as_sym_int() const {
  if (kind_ != Kind::SymInt) wrong_kind(Kind::SymInt, kind_);
  return expr_;
}
Expr Value::as_sym_bool() const {
  if (kind_ != Kind::SymBool) wrong_kind(Kind::SymBool, kind_);
  return expr_;
}
const SymFloat& Value::as_sym_float() const {
  if (kind_ != Kind::SymFloat) wrong_kind(Kind::SymFloat, kind_);
  return float_;
}
const std::vector<Value>& Value::items() const {
  if (kind_ != Kind::Tuple) wrong_kind(Kind::Tuple, kind_);
  return items_;
}

const char* value_kind_name(Value::Kind k) {
  switch (k) {
    case Value::Kind::None: return "None";
    case Value::Kind::Tensor: return "Tensor";
    case Value::Kind::SymInt: return "SymInt";
    case Value::Kind::SymFloat: return "SymFloat";
    case Value::Kind::SymBool: return "SymBool";
    case Value::Kind::Tuple: return "tuple";
  }
  return "?";
}

}  // namespace symshape::tracer
