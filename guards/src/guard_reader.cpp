#include "symshape/guards/guard_reader.hpp"

#include <array>
#include <cctype>
#include <istream>
#include <iterator>
#include <sstream>
#include <utility>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/parse.hpp"

namespace symshape {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// [begin, end) of `s` without surrounding white space, as offsets.
std::pair<size_t, size_t> trim_bounds(std::string_view s, size_t begin, size_t end) {
  while (begin < end && is_space(s[begin])) ++begin;
  while (end > begin && is_space(s[end - 1])) --end;
  return {begin, end};
}

std::optional<ExtractedGuard> make_extracted(std::string_view line, size_t begin, size_t end) {
  auto [b, e] = trim_bounds(line, begin, end);
  if (b == e) return std::nullopt;
  return ExtractedGuard{line.substr(b, e - b), b};
}

// Position of the first `#` that is not inside a quoted string ('x' in
// L['x'] may in principle hold any character), or npos.
size_t comment_start(std::string_view line, size_t from) {
  char quote = 0;
  for (size_t i = from; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#') {
      return i;
    }
  }
  return std::string_view::npos;
}

// `word` occurs at `pos` as a whole word (not the tail of an identifier).
bool word_at(std::string_view line, size_t pos) {
  return pos == 0 || !(std::isalnum(static_cast<unsigned char>(line[pos - 1])) || line[pos - 1] == '_');
}

// The last occurrence of a log keyword ("eval ", "runtime_assert ") before
// `limit`, as the offset just past it; npos if none.
size_t after_last_keyword(std::string_view line, size_t limit) {
  static constexpr std::array<std::string_view, 2> kKeywords = {"eval ", "runtime_assert "};
  size_t best = std::string_view::npos;
  for (std::string_view kw : kKeywords) {
    size_t pos = line.rfind(kw, limit);
    while (pos != std::string_view::npos && !word_at(line, pos)) {
      pos = pos == 0 ? std::string_view::npos : line.rfind(kw, pos - 1);
    }
    if (pos != std::string_view::npos && pos + kw.size() <= limit &&
        (best == std::string_view::npos || pos + kw.size() > best)) {
      best = pos + kw.size();
    }
  }
  return best;
}

// A logger prefix: "[2024-...", "[0/0] ...", or glog "I0501 10:00:00.123 ...".
bool has_log_prefix(std::string_view s) {
  if (!s.empty() && s[0] == '[') return true;
  // glog: a level letter, MMDD, a space, then HH:MM (a guard over a symbol
  // named like I0501 never continues with a time).
  if (s.size() >= 9 && (s[0] == 'I' || s[0] == 'W' || s[0] == 'E' || s[0] == 'V')) {
    for (size_t i : {1, 2, 3, 4, 6, 7}) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return s[5] == ' ' && s[8] == ':';
  }
  return false;
}

// First words of TORCH_LOGS lines that carry no guard of their own.
bool starts_with_log_word(std::string_view s) {
  static constexpr std::array<std::string_view, 12> kWords = {
      "eval ",          "runtime_assert ",  "create_symbol ",    "create_unbacked_symbol ",
      "set_replacement ", "produce_guards", "compute_unbacked_bindings", "_update_var_to_range ",
      "TREE_GUARD_MANAGER", "GuardManager", "Stack ",          "for more info"};
  for (std::string_view w : kWords) {
    if (s.substr(0, w.size()) == w) return true;
  }
  return false;
}

}  // namespace

namespace {

// Splits the parser's "LINE:COL: message\n<line>\n<caret>" into COL and the
// message; a text without that prefix is column 1 and its first line.
std::pair<int, std::string> split_positioned_message(std::string_view what) {
  std::string_view first = what.substr(0, what.find('\n'));
  size_t colon1 = first.find(':');
  size_t colon2 = colon1 == std::string_view::npos ? colon1 : first.find(':', colon1 + 1);
  auto all_digits = [](std::string_view t) {
    return !t.empty() && t.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (colon2 != std::string_view::npos && all_digits(first.substr(0, colon1)) &&
      all_digits(first.substr(colon1 + 1, colon2 - colon1 - 1)) && colon2 - colon1 - 1 <= 6) {
    int column = std::stoi(std::string(first.substr(colon1 + 1, colon2 - colon1 - 1)));
    std::string_view rest = first.substr(colon2 + 1);
    if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    return {column, std::string(rest)};
  }
  return {1, std::string(first)};
}

}  // namespace

std::string GuardReadError::to_string() const {
  return std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

std::optional<ExtractedGuard> extract_guard(std::string_view line) {
  auto [b, e] = trim_bounds(line, 0, line.size());
  if (b == e || line[b] == '#') return std::nullopt;
  std::string_view trimmed = line.substr(b, e - b);

  // TORCH_LOGS=dynamic: "... eval COND [guard added] ..." (prefix optional).
  static constexpr std::string_view kAdded = "[guard added]";
  if (size_t marker = line.find(kAdded); marker != std::string_view::npos) {
    size_t start = after_last_keyword(line, marker);
    if (start == std::string_view::npos) return std::nullopt;
    return make_extracted(line, start, marker);
  }

  // TORCH_LOGS=guards tree: "| +- LAMBDA_GUARD: COND  # file:line".
  static constexpr std::string_view kLambda = "LAMBDA_GUARD: ";
  if (size_t pos = line.find(kLambda); pos != std::string_view::npos) {
    size_t start = pos + kLambda.size();
    size_t end = comment_start(line, start);
    return make_extracted(line, start, end == std::string_view::npos ? line.size() : end);
  }
  if (trimmed[0] == '|' || trimmed.substr(0, 2) == "+-") return std::nullopt;

  // Any other log line carries no guard (create_symbol, [guard suppressed], ...).
  if (has_log_prefix(trimmed) || starts_with_log_word(trimmed)) return std::nullopt;

  // Guard code, possibly with a trailing "# ..." comment.
  size_t end = comment_start(line, b);
  return make_extracted(line, b, end == std::string_view::npos ? line.size() : end);
}

GuardReadResult read_guards(std::string_view text) {
  GuardReadResult result;
  std::vector<Guard> guards;
  int line_number = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    ++line_number;
    pos = end + 1;
    if (nl == std::string_view::npos && line.empty()) break;  // no trailing empty line

    std::optional<ExtractedGuard> extracted = extract_guard(line);
    if (!extracted) {
      ++result.ignored_lines;
      continue;
    }
    const int offset = static_cast<int>(extracted->offset);
    try {
      ParseResult parsed = parse(extracted->text, line_number);
      if (!parsed.expr.is_boolean()) {
        result.errors.push_back({line_number, offset + 1, "not a condition (an integer expression)"});
        continue;
      }
      guards.push_back(Guard::from_parse(parsed, std::string(extracted->text), line_number));
    } catch (const ParseError& e) {
      result.errors.push_back({line_number, offset + e.column, e.message});
    } catch (const Error& e) {
      // Overflowing literals, unsupported functions, constant division by zero:
      // the parser positions these too, but only in the text ("L:C: message",
      // then the line and a caret); keep its column and the bare message.
      auto [column, message] = split_positioned_message(e.what());
      result.errors.push_back({line_number, offset + column, std::move(message)});
    }
  }
  result.guards = GuardSet(std::move(guards));
  return result;
}

GuardReadResult read_guards(std::istream& in) {
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return read_guards(std::string_view(text));
}

}  // namespace symshape
