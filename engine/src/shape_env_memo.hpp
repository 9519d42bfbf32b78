// ShapeEnvMemo: the answers a ShapeEnv already computed under its current facts.
//
// A trace asks the same questions over and over (every pointwise op asks
// whether each size is 1, every annotation check simplifies the same strides),
// and simplify() and decide() are pure functions of the facts. So each answer
// is kept, keyed by the interned node (pointer hashing, O(1)), until the facts
// change: the env stamps its facts with a generation that every change
// replaces by a never-used number (a pop() brings an older one back), and the
// memo drops everything when the generation it was filled under is not the
// current one. The Prover's facts version is part of the stamp too (the env's
// prover() is public, and a fact added there changes what decide() can prove).
// An answer is therefore only ever reused under exactly the facts it was
// computed with.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>

#include "symshape/symbolic/expr.hpp"

namespace symshape {

// Which tier of ShapeEnv::State::decide gave an answer (none: undecided), so
// a reused answer counts in the same statistic as the first one.
enum class DecidedBy : uint8_t { None, Simplify, Prover };

struct Decision {
  std::optional<bool> value;
  DecidedBy by = DecidedBy::None;
};

struct ShapeEnvMemo {
  // Forgets every entry unless it was filled under these facts.
  void sync(uint64_t facts_generation, uint64_t prover_facts_version) {
    if (generation == facts_generation && prover_version == prover_facts_version) return;
    simplified.clear();
    decided.clear();
    generation = facts_generation;
    prover_version = prover_facts_version;
  }

  uint64_t generation = 0;
  uint64_t prover_version = 0;
  std::unordered_map<Expr, Expr, ExprHash> simplified;  // e -> simplify(e)
  std::unordered_map<Expr, Decision, ExprHash> decided;  // simplified condition -> decide()
};

}  // namespace symshape
