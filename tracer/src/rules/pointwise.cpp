// Family: pointwise ops and broadcasting (see rules/rule_families.hpp).
//
// One table-driven rule: each op names its operand layout (which arguments
// broadcast, which only shape the result) and its type-promotion kind. The
// result's shape is the broadcast of the operands (FakeTensor's infer_size);
// its strides follow the inputs (strides.hpp's elementwise_strides); its dtype
// is elementwise_dtypes' (type_promotion.hpp). In-place variants (`sub_`,
// `fill_`, `masked_fill_`) return `self`: the other operands broadcast into it
// one way, and the promoted dtype must be castable to self's.
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rules/rule_families.hpp"
#include "rules/rule_support.hpp"
#include "rules/type_promotion.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {

namespace {

enum class Role : uint8_t {
  Operand,    // broadcasts, and takes part in type promotion
  ShapeOnly,  // broadcasts, no type promotion (where's condition)
  IntoSelf,   // broadcasts into self only (masked_fill's mask)
  Fill,       // a fill value: a scalar or a 0-d tensor, neither shape nor dtype
};

struct Slot {
  const char* keyword;
  Role role;
};

using Layout = std::array<Slot, 3>;  // keyword nullptr: unused

constexpr Layout kUnary{{{"self", Role::Operand}, {nullptr, Role::Operand}, {nullptr, Role::Operand}}};
constexpr Layout kBinary{{{"self", Role::Operand}, {"other", Role::Operand}, {nullptr, Role::Operand}}};
constexpr Layout kPow{{{"self", Role::Operand}, {"exponent", Role::Operand}, {nullptr, Role::Operand}}};
constexpr Layout kClamp{{{"self", Role::Operand}, {"min", Role::Operand}, {"max", Role::Operand}}};
constexpr Layout kClampMin{{{"self", Role::Operand}, {"min", Role::Operand}, {nullptr, Role::Operand}}};
constexpr Layout kClampMax{{{"self", Role::Operand}, {"max", Role::Operand}, {nullptr, Role::Operand}}};
constexpr Layout kWhere{{{"condition", Role::ShapeOnly}, {"self", Role::Operand}, {"other", Role::Operand}}};
constexpr Layout kTernary{{{"self", Role::Operand}, {"tensor1", Role::Operand}, {"tensor2", Role::Operand}}};
constexpr Layout kLerp{{{"self", Role::Operand}, {"end", Role::Operand}, {"weight", Role::Operand}}};
constexpr Layout kMaskedFill{{{"self", Role::Operand}, {"mask", Role::IntoSelf}, {"value", Role::Fill}}};
constexpr Layout kFill{{{"self", Role::Operand}, {"value", Role::Fill}, {nullptr, Role::Operand}}};

struct PointwiseSpec {
  const char* name;  // op packet, without overload
  Layout layout;
  Promotion promotion;
};

// clang-format off
constexpr PointwiseSpec kOps[] = {
    // unary
    {"aten.abs", kUnary, Promotion::ComplexToFloat},
    {"aten.neg", kUnary, Promotion::Default},         {"aten.relu", kUnary, Promotion::Default},
    {"aten.ceil", kUnary, Promotion::Default},        {"aten.floor", kUnary, Promotion::Default},
    {"aten.round", kUnary, Promotion::Default},       {"aten.trunc", kUnary, Promotion::Default},
    {"aten.sgn", kUnary, Promotion::Default},         {"aten.sign", kUnary, Promotion::Default},
    {"aten.frac", kUnary, Promotion::Default},        {"aten.bitwise_not", kUnary, Promotion::Default},
    {"aten.exp", kUnary, Promotion::IntToFloat},      {"aten.exp2", kUnary, Promotion::IntToFloat},
    {"aten.expm1", kUnary, Promotion::IntToFloat},    {"aten.log", kUnary, Promotion::IntToFloat},
    {"aten.log2", kUnary, Promotion::IntToFloat},     {"aten.log10", kUnary, Promotion::IntToFloat},
    {"aten.log1p", kUnary, Promotion::IntToFloat},    {"aten.sqrt", kUnary, Promotion::IntToFloat},
    {"aten.rsqrt", kUnary, Promotion::IntToFloat},    {"aten.reciprocal", kUnary, Promotion::IntToFloat},
    {"aten.sigmoid", kUnary, Promotion::IntToFloat},  {"aten.tanh", kUnary, Promotion::IntToFloat},
    {"aten.sin", kUnary, Promotion::IntToFloat},      {"aten.cos", kUnary, Promotion::IntToFloat},
    {"aten.tan", kUnary, Promotion::IntToFloat},      {"aten.erf", kUnary, Promotion::IntToFloat},
    {"aten.atan", kUnary, Promotion::IntToFloat},     {"aten.asin", kUnary, Promotion::IntToFloat},
    {"aten.acos", kUnary, Promotion::IntToFloat},     {"aten.sinh", kUnary, Promotion::IntToFloat},
    {"aten.cosh", kUnary, Promotion::IntToFloat},     {"aten.erfinv", kUnary, Promotion::IntToFloat},
    {"aten.gelu", kUnary, Promotion::Default},        {"aten.silu", kUnary, Promotion::Default},
    {"aten.hardtanh", kUnary, Promotion::Default},    {"aten.leaky_relu", kUnary, Promotion::Default},
    {"aten.elu", kUnary, Promotion::Default},         {"aten.softplus", kUnary, Promotion::Default},
    {"aten.hardswish", kUnary, Promotion::Default},   {"aten.hardsigmoid", kUnary, Promotion::Default},
    {"aten.mish", kUnary, Promotion::Default},        {"aten.logical_not", kUnary, Promotion::AlwaysBool},
    {"aten.isnan", kUnary, Promotion::AlwaysBool},    {"aten.isinf", kUnary, Promotion::AlwaysBool},
    {"aten.isfinite", kUnary, Promotion::AlwaysBool},
    {"aten.relu_", kUnary, Promotion::KeepSelf},      {"aten.neg_", kUnary, Promotion::KeepSelf},
    {"aten.sigmoid_", kUnary, Promotion::KeepSelf},   {"aten.zero_", kUnary, Promotion::KeepSelf},
    // binary
    {"aten.add", kBinary, Promotion::Default},        {"aten.sub", kBinary, Promotion::Default},
    {"aten.rsub", kBinary, Promotion::Default},       {"aten.mul", kBinary, Promotion::Default},
    {"aten.div", kBinary, Promotion::IntToFloat},     {"aten.true_divide", kBinary, Promotion::IntToFloat},
    {"aten.floor_divide", kBinary, Promotion::Default}, {"aten.remainder", kBinary, Promotion::Default},
    {"aten.fmod", kBinary, Promotion::Default},       {"aten.maximum", kBinary, Promotion::Default},
    {"aten.minimum", kBinary, Promotion::Default},    {"aten.atan2", kBinary, Promotion::IntToFloat},
    {"aten.bitwise_and", kBinary, Promotion::Default}, {"aten.bitwise_or", kBinary, Promotion::Default},
    {"aten.bitwise_xor", kBinary, Promotion::Default}, {"aten.copysign", kBinary, Promotion::IntToFloat},
    {"aten.hypot", kBinary, Promotion::Default},      {"aten.xlogy", kBinary, Promotion::IntToFloat},
    {"aten.eq", kBinary, Promotion::AlwaysBool},      {"aten.ne", kBinary, Promotion::AlwaysBool},
    {"aten.lt", kBinary, Promotion::AlwaysBool},      {"aten.le", kBinary, Promotion::AlwaysBool},
    {"aten.gt", kBinary, Promotion::AlwaysBool},      {"aten.ge", kBinary, Promotion::AlwaysBool},
    {"aten.logical_and", kBinary, Promotion::AlwaysBool}, {"aten.logical_or", kBinary, Promotion::AlwaysBool},
    {"aten.logical_xor", kBinary, Promotion::AlwaysBool},
    {"aten.pow", kPow, Promotion::BoolToLong},
    {"aten.clamp", kClamp, Promotion::Default},       {"aten.clip", kClamp, Promotion::Default},
    {"aten.clamp_min", kClampMin, Promotion::Default}, {"aten.clamp_max", kClampMax, Promotion::Default},
    {"aten.add_", kBinary, Promotion::KeepSelf},      {"aten.sub_", kBinary, Promotion::KeepSelf},
    {"aten.mul_", kBinary, Promotion::KeepSelf},      {"aten.div_", kBinary, Promotion::KeepSelf},
    {"aten.clamp_", kClamp, Promotion::KeepSelf},     {"aten.clamp_min_", kClampMin, Promotion::KeepSelf},
    {"aten.clamp_max_", kClampMax, Promotion::KeepSelf},
    // ternary
    {"aten.where", kWhere, Promotion::Default},       {"aten.addcmul", kTernary, Promotion::Default},
    {"aten.addcdiv", kTernary, Promotion::Default},   {"aten.lerp", kLerp, Promotion::Default},
    // fills
    {"aten.masked_fill", kMaskedFill, Promotion::KeepSelf}, {"aten.masked_fill_", kMaskedFill, Promotion::KeepSelf},
    {"aten.fill", kFill, Promotion::KeepSelf},        {"aten.fill_", kFill, Promotion::KeepSelf},
};
// clang-format on

const PointwiseSpec& spec_of(const OpContext& ctx) {
  static const auto* table = [] {
    auto* m = new std::unordered_map<std::string_view, const PointwiseSpec*>();
    for (const auto& s : kOps) m->emplace(s.name, &s);
    return m;
  }();
  const auto it = table->find(ctx.op_packet());
  if (it == table->end()) ctx.fail("not a pointwise op");
  return *it->second;
}

bool is_in_place(std::string_view packet) { return packet.ends_with('_'); }

// An operand as written: a tensor, a scalar (literal or Sym node), or absent.
struct Operand {
  Role role;
  std::optional<FakeTensor> tensor;
  std::optional<PromotionOperand> scalar;
};

std::optional<Operand> read_operand(const OpContext& ctx, size_t i, const Slot& slot) {
  const Argument* a = ctx.arg(i, slot.keyword);
  if (!a || a->is(Argument::Kind::None)) return std::nullopt;
  Operand o{slot.role, std::nullopt, std::nullopt};
  using K = PromotionOperand::Kind;
  switch (a->kind) {
    case Argument::Kind::Int: o.scalar = PromotionOperand{K::Int, ScalarType::I64, 0}; return o;
    // Float literals stay out of ctx.value(): only their kind matters here.
    case Argument::Kind::Float: o.scalar = PromotionOperand{K::Float, ScalarType::F32, 0}; return o;
    case Argument::Kind::Bool: o.scalar = PromotionOperand{K::Bool, ScalarType::B8, 0}; return o;
    case Argument::Kind::Node: {
      const Value v = ctx.value(i, slot.keyword);
      if (v.is(Value::Kind::Tensor)) o.tensor = v.as_tensor();
      else if (auto s = PromotionOperand::of(v)) o.scalar = s;
      else ctx.fail(std::string("argument '") + slot.keyword + "' is a " + value_kind_name(v.kind()) +
                    ", not a tensor or a scalar");
      return o;
    }
    default: ctx.fail(std::string("argument '") + slot.keyword + "' is not a tensor or a scalar");
  }
}

// c10's canCast: no float -> integral, complex -> real, non-bool -> bool.
bool can_cast(ScalarType from, ScalarType to) {
  if (is_complex(from) && !is_complex(to)) return false;
  if (is_floating(from) && is_integral(to, true)) return false;
  if (from != ScalarType::B8 && to == ScalarType::B8) return false;
  return true;
}

// The device of the result: the first tensor of rank >= 1, else the first
// tensor (a 0-d CPU tensor may join tensors of another device).
Device result_device(const std::vector<Operand>& ops) {
  const FakeTensor* first = nullptr;
  for (const auto& o : ops) {
    if (!o.tensor) continue;
    if (!first) first = &*o.tensor;
    if (o.tensor->dim() > 0 || o.tensor->device.type != "cpu") return o.tensor->device;
  }
  return first ? first->device : Device{};
}

Value pointwise_rule(OpContext& ctx) {
  const PointwiseSpec& spec = spec_of(ctx);
  const bool in_place = is_in_place(ctx.op_packet());
  std::vector<Operand> ops;
  for (size_t i = 0; i < spec.layout.size(); ++i)
    if (spec.layout[i].keyword)
      if (auto o = read_operand(ctx, i, spec.layout[i])) ops.push_back(std::move(*o));
  if (ops.empty()) ctx.fail("no operands");
  if ((in_place || spec.promotion == Promotion::KeepSelf) && !ops[0].tensor) ctx.fail("self must be a tensor");
  const bool clamp_both = spec.layout[2].keyword && std::string_view(spec.layout[2].keyword) == "max";
  if (clamp_both && ops.size() == 1)
    ctx.fail("at least one of 'min' or 'max' must not be None");

  // Shape: broadcast the operands; IntoSelf/Fill operands and in-place ops
  // leave self's shape as it is.
  const FakeTensor* self = ops[0].tensor ? &*ops[0].tensor : nullptr;
  std::vector<Expr> sizes;
  bool any_tensor = false;
  for (const auto& o : ops) {
    if (!o.tensor || o.role == Role::IntoSelf || o.role == Role::Fill) continue;
    sizes = any_tensor ? broadcast_shapes(ctx, sizes, o.tensor->sizes) : o.tensor->sizes;
    any_tensor = true;
  }
  if (!any_tensor) ctx.fail("no tensor operand");
  for (const auto& o : ops) {
    if (!o.tensor) continue;
    if (o.role == Role::IntoSelf) expanded_strides(ctx, o.tensor->sizes, o.tensor->strides, self->sizes);
    if (o.role == Role::Fill && o.tensor->dim() != 0)
      ctx.fail("only supports a 0-dimensional value tensor, but got a tensor with " +
               std::to_string(o.tensor->dim()) + " dimensions");
  }
  if (in_place || spec.promotion == Promotion::KeepSelf) {
    // The broadcast result must be self's shape: other operands go into self.
    if (sizes.size() != self->dim())
      ctx.fail("output with " + std::to_string(self->dim()) + " dimensions doesn't match the broadcast shape");
    for (size_t d = 0; d < sizes.size(); ++d)
      ctx.check(eq(sizes[d], self->sizes[d]), "in-place: the broadcast shape must be self's");
    sizes = self->sizes;
  }

  // Dtype.
  std::vector<PromotionOperand> promo;
  for (const auto& o : ops) {
    if (o.role != Role::Operand) continue;
    promo.push_back(o.tensor ? PromotionOperand::of(*o.tensor) : *o.scalar);
  }
  Promotion kind = spec.promotion;
  if (ctx.op_packet() == "aten.div" && ctx.has(SIZE_MAX, "rounding_mode")) kind = Promotion::Default;
  const ScalarType promoted = apply_promotion(promoted_dtype(promo), kind);
  if (in_place) {
    if (!can_cast(promoted, self->dtype))
      ctx.fail(std::string("result type ") + torch_name(promoted) + " can't be cast to the desired output type " +
               torch_name(self->dtype));
    return ctx.value(0, spec.layout[0].keyword);
  }
  const ScalarType dtype = spec.promotion == Promotion::KeepSelf ? self->dtype : promoted;

  // Strides: masked_fill's reference ends with .contiguous(); the others
  // follow their tensor inputs.
  if (spec.layout[1].role == Role::IntoSelf) return Value::tensor(new_tensor(ctx, sizes, dtype, self->device));
  std::vector<std::vector<Expr>> in_sizes, in_strides;
  for (const auto& o : ops) {
    if (!o.tensor || o.role == Role::Fill) continue;
    in_sizes.push_back(o.tensor->sizes);
    in_strides.push_back(o.tensor->strides);
  }
  FakeTensor out;
  out.dtype = dtype;
  out.device = result_device(ops);
  out.strides = elementwise_strides(ctx, sizes, in_sizes, in_strides);
  out.sizes = std::move(sizes);
  out.storage_offset = integer(0);
  return Value::tensor(std::move(out));
}

// prims.convert_element_type(a, dtype): a's shape, strides as an elementwise
// op with one input gives them (dense inputs keep theirs).
Value convert_element_type_rule(OpContext& ctx) {
  const FakeTensor& a = ctx.tensor(0, "a");
  const std::optional<ScalarType> dtype = ctx.dtype(1, "dtype");
  if (!dtype) ctx.fail("dtype is required");
  FakeTensor out = a;
  out.dtype = *dtype;
  const std::vector<std::vector<Expr>> sizes{a.sizes}, strides{a.strides};
  out.strides = elementwise_strides(ctx, a.sizes, sizes, strides);
  out.storage_offset = integer(0);
  return Value::tensor(std::move(out));
}

// prims.device_put(a, device): the same geometry on another device.
Value device_put_rule(OpContext& ctx) {
  FakeTensor out = ctx.tensor(0, "a");
  const std::optional<Device> device = ctx.device(1, "device");
  if (!device) ctx.fail("device is required");
  out.device = *device;
  return Value::tensor(std::move(out));
}

}  // namespace

void register_pointwise_rules(OpRegistry& r) {
  for (const auto& s : kOps) r.add(s.name, pointwise_rule);
  r.add("prims.convert_element_type", convert_element_type_rule);
  r.add("prims.device_put", device_put_rule);
}

}  // namespace symshape::tracer
