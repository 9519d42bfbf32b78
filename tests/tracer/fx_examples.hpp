// The public FX dumps that sit next to the repository, when they are there.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace symshape::tracer {

inline std::filesystem::path fx_examples_dir() {
  return std::filesystem::path(SYMSHAPE_SOURCE_DIR) / ".." / "shared" / "fx-examples";
}

// The text of one example; nullopt when the folder is absent (tests skip).
inline std::optional<std::string> read_fx_example(const std::string& file) {
  std::ifstream in(fx_examples_dir() / file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every *.txt example, sorted; empty when the folder is absent.
inline std::vector<std::string> fx_example_files() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(fx_examples_dir(), ec)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace symshape::tracer
