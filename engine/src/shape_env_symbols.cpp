// ShapeEnv construction, symbol creation (duck sizing, 0/1 specialization,
// static dimensions, unbacked symbols) and the accessors over symbols.
#include <atomic>
#include <string>

#include "shape_env_state.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {

const char* dim_policy_name(DimPolicy p) {
  switch (p) {
    case DimPolicy::Dynamic: return "dynamic";
    case DimPolicy::Duck: return "duck";
    case DimPolicy::Static: return "static";
  }
  return "?";
}

const char* guard_kind_name(GuardKind k) {
  switch (k) {
    case GuardKind::Guard: return "guard";
    case GuardKind::RuntimeAssert: return "runtime_assert";
  }
  return "?";
}

const char* guard_origin_name(GuardOrigin o) {
  switch (o) {
    case GuardOrigin::Evaluate: return "evaluate";
    case GuardOrigin::ExpectTrue: return "expect_true";
    case GuardOrigin::GuardInt: return "guard_int";
    case GuardOrigin::ZeroOneSpecialization: return "zero_one_specialization";
    case GuardOrigin::StaticDim: return "static_dim";
    case GuardOrigin::DuckSizing: return "duck_sizing";
    case GuardOrigin::SymbolRange: return "symbol_range";
    case GuardOrigin::SizeLikeUnbacked: return "size_like_unbacked";
  }
  return "?";
}

namespace {

ProverOptions prover_options_for(const ShapeEnvOptions& o) {
  ProverOptions p;
  // The env states every symbol's range as an explicit fact; the Prover's own
  // domain is by kind (the default), which agrees with the names the env
  // gives: s<N> are sizes, u<N> any integer unless size-like (then a fact).
  p.rlimit = o.prover_rlimit;
  p.seed = o.prover_seed;
  return p;
}

}  // namespace

// Symbols the env did not create (never in its expressions unless a caller
// mixes them in) get the range their kind gives (facts.ranges.domain).
ShapeEnv::State::State(ShapeEnvOptions opts) : options(opts), prover(prover_options_for(opts)) {
  static std::atomic<uint64_t> next_id{1};
  id = next_id.fetch_add(1, std::memory_order_relaxed);
}

ShapeEnv::ShapeEnv(ShapeEnvOptions options) : state_(std::make_unique<State>(options)) {}
ShapeEnv::~ShapeEnv() = default;

const ShapeEnvOptions& ShapeEnv::options() const { return state_->options; }
uint64_t ShapeEnv::id() const { return state_->id; }
void ShapeEnv::set_stage(std::string stage) { state_->stage = std::move(stage); }
const std::string& ShapeEnv::stage() const { return state_->stage; }
Prover& ShapeEnv::prover() { return state_->prover; }
const ShapeEnvStats& ShapeEnv::stats() const { return state_->stats; }

const SymbolInfo* ShapeEnv::State::find_symbol(Expr sym) const {
  auto it = facts.symbol_index.find(sym);
  return it == facts.symbol_index.end() ? nullptr : &facts.symbols[it->second];
}

SymbolInfo& ShapeEnv::State::mutable_symbol(Expr sym) {
  auto it = facts.symbol_index.find(sym);
  if (it == facts.symbol_index.end()) {
    throw ShapeEnvUsageError("symbol " + (sym ? to_sympy(sym) : std::string("<null>")) +
                             " was not created by this ShapeEnv");
  }
  return facts.symbols[it->second];
}

void ShapeEnv::State::register_source(std::string_view name, int64_t hint, Expr value) {
  facts.source_index.emplace(std::string(name), facts.sources.size());
  facts.sources.push_back(SourceInfo{std::string(name), hint, value});
}

Provenance ShapeEnv::State::fill_stage(Provenance p) const {
  if (p.stage.empty()) p.stage = stage;
  return p;
}

void ShapeEnv::State::require_known_symbols(Expr e) const {
  for (Expr s : free_symbols(e)) {
    if (!find_symbol(s)) {
      throw ShapeEnvUsageError("symbol " + s.name() + " in " + to_sympy(e) +
                               " was not created by this ShapeEnv");
    }
  }
}

bool ShapeEnv::State::has_unbacked(Expr e) const {
  for (Expr s : free_symbols(e)) {
    const SymbolInfo* info = find_symbol(s);
    if (info && !info->backed) return true;
  }
  return false;
}

Expr ShapeEnv::create_symbol(int64_t hint, std::string_view source, DimPolicy policy) {
  State& st = *state_;
  ShapeEnvFacts& f = st.facts;
  if (hint < 0) {
    throw ShapeEnvUsageError("negative size hint " + std::to_string(hint) + " for " + std::string(source));
  }
  if (source.empty()) throw ShapeEnvUsageError("create_symbol needs a source name");
  if (auto it = f.source_index.find(std::string(source)); it != f.source_index.end()) {
    const SourceInfo& known = f.sources[it->second];
    if (known.hint != hint) {
      throw ShapeEnvUsageError("source " + known.name + " was registered with size " +
                               std::to_string(known.hint) + ", now seen with size " + std::to_string(hint));
    }
    return known.value;
  }
  const Expr source_sym = symbol(source);
  const std::string hint_text = std::to_string(hint);

  // Static sizes and 0/1 sizes become constants. The guard is over the source,
  // since no size symbol stands for it.
  const bool zero_one = st.options.specialize_zero_one && (hint == 0 || hint == 1);
  if (policy == DimPolicy::Static || zero_one) {
    Expr value = integer(hint);
    st.register_source(source, hint, value);
    GuardRecord g;
    g.condition = eq(source_sym, value);
    g.origin = policy == DimPolicy::Static ? GuardOrigin::StaticDim : GuardOrigin::ZeroOneSpecialization;
    g.provenance = st.fill_stage(
        {"", "create_symbol",
         policy == DimPolicy::Static ? "static dimension: " + std::string(source) + " specialized to " + hint_text
                                     : "0/1 specialization: " + std::string(source) + " was " + hint_text});
    f.guards.push_back(std::move(g));
    return value;
  }

  const bool duck = policy == DimPolicy::Duck && st.options.duck_shape;
  if (duck) {
    if (auto it = f.duck_symbol_by_hint.find(hint); it != f.duck_symbol_by_hint.end()) {
      Expr shared = it->second;
      SymbolInfo& info = st.mutable_symbol(shared);
      const std::string first = info.sources.front();
      info.sources.emplace_back(source);
      st.register_source(source, hint, shared);
      GuardRecord g;
      g.condition = eq(symbol(first), source_sym);
      g.origin = GuardOrigin::DuckSizing;
      g.provenance = st.fill_stage({"", "create_symbol",
                                    "duck sizing added this equality because " + first + " and " +
                                        std::string(source) + " had the same size " + hint_text + " (" +
                                        shared.name() + ")"});
      f.guards.push_back(std::move(g));
      return shared;
    }
  }

  Expr sym = symbol("s" + std::to_string(f.next_backed++));
  SymbolInfo info;
  info.symbol = sym;
  info.backed = true;
  info.hint = hint;
  info.sources.emplace_back(source);
  // With 0/1 specialization every symbolic size is known to be >= 2; this is
  // what lets `s0 != 1` (broadcasting) be decided without a guard.
  info.range = ValueRange::at_least(st.options.specialize_zero_one ? 2 : 0);
  info.policy = policy;
  f.symbol_index.emplace(sym, f.symbols.size());
  f.symbols.push_back(info);
  f.hints[sym] = hint;
  f.ranges.symbols[sym] = info.range;
  st.register_source(source, hint, sym);
  if (duck) f.duck_symbol_by_hint.emplace(hint, sym);
  st.prover.add_fact(ge(sym, integer(info.range.lo())));
  st.facts_changed();
  return sym;
}

Expr ShapeEnv::create_unbacked_symbol(bool size_like) {
  State& st = *state_;
  ShapeEnvFacts& f = st.facts;
  Expr sym = symbol("u" + std::to_string(f.next_unbacked++));
  SymbolInfo info;
  info.symbol = sym;
  info.backed = false;
  info.range = ValueRange::all();
  f.symbol_index.emplace(sym, f.symbols.size());
  f.symbols.push_back(info);
  f.ranges.symbols[sym] = info.range;
  st.facts_changed();
  if (size_like || st.options.unbacked_nonnegative) {
    // As torch._check_is_size does: assert it (the compiled code checks
    // `u0 >= 0` when it runs), and learn the range from the assertion.
    Expr nonnegative = ge(sym, integer(0));
    st.record_fact(nonnegative, GuardKind::RuntimeAssert, GuardOrigin::SizeLikeUnbacked,
                   {"", "create_unbacked_symbol", "size-like unbacked symbol " + sym.name()});
  }
  return sym;
}

std::span<const SymbolInfo> ShapeEnv::symbols() const { return state_->facts.symbols; }
std::span<const SourceInfo> ShapeEnv::sources() const { return state_->facts.sources; }

const SymbolInfo& ShapeEnv::symbol_info(Expr symbol) const {
  const SymbolInfo* info = state_->find_symbol(symbol);
  if (!info) {
    throw ShapeEnvUsageError("symbol " + (symbol ? to_sympy(symbol) : std::string("<null>")) +
                             " was not created by this ShapeEnv");
  }
  return *info;
}

bool ShapeEnv::is_known_symbol(Expr symbol) const { return state_->find_symbol(symbol) != nullptr; }
ValueRange ShapeEnv::range_of(Expr symbol) const { return symbol_info(symbol).range; }
const RangeEnv& ShapeEnv::range_env() const { return state_->facts.ranges; }
Assignment ShapeEnv::hint_assignment() const { return state_->facts.hints; }

Assignment ShapeEnv::source_assignment() const {
  Assignment out;
  for (const SourceInfo& s : state_->facts.sources) out[symbol(s.name)] = s.hint;
  return out;
}

void ShapeEnv::push() {
  state_->saved.push_back(state_->facts);
  state_->prover.push();
}

void ShapeEnv::pop() {
  if (state_->saved.empty()) throw ShapeEnvUsageError("ShapeEnv::pop() without a matching push()");
  state_->facts = std::move(state_->saved.back());
  state_->saved.pop_back();
  state_->prover.pop();
}

size_t ShapeEnv::scope_depth() const { return state_->saved.size(); }

}  // namespace symshape
