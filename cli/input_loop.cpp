#include "input_loop.hpp"

#include <istream>
#include <ostream>

#include "command_line.hpp"
#include "error_format.hpp"
#include "symshape/symbolic/errors.hpp"
#include "text.hpp"

namespace symshape::cli {

int answer_inputs(const std::string& expr_or_dash, CommandIO& io, const InputAnswer& answer) {
  if (expr_or_dash != "-") {
    try {
      io.out << answer(expr_or_dash, 1) << '\n';
      return kExitSuccess;
    } catch (const ParseError& e) {
      io.err << "error: " << e.what() << '\n';  // the full message, with the caret
    } catch (const std::exception& e) {
      io.err << "error: " << one_line_error(e) << '\n';
    }
    return kExitUsage;
  }
  bool any_failed = false;
  std::string line;
  for (int line_number = 1; std::getline(io.in, line); ++line_number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // CRLF files
    if (trim(line).empty()) {
      io.out << '\n';
    } else {
      try {
        io.out << answer(line, line_number) << '\n';
      } catch (const std::exception& e) {
        io.out << "error: " << one_line_error(e) << '\n';
        any_failed = true;
      }
    }
    // Flushed per line so a program can drive symshape as a co-process,
    // writing a line and reading its answer.
    io.out.flush();
  }
  return any_failed ? kExitUsage : kExitSuccess;
}

}  // namespace symshape::cli
