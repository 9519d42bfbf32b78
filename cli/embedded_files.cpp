#include "embedded_files.hpp"

#include <stdexcept>
#include <string>

namespace symshape::cli {

std::string_view embedded_file(std::string_view path) {
  for (const EmbeddedFile& f : embedded_files()) {
    if (f.path == path) return f.text;
  }
  throw std::logic_error("no embedded file " + std::string(path) + " (see cli/CMakeLists.txt)");
}

}  // namespace symshape::cli
