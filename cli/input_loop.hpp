// The EXPR-or-`-` input contract: one answer per stdin line, `error: <message>`
// for a failing line, the other lines going on, exit code 2 at the end.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "command_registry.hpp"

namespace symshape::cli {

// The answer to one input text, or an exception: symshape::Error (or
// UsageError) for bad input. `line_number` is 1 for a single EXPR argument.
using InputAnswer = std::function<std::string(std::string_view text, int line_number)>;

// The EXPR-or-`-` contract. For an EXPR, prints its answer on io.out, or
// `error: <message>` (with the caret of a parse error) on io.err and returns
// kExitUsage. For `-`, answers each line of io.in on its own line of io.out,
// in order: a failing line prints `error: <one-line message>` in its place and
// the others go on; a blank line prints a blank line (so output lines stay
// aligned with input lines); returns kExitUsage if any line failed.
int answer_inputs(const std::string& expr_or_dash, CommandIO& io, const InputAnswer& answer);

}  // namespace symshape::cli
