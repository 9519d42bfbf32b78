#include <algorithm>

#include "fx_reader/fx_graph_builder.hpp"
#include "fx_reader/fx_parser.hpp"
#include "symshape/tracer/fx_reader.hpp"

namespace symshape::tracer {
namespace {

// The line holding byte `offset`, without its line end.
std::string line_at(std::string_view text, size_t offset) {
  size_t start = std::min(offset, text.size());
  while (start > 0 && text[start - 1] != '\n') --start;
  size_t end = text.find('\n', start);
  std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return std::string(line);
}

}  // namespace

std::string FxDiagnostic::format() const {
  std::string out = span.file + ":" + std::to_string(span.line) + ":" + std::to_string(span.column) + ": " + message;
  out += "\n" + line_text + "\n";
  // Tabs stay tabs so the caret lines up under the column.
  for (int i = 1; i < span.column; ++i) {
    size_t index = static_cast<size_t>(i - 1);
    out += index < line_text.size() && line_text[index] == '\t' ? '\t' : ' ';
  }
  out += "^";
  return out;
}

FxReadResult read_fx(std::string_view text, std::string_view file_name) {
  std::string file(file_name);
  fx::ParsedText parsed = fx::parse_statements(text);
  fx::BuiltGraphs built = fx::build_graphs(parsed.statements, file);

  std::vector<fx::SyntaxError> errors = std::move(parsed.errors);
  errors.insert(errors.end(), built.errors.begin(), built.errors.end());
  std::stable_sort(errors.begin(), errors.end(),
                   [](const fx::SyntaxError& a, const fx::SyntaxError& b) { return a.at.offset < b.at.offset; });

  FxReadResult result;
  result.graphs = std::move(built.graphs);
  for (const fx::SyntaxError& e : errors) {
    result.errors.push_back(
        FxDiagnostic{SourceSpan{file, e.at.line, e.at.column}, e.message, line_at(text, e.at.offset)});
  }
  return result;
}

}  // namespace symshape::tracer
