#include "error_format.hpp"

#include <algorithm>

#include "symshape/symbolic/errors.hpp"

namespace symshape::cli {

std::string one_line_error(const std::exception& e) {
  if (auto* parse_error = dynamic_cast<const ParseError*>(&e)) {
    return std::to_string(parse_error->line) + ":" + std::to_string(parse_error->column) + ": " +
           parse_error->message;
  }
  std::string message = e.what();
  std::replace(message.begin(), message.end(), '\n', ' ');
  return message;
}

}  // namespace symshape::cli
