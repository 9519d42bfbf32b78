#include "build_common.hpp"

#include <string>

namespace symshape::detail {

void throw_not_integer(Expr e, const char* op) {
  if (!e) throw UnsupportedError(std::string(op) + ": null expression");
  throw UnsupportedError(std::string(op) + ": expected an integer expression, got a boolean (" +
                         kind_name(e.kind()) + ")");
}

void throw_not_boolean(Expr e, const char* op) {
  if (!e) throw UnsupportedError(std::string(op) + ": null expression");
  throw UnsupportedError(std::string(op) + ": expected a boolean expression, got an integer (" +
                         kind_name(e.kind()) + ")");
}

}  // namespace symshape::detail
