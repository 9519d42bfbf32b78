// Runs the built `symshape` executable (path in SYMSHAPE_CLI_PATH) as a child
// process with given arguments and stdin, and captures its stdout, stderr and
// exit code. For end-to-end tests of the command-line contract; any test file
// in tests/cli/ can use it.
#pragma once

#include <string>
#include <vector>

namespace symshape::testing {

struct CliResult {
  int exit_code = -1;  // -1 if the process did not exit normally (a signal)
  std::string out;
  std::string err;

  // stdout split at '\n' (the final newline does not add an empty line).
  std::vector<std::string> out_lines() const;
};

// Arguments are passed verbatim (no shell), so quotes and `L['x']` need no
// escaping. `stdin_text` is what the process reads on stdin.
CliResult run_cli(const std::vector<std::string>& args, const std::string& stdin_text = "");

}  // namespace symshape::testing
