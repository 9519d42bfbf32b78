#include "guard_input.hpp"

#include <fstream>
#include <ostream>

namespace symshape::cli {

std::optional<GuardReadResult> read_guard_input(const std::string& command, const std::string& path,
                                                CommandIO& io) {
  GuardReadResult read;
  if (path == "-") {
    read = read_guards(io.in);
  } else {
    std::ifstream file(path);
    if (!file) {
      io.err << "symshape " << command << ": cannot read '" << path << "'\n";
      return std::nullopt;
    }
    read = read_guards(file);
  }
  for (const GuardReadError& e : read.errors) io.err << e.to_string() << '\n';
  return read;
}

}  // namespace symshape::cli
