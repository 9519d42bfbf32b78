// What `symshape` runs when given no command: the main job (main_job.hpp),
// printed as one screen of text, or with `--json` as one object.
#pragma once

#include "command_registry.hpp"

namespace symshape::cli {

// Runs the main job and prints it to io.out; returns the exit code (0, or 2
// with a message on io.err if the built-in data is broken).
int run_builtin_example(CommandIO& io, bool json);

}  // namespace symshape::cli
