// `symshape`: dispatches to the subcommands registered in cmd_*.cpp (see
// command_registry.hpp for how to add one). With no arguments it runs the
// main job (builtin_example.hpp); `symshape --json` prints it as JSON.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "builtin_example.hpp"
#include "command_registry.hpp"
#include "common.hpp"

#ifndef SYMSHAPE_VERSION
#define SYMSHAPE_VERSION "unknown"
#endif

namespace symshape::cli {
namespace {

void print_usage(std::ostream& out) {
  out << "Usage: symshape [COMMAND] [OPTIONS] [ARGS]\n"
         "\n"
         "symshape reasons about tensor shapes symbolically: it parses the guards PyTorch\n"
         "prints (sympy form such as Eq(s0, s1), or Python infix such as\n"
         "L['x'].size()[0] == 8), simplifies them, proves implications with Z3,\n"
         "minimizes guard sets, and traces FX graphs through a capture -> aot pipeline.\n"
         "With no COMMAND it runs the main job: two example models (a tiny transformer and\n"
         "a small conv net) traced forward and backward through one ShapeEnv, their guards\n"
         "minimized and installed in a guard cache, and a stream of calls replayed.\n"
         "\n"
         "Commands:\n";
  size_t width = 0;
  for (const Command& c : registered_commands()) width = std::max(width, c.name.size());
  for (const Command& c : registered_commands()) {
    out << "  " << c.name << std::string(width - c.name.size() + 2, ' ') << c.summary << '\n';
  }
  out << "\n"
         "Options:\n"
         "  -h, --help  print this help and exit\n"
         "  --version   print the version and exit\n"
         "  --json      (with no COMMAND) print the main job as one JSON object\n"
         "\n"
         "Sizes (s0, L['x'].size()[0]) are integers >= 0; unbacked symbols (u0) are any\n"
         "integer, as in PyTorch; --any-sign and --all-sizes change that per command.\n"
         "Where a command takes EXPR, '-' reads one input per line from stdin and prints\n"
         "one answer per line.\n"
         "Exit codes: 0 success; 1 a command-specific \"no\" (see the command's help);\n"
         "2 bad usage or bad input.\n"
         "Run 'symshape COMMAND --help' for a command's options.\n";
}

int dispatch(const std::vector<std::string>& args, CommandIO& io) {
  if (args.empty()) return run_builtin_example(io, /*json=*/false);
  if (args[0] == "--json") {
    if (args.size() == 1) return run_builtin_example(io, /*json=*/true);
    io.err << "symshape: --json before a command is the main job's option; a command takes its own:\n"
           << "  symshape " << args[1] << " --json ...\n";
    return kExitUsage;
  }
  const std::string& first = args[0];
  if (first == "--help" || first == "-h" || first == "help") {
    if (first == "help" && args.size() > 1) {
      // `symshape help COMMAND` is `symshape COMMAND --help`.
      std::vector<std::string> help_args{args[1], "--help"};
      return dispatch(help_args, io);
    }
    print_usage(io.out);
    return kExitSuccess;
  }
  if (first == "--version") {
    io.out << "symshape " << SYMSHAPE_VERSION << '\n';
    return kExitSuccess;
  }
  if (!first.empty() && first[0] == '-') {
    io.err << "symshape: unknown option '" << first << "'\n"
           << "Try 'symshape --help'.\n";
    return kExitUsage;
  }
  const Command* command = find_command(first);
  if (command == nullptr) {
    io.err << "symshape: unknown command '" << first << "'\n"
           << "Try 'symshape --help' for the list of commands.\n";
    return kExitUsage;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    return command->main(rest, io);
  } catch (const UsageError& e) {
    io.err << "symshape " << command->name << ": " << e.what() << '\n'
           << "Try 'symshape " << command->name << " --help'.\n";
    return kExitUsage;
  }
}

}  // namespace
}  // namespace symshape::cli

int main(int argc, char** argv) {
  using namespace symshape::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  CommandIO io{std::cin, std::cout, std::cerr};
  try {
    int code = dispatch(args, io);
    std::cout.flush();
    return code;
  } catch (const std::exception& e) {
    // Commands catch the errors a user can cause; anything reaching here is a
    // bug, reported without a crash dump but with a distinct message.
    std::cerr << "symshape: internal error: " << e.what() << '\n';
    return kExitUsage;
  }
}
