// The raw guard list handed to guards/ and the rendering of guards in terms of
// sources (the names a cache can read off its inputs).
#include <limits>
#include <string>

#include "shape_env_state.hpp"
#include "symshape/symbolic/build.hpp"

namespace symshape {

std::span<const GuardRecord> ShapeEnv::recorded_guards() const { return state_->facts.guards; }

std::vector<GuardRecord> ShapeEnv::produce_guards() const {
  const ShapeEnvFacts& f = state_->facts;
  std::vector<GuardRecord> out(f.guards.begin(), f.guards.end());
  for (const SymbolInfo& info : f.symbols) {
    if (!info.backed) continue;  // unbacked ranges are runtime facts, not input checks
    const std::string reason = "range of " + info.symbol.name() + " (" + info.sources.front() + ") is " +
                               info.range.to_string();
    auto range_guard = [&](Expr cond) {
      GuardRecord g;
      g.condition = cond;
      g.kind = GuardKind::Guard;
      g.origin = GuardOrigin::SymbolRange;
      g.provenance = Provenance{"", "produce_guards", reason};
      out.push_back(std::move(g));
    };
    // Sizes are never negative, so a lower bound of 0 checks nothing; INT64_MAX
    // as an upper bound is no bound for an int64 size.
    if (info.range.has_lo() && info.range.lo() > 0) range_guard(ge(info.symbol, integer(info.range.lo())));
    if (info.range.has_hi() && info.range.hi() < std::numeric_limits<int64_t>::max()) {
      range_guard(le(info.symbol, integer(info.range.hi())));
    }
  }
  return out;
}

namespace {

Substitution source_substitution(const ShapeEnvFacts& f) {
  Substitution to_source;
  for (const SymbolInfo& info : f.symbols) {
    if (info.backed) to_source.emplace(info.symbol, symbol(info.sources.front()));
  }
  return to_source;
}

}  // namespace

Expr ShapeEnv::in_sources(Expr cond) const { return substitute(cond, source_substitution(state_->facts)); }

std::vector<GuardRecord> ShapeEnv::produce_source_guards() const {
  const Substitution to_source = source_substitution(state_->facts);
  std::vector<GuardRecord> out = produce_guards();
  for (GuardRecord& g : out) g.condition = substitute(g.condition, to_source);
  return out;
}

}  // namespace symshape
