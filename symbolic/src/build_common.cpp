#include "build_common.hpp"

#include <string>

namespace symshape::detail {

void require_integer(Expr e, const char* op) {
  if (!e) throw UnsupportedError(std::string(op) + ": null expression");
  if (e.is_boolean()) {
    throw UnsupportedError(std::string(op) + ": expected an integer expression, got a boolean (" +
                           kind_name(e.kind()) + ")");
  }
}

void require_integers(std::span<const Expr> es, const char* op) {
  for (Expr e : es) require_integer(e, op);
}

void require_boolean(Expr e, const char* op) {
  if (!e) throw UnsupportedError(std::string(op) + ": null expression");
  if (!e.is_boolean()) {
    throw UnsupportedError(std::string(op) + ": expected a boolean expression, got an integer (" +
                           kind_name(e.kind()) + ")");
  }
}

}  // namespace symshape::detail
