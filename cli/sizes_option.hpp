// `--sizes NAME=INT,...`: symbol values given on the command line.
#pragma once

#include <string_view>

#include "symshape/symbolic/eval.hpp"

namespace symshape::cli {

// Parses `NAME=INT[,NAME=INT]...` into `into`. NAME is a symbol as the
// parser reads it (`s0`, `L['x'].size()[0]`). Throws UsageError.
void parse_sizes(std::string_view text, Assignment& into);

}  // namespace symshape::cli
