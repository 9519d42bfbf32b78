// The built-in example that `symshape` runs when given no command: a realistic
// list of guards as PyTorch prints them, and what symshape makes of them.
#pragma once

#include <span>
#include <string_view>

#include "command_registry.hpp"

namespace symshape::cli {

// The guards of the example, one per entry, in the sympy form of
// TORCH_LOGS=dynamic ("eval <guard> [guard added]").
std::span<const std::string_view> builtin_example_guards();

// Prints the example to io.out; returns the exit code.
int run_builtin_example(CommandIO& io);

}  // namespace symshape::cli
