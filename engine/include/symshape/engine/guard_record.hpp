// GuardRecord: one condition the ShapeEnv recorded, with where it came from.
//
// A guard is a condition that held for the sizes seen at trace time and that
// compiled code relies on: the cache must check it before reusing the code. A
// runtime assertion (`expect_true`, PyTorch's torch._check) is a condition on
// data-dependent (unbacked) values that the compiled code itself asserts when it
// runs; it cannot be checked up front because it has no hint, but the engine
// learns from it exactly like from a guard.
#pragma once

#include <cstdint>
#include <string>

#include "symshape/symbolic/expr.hpp"

namespace symshape {

enum class GuardKind : uint8_t { Guard, RuntimeAssert };
const char* guard_kind_name(GuardKind k);

// Why the engine recorded a condition. The textual reason in Provenance is for
// humans; the origin lets tools filter (e.g. show only guards raised by ops).
enum class GuardOrigin : uint8_t {
  Evaluate,            // evaluate() fell back to the hints
  ExpectTrue,          // expect_true() on an undecided condition
  GuardInt,            // evaluate_int()/guard_int() specialized an expression
  ZeroOneSpecialization,  // a size seen as 0 or 1 became that constant
  StaticDim,           // DimPolicy::Static: the size became its hint
  DuckSizing,          // two sources with the same hint share one symbol
  SymbolRange,         // produce_guards(): a backed symbol's range
  SizeLikeUnbacked,    // create_unbacked_symbol(size_like): `u0 >= 0` asserted
};
const char* guard_origin_name(GuardOrigin o);

// Where a question came from: the stage ("capture", "aot", ...), the operation
// that asked (e.g. "aten.view", "conv2d shape rule") and a free-form reason.
// The tracer also names the graph, the node and the place in the graph text
// ("FILE:LINE") that asked; callers outside a graph leave them empty.
struct Provenance {
  std::string stage;
  std::string operation;
  std::string reason;
  // Defaulted, so that callers that name only the first three need not
  // spell the others (and -Wmissing-field-initializers stays quiet).
  std::string graph = {};
  std::string node = {};
  std::string location = {};
};

struct GuardRecord {
  // The condition as it held (evaluate records Not(cond) when cond was false),
  // over size symbols (s0, u0) and, for source-level guards such as duck sizing
  // and 0/1 specialization, over source symbols (L['x'].size()[0]).
  Expr condition;
  GuardKind kind = GuardKind::Guard;
  GuardOrigin origin = GuardOrigin::Evaluate;
  Provenance provenance;
};

}  // namespace symshape
