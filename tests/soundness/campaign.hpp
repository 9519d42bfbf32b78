// The soundness campaign's families: each runs one seeded case and says what
// came of it. A case is reproducible from (family, case seed) alone.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace symshape::campaign {

enum class Outcome { Sound, Unknown, Unsound, Skipped };

struct CaseResult {
  Outcome outcome = Outcome::Sound;
  std::string detail;  // for Unsound: the input and the point where it went wrong
};

struct Family {
  const char* name;
  CaseResult (*run)(uint64_t case_seed);
};

// minimize, prove, range, simplify (campaign_expr_families.cpp).
std::vector<Family> expr_families();
// trace (campaign_graph_family.cpp).
Family graph_family();

// Box bounds shared by the brute-force checks: small enough to enumerate
// every point for up to three symbols.
inline constexpr int64_t kBoxHi = 10;

}  // namespace symshape::campaign
