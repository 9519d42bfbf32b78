// Small text helpers shared by the CLI's input readers.
#pragma once

#include <string_view>

namespace symshape::cli {

// `s` without leading and trailing spaces, tabs and line ends.
inline std::string_view trim(std::string_view s) {
  const char* spaces = " \t\r\n";
  size_t begin = s.find_first_not_of(spaces);
  if (begin == std::string_view::npos) return {};
  size_t end = s.find_last_not_of(spaces);
  return s.substr(begin, end - begin + 1);
}

}  // namespace symshape::cli
