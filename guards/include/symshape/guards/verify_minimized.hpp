// verify_equivalent: an independent re-check that a minimized guard set is
// equivalent to the raw one (`symshape minimize --verify`).
//
// It proves AND(holds(kept)) <=> AND(holds(raw)) over the symbol domain
// where the assumptions hold, with Z3 alone (engine's Z3Checker: a solver of
// its own, no cheap tiers, nothing from the minimizer but the two lists).
// holds(G) = defined(G) and G: a guard that raises at a point fails there,
// as in minimize.hpp.
//
//  - raw => kept: a kept guard that is (by interned identity) one of the raw
//    guards holds wherever all of raw holds, with no query; any other kept
//    guard is proved from all of raw with Z3.
//  - kept => raw: a raw guard that is one of the kept guards needs nothing;
//    every other raw guard g is one Z3 query "holds(kept) => holds(g)" (one
//    per distinct guard: a single query of the whole conjunction is much
//    harder on nonlinear sets).
//
// Not modelled: int64 overflow. Z3's integers are unbounded, while a guard
// whose evaluation leaves int64 raises (and fails) in GuardProgram. So
// "verified" covers the points where every guard evaluates within int64; two
// sets that differ only where some intermediate value passes 2^63 are not
// told apart (no recorded shape reaches such sizes; modelling it would put a
// range side condition on every product in every query).
//
// Budget: each query gets `rlimit_per_query`; once `rlimit_total` units are
// spent the remaining queries are not asked. An Unknown or unasked query
// makes the answer Unverified, never Verified or NotEquivalent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/expr.hpp"
#include "symshape/symbolic/symbol_domain.hpp"

namespace symshape {

struct VerifyOptions {
  SymbolDomain domain = SymbolDomain::by_kind();
  std::vector<Expr> assumptions;  // `--assume`: only points where they hold count
  unsigned rlimit_per_query = 2'000'000;
  uint64_t rlimit_total = 50'000'000;
};

enum class VerifyStatus : uint8_t { Verified, Unverified, NotEquivalent };
const char* verify_status_name(VerifyStatus status);  // "verified", "unverified", "not equivalent"

// A point of the domain (assumptions holding) where exactly one of the two
// sets passes, checked by exact evaluation (a guard that raises fails).
struct Inequivalence {
  Assignment point;  // every symbol of raw, kept and the assumptions
  // false: every kept guard passes and raw[failing] fails (kept is weaker);
  // true: every raw guard passes and kept[failing] fails (kept is stronger).
  bool raw_passes = false;
  size_t failing = 0;
};

struct VerifyResult {
  VerifyStatus status = VerifyStatus::Unverified;
  std::string reason;                     // Unverified: why, in one line
  std::optional<Inequivalence> witness;   // NotEquivalent
  size_t queries = 0;                     // Z3 checks asked
  size_t unknown = 0;                     // queries left Unknown or not asked
  uint64_t resources = 0;                 // rlimit units spent
};

VerifyResult verify_equivalent(std::span<const Expr> raw, std::span<const Expr> kept,
                               const VerifyOptions& options = {});

}  // namespace symshape
