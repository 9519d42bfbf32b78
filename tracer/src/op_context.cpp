#include <cmath>
#include <string>
#include <utility>

#include "symshape/engine/engine_errors.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {

namespace {

const char* argument_kind_name(Argument::Kind k) {
  switch (k) {
    case Argument::Kind::None: return "None";
    case Argument::Kind::Node: return "a node";
    case Argument::Kind::Int: return "an int";
    case Argument::Kind::Float: return "a float";
    case Argument::Kind::Bool: return "a bool";
    case Argument::Kind::String: return "a string";
    case Argument::Kind::Dtype: return "a dtype";
    case Argument::Kind::Device: return "a device";
    case Argument::Kind::Layout: return "a layout";
    case Argument::Kind::MemoryFormat: return "a memory format";
    case Argument::Kind::List: return "a list";
    case Argument::Kind::Tuple: return "a tuple";
  }
  return "?";
}

std::string describe(size_t i, std::string_view keyword) {
  std::string s = "argument ";
  if (!keyword.empty()) s += "'" + std::string(keyword) + "' ";
  if (i != SIZE_MAX) s += "(position " + std::to_string(i) + ")";
  return s;
}

// A float literal as an exact rational: SymFloat models floats by num/den, so
// only dyadic fractions (0.5, 0.25, ...) and integers are exact.
std::optional<SymFloat> exact_rational(double v) {
  if (!std::isfinite(v)) return std::nullopt;
  for (int64_t den = 1; den <= (int64_t{1} << 20); den *= 2) {
    const double num = v * static_cast<double>(den);
    if (std::abs(num) < 9.0e15 && num == std::floor(num))
      return SymFloat{integer(static_cast<int64_t>(num)), integer(den)};
  }
  return std::nullopt;
}

}  // namespace

OpContext::OpContext(ShapeEnv& env, const Graph& graph, size_t node_index,
                     std::span<const Value> values, std::string stage)
    : env_(env), graph_(graph), node_index_(node_index), values_(values), stage_(std::move(stage)) {}

std::string_view OpContext::op_packet() const {
  std::string_view t = node().target;
  const size_t first = t.find('.'), last = t.rfind('.');
  return first == std::string_view::npos || first == last ? t : t.substr(0, last);
}

std::string_view OpContext::overload() const {
  std::string_view t = node().target;
  const std::string_view packet = op_packet();
  return packet.size() == t.size() ? std::string_view() : t.substr(packet.size() + 1);
}

const Argument* OpContext::arg(size_t i, std::string_view keyword) const {
  const Node& n = node();
  if (i < n.args.size()) return &n.args[i];
  if (!keyword.empty())
    for (const auto& [name, a] : n.kwargs)
      if (name == keyword) return &a;
  return nullptr;
}

bool OpContext::has(size_t i, std::string_view keyword) const {
  const Argument* a = arg(i, keyword);
  return a && !a->is(Argument::Kind::None);
}

Value OpContext::value_of(const Argument& a, size_t i, std::string_view keyword) const {
  switch (a.kind) {
    case Argument::Kind::None: return Value::none();
    case Argument::Kind::Node:
      if (a.node >= values_.size() || a.node >= node_index_)
        fail(describe(i, keyword) + " refers to a node that is not computed yet");
      return values_[a.node];
    case Argument::Kind::Int: return Value::sym_int(integer(a.int_value));
    case Argument::Kind::Bool: return Value::sym_bool(bool_expr(a.bool_value));
    case Argument::Kind::Float:
      if (auto r = exact_rational(a.float_value)) return Value::sym_float(*r);
      fail(describe(i, keyword) + ": the float " + std::to_string(a.float_value) +
           " is not an exact rational the tracer can model");
    default: break;
  }
  fail(describe(i, keyword) + " is " + argument_kind_name(a.kind) + ", not a value");
}

Value OpContext::value(size_t i, std::string_view keyword) const {
  const Argument* a = arg(i, keyword);
  return a ? value_of(*a, i, keyword) : Value::none();
}

const FakeTensor& OpContext::tensor(size_t i, std::string_view keyword) const {
  const Argument* a = arg(i, keyword);
  if (!a) fail(describe(i, keyword) + " is missing (a tensor is required)");
  if (!a->is(Argument::Kind::Node)) fail(describe(i, keyword) + " is " + argument_kind_name(a->kind) + ", not a tensor");
  if (a->node >= values_.size() || a->node >= node_index_)
    fail(describe(i, keyword) + " refers to a node that is not computed yet");
  const Value& v = values_[a->node];
  if (!v.is(Value::Kind::Tensor))
    fail(describe(i, keyword) + " is a " + value_kind_name(v.kind()) + ", not a tensor");
  return v.as_tensor();
}

std::optional<FakeTensor> OpContext::optional_tensor(size_t i, std::string_view keyword) const {
  if (!has(i, keyword)) return std::nullopt;
  return tensor(i, keyword);
}

Expr OpContext::sym_int_of(const Argument& a, size_t i, std::string_view keyword) const {
  if (a.is(Argument::Kind::Int)) return integer(a.int_value);
  if (a.is(Argument::Kind::Bool)) return integer(a.bool_value ? 1 : 0);
  if (a.is(Argument::Kind::Node)) {
    const Value v = value_of(a, i, keyword);
    if (v.is(Value::Kind::SymInt)) return v.as_sym_int();
    fail(describe(i, keyword) + " is a " + value_kind_name(v.kind()) + ", not an int");
  }
  fail(describe(i, keyword) + " is " + argument_kind_name(a.kind) + ", not an int");
}

Expr OpContext::sym_int(size_t i, std::string_view keyword, std::optional<int64_t> fallback) const {
  const Argument* a = arg(i, keyword);
  if (!a || a->is(Argument::Kind::None)) {
    if (fallback) return integer(*fallback);
    fail(describe(i, keyword) + " is missing (an int is required)");
  }
  return sym_int_of(*a, i, keyword);
}

std::optional<Expr> OpContext::optional_sym_int(size_t i, std::string_view keyword) const {
  if (!has(i, keyword)) return std::nullopt;
  return sym_int(i, keyword);
}

std::vector<Expr> OpContext::sym_int_list(size_t i, std::string_view keyword,
                                          std::optional<std::vector<int64_t>> fallback) const {
  const Argument* a = arg(i, keyword);
  std::vector<Expr> out;
  if (!a || a->is(Argument::Kind::None)) {
    if (!fallback) fail(describe(i, keyword) + " is missing (a list of ints is required)");
    for (int64_t v : *fallback) out.push_back(integer(v));
    return out;
  }
  if (a->is(Argument::Kind::List) || a->is(Argument::Kind::Tuple)) {
    for (const Argument& item : a->items) out.push_back(sym_int_of(item, i, keyword));
    return out;
  }
  if (a->is(Argument::Kind::Node)) {
    // A node holding a tuple of SymInts (a list built by an earlier node).
    const Value v = value_of(*a, i, keyword);
    if (v.is(Value::Kind::Tuple)) {
      for (const Value& item : v.items()) {
        if (!item.is(Value::Kind::SymInt)) fail(describe(i, keyword) + " holds a non-int entry");
        out.push_back(item.as_sym_int());
      }
      return out;
    }
  }
  out.push_back(sym_int_of(*a, i, keyword));
  return out;
}

std::vector<int64_t> OpContext::int_list(size_t i, std::string_view keyword,
                                         std::optional<std::vector<int64_t>> fallback) const {
  std::optional<std::vector<int64_t>> fb = fallback;
  std::vector<int64_t> out;
  for (Expr e : sym_int_list(i, keyword, std::move(fb))) {
    if (!e.is_integer()) fail(describe(i, keyword) + " has the symbolic entry " + to_sympy(e) + " where a constant int is required");
    out.push_back(e.value());
  }
  return out;
}

int64_t OpContext::int_value(size_t i, std::string_view keyword, std::optional<int64_t> fallback) const {
  const Expr e = sym_int(i, keyword, fallback);
  if (!e.is_integer()) fail(describe(i, keyword) + " is the symbolic " + to_sympy(e) + " where a constant int is required");
  return e.value();
}

double OpContext::float_value(size_t i, std::string_view keyword, std::optional<double> fallback) const {
  const Argument* a = arg(i, keyword);
  if (!a || a->is(Argument::Kind::None)) {
    if (fallback) return *fallback;
    fail(describe(i, keyword) + " is missing (a float is required)");
  }
  if (a->is(Argument::Kind::Float)) return a->float_value;
  if (a->is(Argument::Kind::Int)) return static_cast<double>(a->int_value);
  fail(describe(i, keyword) + " is " + argument_kind_name(a->kind) + ", not a float constant");
}

bool OpContext::bool_value(size_t i, std::string_view keyword, std::optional<bool> fallback) const {
  const Argument* a = arg(i, keyword);
  if (!a || a->is(Argument::Kind::None)) {
    if (fallback) return *fallback;
    fail(describe(i, keyword) + " is missing (a bool is required)");
  }
  if (a->is(Argument::Kind::Bool)) return a->bool_value;
  if (a->is(Argument::Kind::Int) && (a->int_value == 0 || a->int_value == 1)) return a->int_value == 1;
  fail(describe(i, keyword) + " is " + argument_kind_name(a->kind) + ", not a bool");
}

std::optional<ScalarType> OpContext::dtype(size_t i, std::string_view keyword) const {
  const Argument* a = arg(i, keyword);
  if (!a || a->is(Argument::Kind::None)) return std::nullopt;
  if (a->is(Argument::Kind::Dtype)) return a->dtype;
  fail(describe(i, keyword) + " is " + argument_kind_name(a->kind) + ", not a dtype");
}

std::optional<Device> OpContext::device(size_t i, std::string_view keyword) const {
  const Argument* a = arg(i, keyword);
  if (!a || a->is(Argument::Kind::None)) return std::nullopt;
  if (a->is(Argument::Kind::Device)) return a->device;
  if (a->is(Argument::Kind::String))
    if (auto d = parse_device(a->text)) return d;
  fail(describe(i, keyword) + " is " + argument_kind_name(a->kind) + ", not a device");
}

std::optional<MemoryFormat> OpContext::memory_format(size_t i, std::string_view keyword) const {
  const Argument* a = arg(i, keyword);
  if (!a || a->is(Argument::Kind::None)) return std::nullopt;
  if (a->is(Argument::Kind::MemoryFormat)) return a->memory_format;
  fail(describe(i, keyword) + " is " + argument_kind_name(a->kind) + ", not a memory format");
}

std::vector<FakeTensor> OpContext::tensor_list(size_t i, std::string_view keyword) const {
  std::vector<FakeTensor> out;
  for (auto& t : optional_tensor_list(i, keyword)) {
    if (!t) fail(describe(i, keyword) + " has a None entry where a tensor is required");
    out.push_back(std::move(*t));
  }
  return out;
}

std::vector<std::optional<FakeTensor>> OpContext::optional_tensor_list(size_t i, std::string_view keyword) const {
  const Argument* a = arg(i, keyword);
  if (!a) fail(describe(i, keyword) + " is missing (a list of tensors is required)");
  std::vector<std::optional<FakeTensor>> out;
  auto take = [&](const Value& v) {
    if (v.is(Value::Kind::None)) out.emplace_back();
    else if (v.is(Value::Kind::Tensor)) out.emplace_back(v.as_tensor());
    else fail(describe(i, keyword) + " has a " + value_kind_name(v.kind()) + " entry where a tensor is required");
  };
  if (a->is(Argument::Kind::List) || a->is(Argument::Kind::Tuple)) {
    for (const Argument& item : a->items) take(value_of(item, i, keyword));
    return out;
  }
  const Value v = value_of(*a, i, keyword);
  if (v.is(Value::Kind::Tuple)) {
    for (const Value& item : v.items()) take(item);
    return out;
  }
  fail(describe(i, keyword) + " is " + argument_kind_name(a->kind) + ", not a list of tensors");
}

// --- size questions ----------------------------------------------------------

// A data-dependent question keeps its type (drivers catch it) but names the node.
#define SYMSHAPE_NAME_NODE_ON_DDE(call)                                                   \
  try {                                                                                  \
    call;                                                                                \
  } catch (const DataDependentError& e) {                                                \
    throw DataDependentError(where() + ": " + e.what(), e.expr, e.original);             \
  }

bool OpContext::evaluate(Expr cond, std::string_view reason) {
  SYMSHAPE_NAME_NODE_ON_DDE(return env_.evaluate(cond, provenance(reason)))
}

void OpContext::expect_true(Expr cond, std::string_view reason) {
  try {
    env_.expect_true(cond, provenance(reason));
  } catch (const GuardViolation& e) {
    fail(std::string(reason) + ": " + to_sympy(cond) + " is false (" + e.what() + ")");
  }
}

int64_t OpContext::guard_int(Expr e, std::string_view reason) {
  SYMSHAPE_NAME_NODE_ON_DDE(return env_.guard_int(e, provenance(reason)))
}

bool OpContext::statically_known_true(Expr cond) { return env_.statically_known_true(cond); }

bool OpContext::guard_or_false(Expr cond, std::string_view reason) {
  if (has_unbacked(cond)) {
    const std::optional<bool> known = env_.try_decide(cond);
    return known.value_or(false);
  }
  return evaluate(cond, reason);
}

bool OpContext::guard_or_true(Expr cond, std::string_view reason) {
  if (has_unbacked(cond)) {
    const std::optional<bool> known = env_.try_decide(cond);
    return known.value_or(true);
  }
  return evaluate(cond, reason);
}

void OpContext::check(Expr cond, std::string_view reason) {
  if (has_unbacked(cond)) {
    expect_true(cond, reason);
    return;
  }
  if (!evaluate(cond, reason)) fail(std::string(reason) + ": " + to_sympy(cond) + " does not hold");
}

Expr OpContext::simplify(Expr e) const { return env_.simplify(e); }

bool OpContext::has_unbacked(Expr e) const {
  for (Expr s : free_symbols(env_.apply_replacements(e)))
    if (env_.is_known_symbol(s) && !env_.symbol_info(s).backed) return true;
  return false;
}

#undef SYMSHAPE_NAME_NODE_ON_DDE

std::string OpContext::where() const { return "node " + node().name + " (" + node().target + ")"; }

void OpContext::fail(const std::string& message) const { throw OpError(where() + ": " + message, node().span); }

Provenance OpContext::provenance(std::string_view reason) const {
  Provenance p;
  p.stage = stage_.empty() ? env_.stage() : stage_;
  p.operation = node().target;
  p.reason = std::string(reason);
  p.graph = graph_.name;
  p.node = node().name;
  const SourceSpan& s = node().span;
  if (s.line > 0) p.location = (s.file.empty() ? std::string("<input>") : s.file) + ":" + std::to_string(s.line);
  return p;
}

}  // namespace symshape::tracer
