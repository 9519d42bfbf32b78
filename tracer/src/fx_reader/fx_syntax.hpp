// The syntax tree of an FX dump: Python statements and expressions as written,
// before names are resolved to nodes. The parser (fx_parser.hpp) builds it; the
// graph builder (fx_graph_builder.hpp) gives it meaning.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fx_reader/fx_tokenizer.hpp"

namespace symshape::tracer::fx {

struct PyExpr {
  enum class Kind : unsigned char {
    Name,       // `text`: a dotted name as written, "torch.ops.aten.mm.default", "self._in_spec"
    Int,        // `text`: the digits
    Float,      // `text`: the literal
    String,     // `text`: the contents, escapes undecoded
    Call,       // items[0] the callee, then the arguments; `keywords` parallel to the arguments
    Subscript,  // items[0][items[1]]
    Binary,     // items[0] `text` items[1]
    Unary,      // `text` items[0]: "-", "+", "~", "not"
    List,       // [items...]
    Tuple,      // (items...) or a bare `a, b,`
  };
  Kind kind = Kind::Name;
  std::string text;
  Location at;
  std::vector<PyExpr> items;
  std::vector<std::string> keywords;  // Call: "" for a positional argument
};

// An annotation as written: the text between the quotes, or an unquoted run
// (`f32[s0, 3]`), with the location of its first character.
struct AnnotationText {
  std::string text;
  Location at;
};

struct Param {
  std::string name;
  Location at;
  std::optional<AnnotationText> annotation;
};

struct Statement {
  enum class Kind : unsigned char {
    Blank,    // an empty or whitespace-only line
    Comment,  // a line holding only a comment: `text` after the '#'
    Import,   // `import ...` / `from ... import ...`
    Banner,   // a log banner such as `===== Forward graph 0 =====`
    Class,    // `class NAME(...):`: `name`
    Def,      // `def NAME(params):`: `name`, `params`
    Declare,  // `NAME: ANNOTATION` with no value: `name`, `annotation`
    Assign,   // `targets[0] = targets[1] = ... = value`, with `annotation` on a single name
    Return,   // `return [value]`
    Pass,
    // A statement with a syntax error (reported already): `name` is its first
    // name when it had one (the node it meant to define, or "def"/"class").
    Invalid,
  };
  Kind kind = Kind::Blank;
  Location at;      // the first token
  int indent = 0;   // column of the line's first token, minus one
  std::string name;
  Location name_at;
  std::string text;
  std::vector<Param> params;
  std::optional<AnnotationText> annotation;
  std::vector<PyExpr> targets;  // each a Name or a Tuple of Names
  std::optional<PyExpr> value;
};

// A syntax error: where, and what was expected.
struct SyntaxError {
  Location at;
  std::string message;
};

}  // namespace symshape::tracer::fx
