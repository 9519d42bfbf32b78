// FakeTensor and the values that flow along graph edges during propagation.
//
// A FakeTensor carries everything about a tensor except its data: dtype,
// device, symbolic sizes, strides and storage offset (Exprs over the ShapeEnv's
// symbols). Strides are always modelled, even where an annotation does not
// print them, because `sym_stride` nodes and view rules read them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "symshape/symbolic/expr.hpp"
#include "symshape/tracer/dtype.hpp"

namespace symshape::tracer {

struct FakeTensor {
  ScalarType dtype = ScalarType::F32;
  Device device;
  std::vector<Expr> sizes;
  std::vector<Expr> strides;  // same length as sizes
  Expr storage_offset;        // integer(0) unless a view moved it

  size_t dim() const { return sizes.size(); }
};

// An exact rational num/den of integer expressions (den a positive constant or
// a size expression known positive): how the tracer models a SymFloat such as
// sym_float(s0) / 2 or `s2 - 1.0`, so math.ceil of it is exact.
struct SymFloat {
  Expr numerator;
  Expr denominator;
};

// What a node produces.
class Value {
 public:
  enum class Kind : uint8_t { None, Tensor, SymInt, SymFloat, SymBool, Tuple };

  Value() = default;  // None
  static Value none() { return Value(); }
  static Value tensor(FakeTensor t);
  static Value sym_int(Expr e);
  static Value sym_bool(Expr e);
  static Value sym_float(SymFloat f);
  static Value tuple(std::vector<Value> items);

  Kind kind() const { return kind_; }
  bool is(Kind k) const { return kind_ == k; }
  // Accessors throw symshape::UnsupportedError naming the kinds on a mismatch.
  const FakeTensor& as_tensor() const;
  Expr as_sym_int() const;
  Expr as_sym_bool() const;
  const SymFloat& as_sym_float() const;
  const std::vector<Value>& items() const;  // Tuple

 private:
  Kind kind_ = Kind::None;
  FakeTensor tensor_;
  Expr expr_;
  SymFloat float_;
  std::vector<Value> items_;
};

const char* value_kind_name(Value::Kind k);

}  // namespace symshape::tracer
