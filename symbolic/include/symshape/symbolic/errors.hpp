// Typed errors a user can cause. None of them aborts the process: callers catch
// `symshape::Error` per input item and go on with the rest.
#pragma once

#include <stdexcept>
#include <string>

namespace symshape {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An int64 result would not fit: never wrapped silently.
struct OverflowError : Error {
  using Error::Error;
};

// `a // 0` or `a % 0` (Python raises ZeroDivisionError).
struct DivisionByZeroError : Error {
  using Error::Error;
};

// Something that is well formed but outside what symshape models (a float
// symbol, a negative exponent, an unsupported function).
struct UnsupportedError : Error {
  using Error::Error;
};

// Evaluation met a symbol that has no value.
struct UnboundSymbolError : Error {
  using Error::Error;
};

// A caller broke an API's contract (a slot array shorter than its layout, a
// cache that may hold no entry): a bug in the calling code, not in its input.
struct InvalidArgumentError : Error {
  using Error::Error;
};

// Malformed text. `what()` is the full message: "line:col: message", then the
// offending line and a caret under the column. line and column are 1-based.
struct ParseError : Error {
  ParseError(const std::string& full_message, std::string message, int line, int column)
      : Error(full_message), message(std::move(message)), line(line), column(column) {}
  std::string message;  // without position and caret
  int line;
  int column;
};

}  // namespace symshape
