// How the CLI prints an error on one line (stdin answers, --assume messages).
#pragma once

#include <exception>
#include <string>

namespace symshape::cli {

// One-line description of an error: "line:col: message" for parse errors.
std::string one_line_error(const std::exception& e);

}  // namespace symshape::cli
