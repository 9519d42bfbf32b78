// `symshape minimize --verify`: runs verify_equivalent on a minimization and
// reports the answer in the text and JSON forms of `minimize`.
#pragma once

#include <ostream>
#include <string>

#include "common.hpp"
#include "symshape/guards/guard_set.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/guards/verify_minimized.hpp"

namespace symshape::cli {

// The kept set of `result` checked against all of `guards` under `domain`.
VerifyResult verify_minimization(const GuardSet& guards, const MinimizeResult& result, const Domain& domain);

// One comment line, so the output stays valid guard input:
//   # verified (N Z3 queries)
//   # unverified: <why>
//   # NOT EQUIVALENT: at s0=0, s1=3 every kept guard passes and line 4 fails: <guard>
void print_verify_text(const GuardSet& guards, const MinimizeResult& result, const VerifyResult& v,
                       std::ostream& out);

// `"verified": true|false|null, "verify": {...}` (members for minimize's object).
std::string verify_json_members(const GuardSet& guards, const MinimizeResult& result, const VerifyResult& v);

}  // namespace symshape::cli
