// A computed value written the way PyTorch annotates a node, in the graph's
// symbol names: `f32[s0, 64][64, 1]` (device appended when not the CPU),
// `Sym(s0 + 1)`, `(f32[s0], None)` for a tuple, `None`.
#pragma once

#include <string>

#include "symshape/tracer/fake_tensor.hpp"
#include "symshape/tracer/graph_symbols.hpp"

namespace symshape::tracer {

std::string value_text(const Value& value, const GraphSymbols& symbols);

}  // namespace symshape::tracer
