// The annotation PyTorch prints on an FX node, parsed: `f32[s0, 3]`,
// `f32[s0, 3][3, 1]`, `f32[2, 60][60, 1]cuda:1`, `Sym(s0 + 1)`, `Sym(u0 >= 0)`,
// `Sym(s2 - 1.0)`. Sizes, strides and Sym values are parsed by symbolic/'s
// parser, so they are expressions, not text. The FX reader calls this for every
// annotation; anything else that holds annotation text (a command line's
// `--input`, a test) can call it too.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "symshape/tracer/graph.hpp"

namespace symshape::tracer {

struct AnnotationError {
  size_t offset = 0;  // byte offset in the annotation text
  std::string message;
};

struct AnnotationParse {
  // TensorAnnotation or SymAnnotation; monostate when `error` is set.
  std::variant<std::monostate, TensorAnnotation, SymAnnotation> value;
  std::optional<AnnotationError> error;
};

// A `Sym(...)` whose expression uses floats (a float literal, `/`, ToFloat,
// a float symbol zf0) is a SymFloat, kept as text (SymAnnotation::value empty):
// Expr models integers only. Any other expression symbolic/ cannot read is an
// error, never a guess.
AnnotationParse parse_annotation(std::string_view text);

}  // namespace symshape::tracer
