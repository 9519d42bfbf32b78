// Family: data-dependent values (see rules/rule_families.hpp).
//
// `_local_scalar_dense` (`.item()`) has no hint: it becomes a fresh unbacked
// symbol (u0, u1, ...). `_assert_scalar` and `sym_constrain_range*` are what
// torch._check / constrain_range leave in the graph: runtime assertions
// (expect_true), which the env also learns from, never guards.
#include <string>

#include "rules/meta_support.hpp"
#include "rules/rule_support.hpp"
#include "rules/rule_families.hpp"
#include "symshape/engine/engine_errors.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {
namespace {

// An unbacked integer for integer tensors; PyTorch's unbacked SymFloat
// (zuf0) and SymBool are outside what the tracer models.
Value local_scalar_dense(OpContext& ctx) {
  const FakeTensor& t = ctx.tensor(0, "self");
  if (!is_integral(t.dtype, /*include_bool=*/false)) {
    ctx.fail(std::string("item() of a ") + short_name(t.dtype) +
             " tensor gives an unbacked float or bool, which is not modelled");
  }
  return Value::sym_int(ctx.env().create_unbacked_symbol());
}

// Records `cond` as a runtime assertion; a condition the facts refute is an
// OpError (the program would raise there).
void assert_true(OpContext& ctx, Expr cond, std::string_view message) {
  try {
    ctx.expect_true(cond, message);
  } catch (const GuardViolation&) {
    ctx.fail(std::string("assertion fails for every input: ") + std::string(message));
  }
}

// _assert_scalar(cond, assert_msg) -> None. The condition is a SymBool node
// or a constant.
Value assert_scalar(OpContext& ctx) {
  const Value cond = ctx.value(0, "self");
  std::string message = "_assert_scalar";
  if (const Argument* m = ctx.arg(1, "assert_msg"); m != nullptr && m->is(Argument::Kind::String)) {
    message = m->text;
  }
  Expr e;
  if (cond.is(Value::Kind::SymBool)) e = cond.as_sym_bool();
  else if (cond.is(Value::Kind::SymInt)) e = ne(cond.as_sym_int(), integer(0));  // Python truthiness
  else ctx.fail(std::string("_assert_scalar expects a SymBool, got ") + value_kind_name(cond.kind()));
  assert_true(ctx, e, message);
  return Value::none();
}

// _functional_assert_scalar(cond, msg, dep_token) -> a new dep token.
Value functional_assert_scalar(OpContext& ctx) {
  (void)assert_scalar(ctx);
  return Value::tensor(ctx.tensor(2, "dep_token"));
}

// sym_constrain_range(size, *, min=None, max=None) -> None; the
// `_for_size` form also asserts size >= 0 (min defaults to 0).
void constrain_range(OpContext& ctx, bool for_size) {
  const Expr size = ctx.sym_int(0, "size");
  auto min = ctx.optional_sym_int(1, "min");
  if (!min && for_size) min = integer(0);
  if (min) assert_true(ctx, le(*min, size), "sym_constrain_range: size >= min");
  if (auto max = ctx.optional_sym_int(2, "max")) assert_true(ctx, le(size, *max), "sym_constrain_range: size <= max");
}

Value sym_constrain_range(OpContext& ctx) {
  constrain_range(ctx, false);
  return Value::none();
}

Value sym_constrain_range_for_size(OpContext& ctx) {
  constrain_range(ctx, true);
  return Value::none();
}

}  // namespace

void register_unbacked_rules(OpRegistry& r) {
  r.add("aten._local_scalar_dense", local_scalar_dense);
  r.add("aten.item", local_scalar_dense);
  r.add("aten._assert_scalar", assert_scalar);
  r.add("aten._functional_assert_scalar", functional_assert_scalar);
  r.add("aten.sym_constrain_range", sym_constrain_range);
  r.add("aten.sym_constrain_range_for_size", sym_constrain_range_for_size);
}

}  // namespace symshape::tracer
