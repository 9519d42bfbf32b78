// Text files compiled into the `symshape` binary (generated at build time by
// embed_text_files.cmake from the list in cli/CMakeLists.txt), so the
// built-in example runs with nothing on disk around the binary.
#pragma once

#include <span>
#include <string_view>

namespace symshape::cli {

struct EmbeddedFile {
  std::string_view path;  // as in the source tree, e.g. "examples/small_convnet_joint.txt"
  std::string_view text;
};

// All embedded files, in the order CMake lists them. Static storage; no cost.
std::span<const EmbeddedFile> embedded_files();

// The text of the embedded file `path`; std::logic_error when it is not
// embedded (a build mistake, not user input).
std::string_view embedded_file(std::string_view path);

}  // namespace symshape::cli
