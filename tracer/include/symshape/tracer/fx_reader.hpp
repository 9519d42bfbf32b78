// Reads the FX graph text PyTorch prints (GraphModule.print_readable(),
// TORCH_LOGS=aot_graphs forward/backward/joint dumps, older unquoted
// annotations) into the graph IR. A real tokenizer plus recursive descent over
// the Python subset involved.
//
// Errors never stop the reader: each one is recorded with its place, the
// reader skips to the next statement, and every error in the text is reported.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "symshape/tracer/graph.hpp"

namespace symshape::tracer {

struct FxDiagnostic {
  SourceSpan span;
  std::string message;    // what was expected and the token found
  std::string line_text;  // the offending line, for the caret
  // "FILE:LINE:COL: message", then the line and a caret under the column.
  std::string format() const;
};

struct FxReadResult {
  // One graph per `class ...:` (or per bare `def forward(...)`) in the text, in order.
  std::vector<Graph> graphs;
  std::vector<FxDiagnostic> errors;
  bool ok() const { return errors.empty(); }
};

// `file_name` is used in spans and diagnostics only.
FxReadResult read_fx(std::string_view text, std::string_view file_name = "<input>");

}  // namespace symshape::tracer
