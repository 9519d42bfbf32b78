// Everything a `symshape` subcommand needs from the shared option handling,
// one header per job: the command line (command_line.hpp), the symbol domain
// (domain_option.hpp), `--sizes` (sizes_option.hpp), the EXPR-or-`-` input
// contract (input_loop.hpp) and one-line error messages (error_format.hpp).
#pragma once

#include "command_line.hpp"
#include "domain_option.hpp"
#include "error_format.hpp"
#include "input_loop.hpp"
#include "sizes_option.hpp"
