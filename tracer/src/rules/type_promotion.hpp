// Elementwise type promotion, as torch._prims_common.elementwise_dtypes does
// it: the highest category among all operands (bool < int < float < complex)
// picks the category; the result is the highest dtype of that category among
// tensors of rank >= 1, else among 0-d tensors, else the default for the
// category (int64, float32, complex64); then the op's promotion kind adjusts it.
#pragma once

#include <optional>
#include <span>

#include "symshape/tracer/dtype.hpp"
#include "symshape/tracer/fake_tensor.hpp"

namespace symshape::tracer {

enum class Promotion : uint8_t {
  Default,         // the promoted dtype
  IntToFloat,      // integral and bool results become float32 (div, exp, sigmoid)
  AlwaysBool,      // comparisons and logical ops
  ComplexToFloat,  // abs: complex results become their real type
  BoolToLong,      // pow: bool becomes int64
  KeepSelf,        // the first operand's dtype (in-place ops, masked_fill)
};

// One operand: a tensor (dtype and rank) or a Python/Sym scalar (its kind).
struct PromotionOperand {
  enum class Kind : uint8_t { Tensor, Bool, Int, Float, Complex };
  Kind kind = Kind::Tensor;
  ScalarType dtype = ScalarType::F32;  // Tensor only
  size_t dim = 0;                      // Tensor only

  static PromotionOperand of(const FakeTensor& t) { return {Kind::Tensor, t.dtype, t.dim()}; }
  // A scalar Value (SymInt, SymFloat, SymBool); nullopt for other kinds.
  static std::optional<PromotionOperand> of(const Value& v);
};

ScalarType promoted_dtype(std::span<const PromotionOperand> operands);
ScalarType apply_promotion(ScalarType promoted, Promotion kind);

}  // namespace symshape::tracer
