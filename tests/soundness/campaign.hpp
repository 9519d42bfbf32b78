// The soundness campaign's families: each runs one seeded case and says what
// came of it. A case is reproducible from (family, case seed) alone.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "symshape/guards/guard_set.hpp"

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

// Case k of a campaign with base seed s: a 64-bit mix, so nearby seeds and
// cases do not give correlated generators.
inline uint64_t case_seed(uint64_t seed, uint64_t k) {
  uint64_t z = seed * 0x9E3779B97F4A7C15ull + k + 1;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// The minimize family's input: 5 to 15 random guards over 1 to 3 size
// symbols (s0, s1, s2), as the user would type them; also what
// minimize_backstop times.
struct RandomGuardSet {
  GuardSet guards;
  std::vector<Expr> symbols;
};
RandomGuardSet random_guard_set(uint64_t case_seed);

// Box bounds shared by the brute-force checks: small enough to enumerate
// every point for up to three symbols.
inline constexpr int64_t kBoxHi = 10;

}  // namespace symshape::campaign
