#include "sizes_option.hpp"

#include <charconv>

#include "command_line.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/parse.hpp"
#include "text.hpp"

namespace symshape::cli {
namespace {

bool parse_int64(std::string_view text, int64_t& value) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

void parse_sizes(std::string_view text, Assignment& into) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = trim(text.substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) {
      throw UsageError("--sizes '" + std::string(text) + "': empty entry (expected NAME=INT,...)");
    }
    size_t equals = item.rfind('=');
    if (equals == std::string_view::npos) {
      throw UsageError("--sizes: '" + std::string(item) + "' has no value (expected NAME=INT)");
    }
    std::string_view name = trim(item.substr(0, equals));
    std::string_view value_text = trim(item.substr(equals + 1));
    Expr sym;
    try {
      sym = parse_expr(name);
    } catch (const Error&) {
    }
    if (!sym || !sym.is_symbol()) {
      throw UsageError("--sizes: '" + std::string(name) + "' is not a symbol name");
    }
    int64_t value = 0;
    if (!parse_int64(value_text, value)) {
      throw UsageError("--sizes: the value of " + std::string(name) + ", '" + std::string(value_text) +
                       "', is not an integer in the int64 range");
    }
    if (!into.emplace(sym, value).second) {
      throw UsageError("--sizes: " + std::string(name) + " is given twice");
    }
  }
}

}  // namespace symshape::cli
