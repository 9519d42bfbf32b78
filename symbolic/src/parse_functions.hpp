// The function names the parser accepts (Eq, Mod, FloorDiv, Max, max, And, ...)
// and how each one is built through the canonical constructors, plus the
// checks shared by function calls and operators (operand types, natural
// exponents, positions on constructor errors).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "parse_diagnostics.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape::detail {

// A parsed subexpression and where its text starts (for error messages).
struct Operand {
  Expr expr;
  size_t offset;
};

// Runs `build` (a call into the canonical constructors) and re-throws the
// typed errors it raises with the position of `offset` in the message.
template <class Build>
Expr build_at(const SourceText& source, size_t offset, Build&& build) {
  try {
    return build();
  } catch (const OverflowError& e) {
    source.fail_overflow(offset, e.what());
  } catch (const DivisionByZeroError& e) {
    source.fail_division_by_zero(offset, e.what());
  } catch (const UnsupportedError& e) {
    source.fail_unsupported(offset, e.what());
  }
}

// Type checks; the message names the use, e.g. (operand of '+'). The text is
// only assembled on failure: these run for every operator.
void require_integer(const SourceText& source, const Operand& operand, std::string_view role,
                     std::string_view name);
void require_boolean(const SourceText& source, const Operand& operand, std::string_view role,
                     std::string_view name);

// `base ** exponent` / PowByNatural(base, exponent): the exponent must be a
// constant >= 0 (after folding); symbolic and negative exponents are reported
// as UnsupportedError at the exponent.
Expr build_power(const SourceText& source, const Operand& base, const Operand& exponent);

struct FunctionSpec {
  std::string_view name;
  size_t min_args;
  size_t max_args;     // SIZE_MAX: n-ary
  bool boolean_args;   // arguments are conditions (And, Or, Not) rather than integers
  bool python_only;    // spelled this way only in Python guard code (max, min)
  Expr (*build)(const SourceText& source, size_t offset, std::span<const Operand> args);
};

// The spec for `name`, or nullptr. `unsupported` is set when the name is a
// PyTorch function symshape knows of but does not model (Where, ToFloat, ...).
const FunctionSpec* find_function(std::string_view name, bool& unsupported);

// The indices of the arguments of `spec` that are divisors (Mod, FloorDiv,
// CeilDiv, ... and both of ModularIndexing's); empty for other functions.
std::span<const size_t> divisor_arguments(const FunctionSpec& spec);

}  // namespace symshape::detail
