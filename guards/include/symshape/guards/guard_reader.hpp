// Reading guard text as users paste it from PyTorch: one guard per line.
//
// Accepted lines:
//  - a guard in sympy form (`Eq(s0, s1)`, `s0 >= 2`) or Python guard code
//    (`L['x'].size()[0] == 4`), optionally followed by a `# ...` comment
//    (`  # _dynamo/output_graph.py:451 in ...`, `# duck sizing added this
//    equality ...`), which is dropped;
//  - TORCH_LOGS=dynamic lines carrying a guard, with or without the logger's
//    prefix (`[2024-05-01 10:00:00,123] [0/0] torch/fx/...: `, `I0501 10:00:00
//    ...] `): `eval COND [guard added] ...` and `runtime_assert COND [guard
//    added] ...` contribute COND;
//  - TORCH_LOGS=guards tree lines `| +- LAMBDA_GUARD: COND  # ...` contribute COND.
// Ignored lines: blank lines, `#` comments, other log lines (create_symbol,
// set_replacement, `eval ... [guard suppressed]`, other guard-tree entries).
// A line with a top-level `and` stays ONE guard (an `And` node): splitting it
// would change which line a kept guard is printed from.
//
// Errors do not stop reading: each bad line is reported with its line and
// column (in the original line, prefix included) and the other lines are read.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "symshape/guards/guard_set.hpp"

namespace symshape {

struct GuardReadError {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in the original line
  std::string message;  // without position

  // "LINE:COL: message"
  std::string to_string() const;
};

struct GuardReadResult {
  GuardSet guards;
  std::vector<GuardReadError> errors;
  size_t ignored_lines = 0;  // blank, comment and non-guard log lines
};

// The guard that one input line carries, if any.
struct ExtractedGuard {
  std::string_view text;  // trimmed guard text, a view into the line
  size_t offset = 0;      // of `text` within the line (0-based)
};
std::optional<ExtractedGuard> extract_guard(std::string_view line);

GuardReadResult read_guards(std::string_view text);
GuardReadResult read_guards(std::istream& in);

}  // namespace symshape
