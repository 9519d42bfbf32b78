// symbol_kind and SymbolDomain: which names are sizes (>= 0) and which are
// any integer, under each rule; RangeEnv uses the domain for unlisted symbols.
#include <gtest/gtest.h>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/symbol_domain.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape {
namespace {

TEST(SymbolKind, BackedSizesAndSizeSources) {
  for (const char* name : {"s0", "s12", "L['x'].size()[0]", "x.size(1)", "L['x'].stride()[1]", "x.stride(0)",
                           "L['x'].storage_offset()", "L['x'].shape[2]", "L['self'].layer.weight.size()[-1]", "x.numel()",
                           "n", "batch", "a_b", "s", "u", "ux1"}) {
    EXPECT_EQ(symbol_kind(name), SymbolKind::Size) << name;
  }
}

TEST(SymbolKind, UnbackedSymbolsOfPyTorch2) {
  for (const char* name : {"u0", "u17", "i0", "i3"}) EXPECT_EQ(symbol_kind(name), SymbolKind::Unbacked) << name;
}

TEST(SymbolKind, SourcesOfPlainIntegersAreAnySign) {
  for (const char* name : {"L['n']", "L['self'].k", "L['x'].size()", "L['x'].size()[0].bit_length()",
                           "L['x'].shape", "L['x'].shape[0].real"}) {
    EXPECT_EQ(symbol_kind(name), SymbolKind::Integer) << name;
  }
  EXPECT_STREQ(symbol_kind_name(SymbolKind::Integer), "integer");
}

TEST(SymbolDomain, RulesOverrideTheKinds) {
  const Expr s0 = symbol("s0"), u0 = symbol("u0"), n = symbol("L['n']");
  const SymbolDomain by_kind;
  EXPECT_TRUE(by_kind.is_size(s0));
  EXPECT_FALSE(by_kind.is_size(u0));
  EXPECT_FALSE(by_kind.is_size(n));
  EXPECT_EQ(by_kind.range_of(s0), ValueRange::nonnegative());
  EXPECT_EQ(by_kind.range_of(u0), ValueRange::all());
  EXPECT_TRUE(SymbolDomain::all_sizes().is_size(u0));
  EXPECT_TRUE(SymbolDomain::all_sizes().is_size(n));
  EXPECT_FALSE(SymbolDomain::any_sign().is_size(s0));
}

TEST(SymbolDomain, SizeLikeUnbackedSymbolsAreSizes) {
  const Expr u0 = symbol("u0"), u1 = symbol("u1");
  SymbolDomain domain;
  domain.add_size_like(u0);
  EXPECT_TRUE(domain.is_size(u0));
  EXPECT_FALSE(domain.is_size(u1));
  EXPECT_NE(domain, SymbolDomain::by_kind());
  EXPECT_EQ(describe_domain_of(u0, domain), "u0 is a size, an integer >= 0");
  EXPECT_EQ(describe_domain_of(u1, domain), "u1 is any integer");
}

// The range layer sees the kinds: Max(0, u0) is not u0, u0 >= 0 is undecided.
TEST(SymbolDomain, RangeEnvUsesTheDomainForUnlistedSymbols) {
  const Expr s0 = symbol("s0"), u0 = symbol("u0");
  RangeEnv env;
  EXPECT_EQ(simplify(max(integer(0), s0), env), s0);
  EXPECT_EQ(simplify(max(integer(0), u0), env), max(integer(0), u0));
  EXPECT_EQ(decide_by_ranges(ge(u0, integer(0)), env), std::nullopt);
  EXPECT_EQ(decide_by_ranges(ge(s0, integer(0)), env), std::optional<bool>(true));
  env.domain = SymbolDomain::all_sizes();
  EXPECT_EQ(decide_by_ranges(ge(u0, integer(0)), env), std::optional<bool>(true));
  env.symbols[u0] = ValueRange::at_least(3);  // a listed range wins over the domain
  env.domain = SymbolDomain::any_sign();
  EXPECT_EQ(decide_by_ranges(ge(u0, integer(0)), env), std::optional<bool>(true));
}

}  // namespace
}  // namespace symshape
