// Min and Max: flattened, deduplicated, sorted, constants folded. Arguments
// that differ only by a constant offset keep only the winner
// (Max(a, a + 3) == a + 3 for every integer a).
#include <algorithm>

#include "build_common.hpp"
#include "linear_form.hpp"
#include "symshape/symbolic/build.hpp"

namespace symshape {

namespace {

Expr build_min_max(ExprKind kind, std::span<const Expr> input) {
  const char* op = kind == ExprKind::Min ? "Min" : "Max";
  detail::require_integers(input, op);
  if (input.empty()) throw UnsupportedError(std::string(op) + " needs at least one argument");
  if (input.size() == 1) return input[0];
  // "better" means the winner for this kind: larger for Max, smaller for Min.
  auto better = [kind](int64_t a, int64_t b) { return kind == ExprKind::Max ? a > b : a < b; };

  bool have_constant = false;
  int64_t constant = 0;
  boost::container::small_vector<detail::OffsetSplit, 8> parts;
  auto take = [&](Expr e) {
    detail::OffsetSplit s = detail::split_offset(e);
    if (!s.base) {
      if (!have_constant || better(s.offset, constant)) constant = s.offset;
      have_constant = true;
    } else {
      parts.push_back(s);
    }
  };
  for (Expr e : input) {
    if (e.is(kind)) {
      for (Expr a : e.args()) take(a);  // canonical Min/Max is flat: one level
    } else {
      take(e);
    }
  }
  // Group by base; keep the best offset of each base.
  std::sort(parts.begin(), parts.end(), [](const detail::OffsetSplit& a, const detail::OffsetSplit& b) {
    return compare(a.base, b.base) < 0;
  });
  detail::ArgBuffer args;
  if (have_constant) args.push_back(integer(constant));
  for (size_t i = 0; i < parts.size();) {
    detail::OffsetSplit best = parts[i++];
    while (i < parts.size() && parts[i].base == best.base) {
      if (better(parts[i].offset, best.offset)) best.offset = parts[i].offset;
      ++i;
    }
    args.push_back(add(best.base, integer(best.offset)));
  }
  if (args.size() == 1) return args[0];
  std::sort(args.begin(), args.end(), ExprLess());
  return detail::make_canonical(kind, args);
}

}  // namespace

Expr min(std::span<const Expr> args) { return build_min_max(ExprKind::Min, args); }
Expr max(std::span<const Expr> args) { return build_min_max(ExprKind::Max, args); }

static Expr min_uncached(Expr a, Expr b);
Expr min(Expr a, Expr b) {
  return detail::memoized(detail::MemoOp::Min, a, b, [&] { return min_uncached(a, b); });
}
static Expr min_uncached(Expr a, Expr b) {
  Expr both[2] = {a, b};
  return build_min_max(ExprKind::Min, both);
}

static Expr max_uncached(Expr a, Expr b);
Expr max(Expr a, Expr b) {
  return detail::memoized(detail::MemoOp::Max, a, b, [&] { return max_uncached(a, b); });
}
static Expr max_uncached(Expr a, Expr b) {
  Expr both[2] = {a, b};
  return build_min_max(ExprKind::Max, both);
}

}  // namespace symshape
