#include "rules/type_promotion.hpp"

#include <algorithm>

namespace symshape::tracer {

namespace {

int category_of(ScalarType t) {
  if (t == ScalarType::B8) return 0;
  if (is_integral(t, false)) return 1;
  return is_floating(t) ? 2 : 3;
}

int category_of(const PromotionOperand& o) {
  switch (o.kind) {
    case PromotionOperand::Kind::Tensor: return category_of(o.dtype);
    case PromotionOperand::Kind::Bool: return 0;
    case PromotionOperand::Kind::Int: return 1;
    case PromotionOperand::Kind::Float: return 2;
    case PromotionOperand::Kind::Complex: return 3;
  }
  return 0;
}

ScalarType as_complex(ScalarType t) {
  return t == ScalarType::F64 ? ScalarType::C128 : is_floating(t) ? ScalarType::C64 : t;
}

}  // namespace

std::optional<PromotionOperand> PromotionOperand::of(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Tensor: return of(v.as_tensor());
    case Value::Kind::SymInt: return PromotionOperand{Kind::Int, ScalarType::I64, 0};
    case Value::Kind::SymFloat: return PromotionOperand{Kind::Float, ScalarType::F32, 0};
    case Value::Kind::SymBool: return PromotionOperand{Kind::Bool, ScalarType::B8, 0};
    default: return std::nullopt;
  }
}

ScalarType promoted_dtype(std::span<const PromotionOperand> operands) {
  int highest = 0;
  for (const auto& o : operands) highest = std::max(highest, category_of(o));
  if (highest == 0) return ScalarType::B8;
  // Tensors of the winning category (complex also takes floats, as complex).
  std::optional<ScalarType> ranked, zero_dim;
  for (const auto& o : operands) {
    if (o.kind != PromotionOperand::Kind::Tensor) continue;
    const int c = category_of(o.dtype);
    if (!(c == highest || (highest == 3 && c == 2))) continue;
    const ScalarType t = highest == 3 ? as_complex(o.dtype) : o.dtype;
    std::optional<ScalarType>& slot = o.dim == 0 ? zero_dim : ranked;
    slot = slot ? promote_types(*slot, t) : t;
  }
  if (ranked) return *ranked;
  if (zero_dim) return *zero_dim;
  return highest == 1 ? ScalarType::I64 : highest == 2 ? ScalarType::F32 : ScalarType::C64;
}

ScalarType apply_promotion(ScalarType promoted, Promotion kind) {
  switch (kind) {
    case Promotion::IntToFloat: return is_integral(promoted, true) ? ScalarType::F32 : promoted;
    case Promotion::AlwaysBool: return ScalarType::B8;
    case Promotion::ComplexToFloat:
      return promoted == ScalarType::C64 ? ScalarType::F32 : promoted == ScalarType::C128 ? ScalarType::F64 : promoted;
    case Promotion::BoolToLong: return promoted == ScalarType::B8 ? ScalarType::I64 : promoted;
    default: return promoted;
  }
}

}  // namespace symshape::tracer
