// Reading the guard list that `minimize` and `check` take: a file, or `-` for
// standard input.
#pragma once

#include <optional>
#include <string>

#include "command_registry.hpp"
#include "symshape/guards/guard_reader.hpp"

namespace symshape::cli {

// Reads the guards of `path` (`-`: io.in) and prints each malformed line's error
// (`LINE:COL: message`) to io.err; the well-formed lines are all in the result.
// nullopt when the file cannot be opened (also reported on io.err).
std::optional<GuardReadResult> read_guard_input(const std::string& command, const std::string& path,
                                                CommandIO& io);

}  // namespace symshape::cli
