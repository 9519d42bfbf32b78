#include "command_registry.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace symshape::cli {
namespace {

// A function-local static, so registrations from any translation unit find the
// table constructed no matter in which order the files' statics initialize.
std::vector<Command>& command_table() {
  static std::vector<Command> table;
  return table;
}

}  // namespace

CommandRegistration::CommandRegistration(std::string_view name, std::string_view summary,
                                         CommandMain main) {
  auto& table = command_table();
  bool duplicate = std::any_of(table.begin(), table.end(),
                               [&](const Command& c) { return c.name == name; });
  if (duplicate || main == nullptr || name.empty()) {
    std::fprintf(stderr, "symshape: bad registration of command '%.*s' (%s)\n",
                 static_cast<int>(name.size()), name.data(),
                 duplicate ? "registered twice" : "no name or no function");
    std::abort();
  }
  table.push_back(Command{name, summary, main});
}

std::vector<Command> registered_commands() {
  std::vector<Command> sorted = command_table();
  std::sort(sorted.begin(), sorted.end(),
            [](const Command& a, const Command& b) { return a.name < b.name; });
  return sorted;
}

const Command* find_command(std::string_view name) {
  for (const Command& c : command_table()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace symshape::cli
