// The registry of `symshape` subcommands.
//
// How to add a subcommand (no edit of main.cpp or of any CMake file needed:
// cli/CMakeLists.txt globs cli/*.cpp into the `symshape` executable):
//
//   1. Create cli/cmd_NAME.cpp with a function
//        int run_NAME(symshape::cli::CommandArgs args, symshape::cli::CommandIO& io);
//      `args` are the words after the command name; read stdin from `io.in` and
//      write to `io.out` / `io.err` (never to std::cout directly, so tests and
//      the built-in example can redirect it).
//   2. Register it with a namespace-scope object in the same file:
//        static const symshape::cli::CommandRegistration reg{
//            "NAME", "one-line summary shown by `symshape --help`", &run_NAME};
//   3. Parse options with `CommandLine` from common.hpp: it gives `--help`,
//      the shared `--assume`/`--any-sign`/`--sizes` options, usage errors with
//      exit code 2, and `answer_inputs` for the EXPR-or-`-` (stdin) contract.
//   4. Return kExitSuccess (0), kExitNegative (1, a command-specific "no":
//      contradictory guards, a failed check) or kExitUsage (2, bad usage or
//      input). Throwing `UsageError` prints the message with a hint to
//      `symshape NAME --help` and exits 2.
//
// Registration runs during static initialization, which works because the
// command files are linked into the executable as object files (not pulled
// from a static library, where the linker would drop an unreferenced file and
// its registration with it).
#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace symshape::cli {

// The streams a command talks to; main() passes std::cin/cout/cerr.
struct CommandIO {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

// The words after the command name, as given on the command line.
using CommandArgs = std::span<const std::string>;
using CommandMain = int (*)(CommandArgs args, CommandIO& io);

struct Command {
  std::string_view name;
  std::string_view summary;
  CommandMain main = nullptr;
};

// Registers a command at static-initialization time. Two registrations with
// the same name are a programming error: the process aborts at startup with a
// message naming the command, so it can never go unnoticed.
class CommandRegistration {
 public:
  CommandRegistration(std::string_view name, std::string_view summary, CommandMain main);
};

// Every registered command, sorted by name (the order of static initialization
// across files is unspecified, so the registry sorts for stable help output).
std::vector<Command> registered_commands();
// nullptr when no command has that name.
const Command* find_command(std::string_view name);

}  // namespace symshape::cli
