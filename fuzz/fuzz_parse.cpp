// Fuzz target: the guard/expression parser on arbitrary bytes. Any input
// either parses or raises a symshape::Error; a ParseError names a position
// inside the text. Crashes, hangs and other exceptions are findings.
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace symshape;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const Expr e = parse_expr(text);
    // What the printer writes, the parser reads back to the same node.
    if (parse_expr(to_sympy(e)) != e) fuzz::finding("round trip changed " + to_sympy(e));
  } catch (const ParseError& e) {
    if (e.line < 1 || e.column < 1) fuzz::finding(std::string("unlocated parse error: ") + e.what());
  } catch (const Error&) {
  }
  return 0;
}
