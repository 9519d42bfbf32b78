// JSON output shared by the commands' --json modes.
#pragma once

#include <string>
#include <string_view>

namespace symshape::cli {

// A JSON string literal (RFC 8259 escapes; other bytes pass through, so UTF-8 stays UTF-8).
std::string json_string(std::string_view s);

}  // namespace symshape::cli
