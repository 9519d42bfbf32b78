// Family: SymInt/SymFloat/SymBool nodes (see rules/rule_families.hpp).
//
// `aten.sym_size`/`sym_stride`/`sym_numel` read a tensor's metadata; the
// Python-level nodes (`a + b`, `a // 2`, `a >= b`, `math.ceil(x)`,
// `sym_float(x)`) compute on SymInts, SymFloats and SymBools exactly as
// PyTorch's SymNode does: building an expression never asks a question (a
// comparison returns a SymBool; the guard comes later, where a rule turns it
// into a bool). A SymFloat is an exact rational num/den (fake_tensor.hpp), so
// `math.ceil(s0 / 2)` is the integer `-((-s0)//2)`.
#include <string>

#include "rules/meta_support.hpp"
#include "rules/rule_support.hpp"
#include "rules/rule_families.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {
namespace {

// One operand of a Python-level node: a SymInt, SymFloat or SymBool node or
// literal (OpContext makes a float literal an exact SymFloat).
Value operand(OpContext& ctx, size_t i) {
  if (ctx.arg(i, "") == nullptr) ctx.fail("missing operand " + std::to_string(i));
  return ctx.value(i, "");
}

bool is_float(const Value& v) { return v.is(Value::Kind::SymFloat); }

SymFloat as_float(OpContext& ctx, const Value& v) {
  if (v.is(Value::Kind::SymFloat)) return v.as_sym_float();
  if (v.is(Value::Kind::SymInt)) return SymFloat{v.as_sym_int(), integer(1)};
  ctx.fail(std::string("expected a number, got ") + value_kind_name(v.kind()));
}

Expr as_int(OpContext& ctx, const Value& v) {
  if (v.is(Value::Kind::SymInt)) return v.as_sym_int();
  ctx.fail(std::string("expected a SymInt, got ") + value_kind_name(v.kind()));
}

// num/den with den a positive constant where it is a constant (so the sign
// lives in the numerator); a zero constant denominator is Python's
// ZeroDivisionError.
SymFloat normalized(OpContext& ctx, Expr num, Expr den) {
  if (den.is_integer()) {
    if (den.value() == 0) ctx.fail("division by zero");
    if (den.value() < 0) return SymFloat{neg(num), neg(den)};
  }
  return SymFloat{num, den};
}

template <typename IntOp, typename FloatOp>
Value arithmetic(OpContext& ctx, IntOp int_op, FloatOp float_op) {
  const Value a = operand(ctx, 0);
  const Value b = operand(ctx, 1);
  try {
    if (is_float(a) || is_float(b)) return Value::sym_float(float_op(ctx, as_float(ctx, a), as_float(ctx, b)));
    return Value::sym_int(int_op(as_int(ctx, a), as_int(ctx, b)));
  } catch (const DivisionByZeroError&) {
    ctx.fail("division by zero");
  }
}

Value op_add(OpContext& ctx) {
  return arithmetic(ctx, [](Expr a, Expr b) { return a + b; },
                    [](OpContext& c, const SymFloat& x, const SymFloat& y) {
                      return normalized(c, x.numerator * y.denominator + y.numerator * x.denominator,
                                        x.denominator * y.denominator);
                    });
}

Value op_sub(OpContext& ctx) {
  return arithmetic(ctx, [](Expr a, Expr b) { return a - b; },
                    [](OpContext& c, const SymFloat& x, const SymFloat& y) {
                      return normalized(c, x.numerator * y.denominator - y.numerator * x.denominator,
                                        x.denominator * y.denominator);
                    });
}

Value op_mul(OpContext& ctx) {
  return arithmetic(ctx, [](Expr a, Expr b) { return a * b; },
                    [](OpContext& c, const SymFloat& x, const SymFloat& y) {
                      return normalized(c, x.numerator * y.numerator, x.denominator * y.denominator);
                    });
}

// Python `/` always gives a float, also for two ints.
Value op_truediv(OpContext& ctx) {
  const SymFloat x = as_float(ctx, operand(ctx, 0));
  const SymFloat y = as_float(ctx, operand(ctx, 1));
  if (y.numerator.is_integer() && y.numerator.value() == 0) ctx.fail("division by zero");
  return Value::sym_float(normalized(ctx, x.numerator * y.denominator, x.denominator * y.numerator));
}

// Python `//`: FloorDiv on ints; on floats floor(x / y) as a float.
Value op_floordiv(OpContext& ctx) {
  return arithmetic(ctx, [](Expr a, Expr b) { return floordiv(a, b); },
                    [](OpContext& c, const SymFloat& x, const SymFloat& y) {
                      if (y.numerator.is_integer() && y.numerator.value() == 0) c.fail("division by zero");
                      return SymFloat{floordiv(x.numerator * y.denominator, x.denominator * y.numerator),
                                      integer(1)};
                    });
}

Value op_mod(OpContext& ctx) {
  const Value a = operand(ctx, 0);
  const Value b = operand(ctx, 1);
  if (is_float(a) || is_float(b)) ctx.fail("float % is not modelled");
  try {
    return Value::sym_int(mod(as_int(ctx, a), as_int(ctx, b)));
  } catch (const DivisionByZeroError&) {
    ctx.fail("division by zero");
  }
}

Value op_neg(OpContext& ctx) {
  const Value a = operand(ctx, 0);
  if (is_float(a)) return Value::sym_float(SymFloat{neg(a.as_sym_float().numerator), a.as_sym_float().denominator});
  return Value::sym_int(neg(as_int(ctx, a)));
}

Value op_pos(OpContext& ctx) { return operand(ctx, 0); }

// x/dx REL y/dy with positive denominators is x*dy REL y*dx. A symbolic
// denominator's sign must be known from the facts (no guard: PyTorch asks none here).
template <typename Rel>
Value comparison(OpContext& ctx, Rel rel) {
  const Value a = operand(ctx, 0);
  const Value b = operand(ctx, 1);
  if (!is_float(a) && !is_float(b)) return Value::sym_bool(rel(as_int(ctx, a), as_int(ctx, b)));
  const SymFloat x = as_float(ctx, a);
  const SymFloat y = as_float(ctx, b);
  for (Expr den : {x.denominator, y.denominator}) {
    if (!ctx.statically_known_true(gt(den, integer(0)))) {
      ctx.fail("comparing SymFloats whose denominator's sign is not known is not modelled");
    }
  }
  return Value::sym_bool(rel(x.numerator * y.denominator, y.numerator * x.denominator));
}

Value op_eq(OpContext& ctx) { return comparison(ctx, [](Expr a, Expr b) { return eq(a, b); }); }
Value op_ne(OpContext& ctx) { return comparison(ctx, [](Expr a, Expr b) { return ne(a, b); }); }
Value op_lt(OpContext& ctx) { return comparison(ctx, [](Expr a, Expr b) { return lt(a, b); }); }
Value op_le(OpContext& ctx) { return comparison(ctx, [](Expr a, Expr b) { return le(a, b); }); }
Value op_gt(OpContext& ctx) { return comparison(ctx, [](Expr a, Expr b) { return gt(a, b); }); }
Value op_ge(OpContext& ctx) { return comparison(ctx, [](Expr a, Expr b) { return ge(a, b); }); }

Expr as_bool(OpContext& ctx, const Value& v) {
  if (v.is(Value::Kind::SymBool)) return v.as_sym_bool();
  ctx.fail(std::string("expected a SymBool, got ") + value_kind_name(v.kind()));
}
Value op_and(OpContext& ctx) {
  return Value::sym_bool(logical_and(as_bool(ctx, operand(ctx, 0)), as_bool(ctx, operand(ctx, 1))));
}
Value op_or(OpContext& ctx) {
  return Value::sym_bool(logical_or(as_bool(ctx, operand(ctx, 0)), as_bool(ctx, operand(ctx, 1))));
}
Value op_not(OpContext& ctx) { return Value::sym_bool(logical_not(as_bool(ctx, operand(ctx, 0)))); }

// math.ceil / math.floor of a SymFloat: exact, since Python's // floors for a
// divisor of either sign. Of a SymInt: the int itself.
Value op_ceil(OpContext& ctx) {
  const Value a = operand(ctx, 0);
  if (!is_float(a)) return Value::sym_int(as_int(ctx, a));
  return Value::sym_int(ceildiv(a.as_sym_float().numerator, a.as_sym_float().denominator));
}
Value op_floor(OpContext& ctx) {
  const Value a = operand(ctx, 0);
  if (!is_float(a)) return Value::sym_int(as_int(ctx, a));
  return Value::sym_int(floordiv(a.as_sym_float().numerator, a.as_sym_float().denominator));
}

Value op_sym_float(OpContext& ctx) { return Value::sym_float(as_float(ctx, operand(ctx, 0))); }

// operator.getitem of a tuple (multi-output ops, sym_size.default).
Value op_getitem(OpContext& ctx) {
  const Value container = ctx.value(0, "");
  if (!container.is(Value::Kind::Tuple)) {
    ctx.fail(std::string("getitem of a ") + value_kind_name(container.kind()) + " is not modelled");
  }
  const auto& items = container.items();
  int64_t i = ctx.int_value(1, "");
  const int64_t n = static_cast<int64_t>(items.size());
  if (i < -n || i >= n) ctx.fail("tuple index " + std::to_string(i) + " out of range for " + std::to_string(n) + " items");
  return items[static_cast<size_t>(i < 0 ? i + n : i)];
}

// sym_size(x, dim) is one size; sym_size(x) (the `.default` overload) all of them.
template <Expr (*Pick)(const FakeTensor&, size_t)>
Value metadata(OpContext& ctx, size_t (*rank)(const FakeTensor&)) {
  const FakeTensor& t = ctx.tensor(0, "self");
  if (ctx.has(1, "dim")) {
    return Value::sym_int(Pick(t, static_cast<size_t>(wrap_dim(ctx, ctx.int_value(1, "dim"), t.dim()))));
  }
  std::vector<Value> all;
  for (size_t d = 0; d < rank(t); ++d) all.push_back(Value::sym_int(Pick(t, d)));
  return Value::tuple(std::move(all));
}
Expr pick_size(const FakeTensor& t, size_t d) { return t.sizes[d]; }
Expr pick_stride(const FakeTensor& t, size_t d) { return t.strides[d]; }
size_t tensor_rank(const FakeTensor& t) { return t.dim(); }

Value op_sym_size(OpContext& ctx) { return metadata<pick_size>(ctx, tensor_rank); }
Value op_sym_stride(OpContext& ctx) { return metadata<pick_stride>(ctx, tensor_rank); }
Value op_sym_numel(OpContext& ctx) { return Value::sym_int(numel(ctx.tensor(0, "self").sizes)); }
Value op_sym_storage_offset(OpContext& ctx) { return Value::sym_int(ctx.tensor(0, "self").storage_offset); }

}  // namespace

void register_sym_node_rules(OpRegistry& r) {
  r.add("aten.sym_size", op_sym_size);
  r.add("aten.sym_stride", op_sym_stride);
  r.add("aten.sym_numel", op_sym_numel);
  r.add("aten.sym_storage_offset", op_sym_storage_offset);
  r.add("operator.add", op_add);
  r.add("operator.sub", op_sub);
  r.add("operator.mul", op_mul);
  r.add("operator.truediv", op_truediv);
  r.add("operator.floordiv", op_floordiv);
  r.add("operator.mod", op_mod);
  r.add("operator.neg", op_neg);
  r.add("operator.pos", op_pos);
  r.add("operator.eq", op_eq);
  r.add("operator.ne", op_ne);
  r.add("operator.lt", op_lt);
  r.add("operator.le", op_le);
  r.add("operator.gt", op_gt);
  r.add("operator.ge", op_ge);
  r.add("operator.and_", op_and);
  r.add("operator.or_", op_or);
  r.add("operator.not_", op_not);
  r.add("operator.getitem", op_getitem);
  // The FX text spells these `math_ceil(x)` / `math.ceil(x)`, `sym_float(x)`.
  r.add("math.ceil", op_ceil);
  r.add("math_ceil", op_ceil);
  r.add("math.floor", op_floor);
  r.add("math_floor", op_floor);
  r.add("sym_float", op_sym_float);
  r.add("torch.sym_float", op_sym_float);
}

}  // namespace symshape::tracer
