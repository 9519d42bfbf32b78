// Turns an argument as written (PyExpr) into a typed Argument: node
// references, int/float/bool/None/string literals, torch constants
// (torch.float32, torch.strided, torch.channels_last), device(...), lists and
// tuples of these.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "fx_reader/fx_syntax.hpp"
#include "symshape/tracer/graph.hpp"

namespace symshape::tracer::fx {

// A problem found while giving the syntax its meaning. `silent` when it only
// follows from an error already reported (a name whose definition failed).
struct BuildError {
  Location at;
  std::string message;
  bool silent = false;
};

struct NameTable {
  std::unordered_map<std::string, size_t> nodes;  // node name -> index in the graph
  std::unordered_set<std::string> failed;         // names whose definition had an error
};

// Throws BuildError.
Argument to_argument(const PyExpr& e, const NameTable& names, const std::string& file);

SourceSpan span_of(const Location& at, const std::string& file);

}  // namespace symshape::tracer::fx
