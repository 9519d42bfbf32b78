// Min and Max: flattened, deduplicated, sorted, constants folded. For every
// integer value of every symbol:
//  - arguments that differ only by a constant offset keep only the winner
//    (Max(a, a + 3) == a + 3);
//  - an argument that is the opposite kind and contains a kept argument (up to
//    a winning offset) is absorbed: Min(a, Max(a, b)) == a, Max(a, Min(a, b)) == a;
//  - a common offset comes out: Min(s0 + 3, s1 + 5) == Min(s0, s1 + 2) + 3.
#include <algorithm>

#include "build_common.hpp"
#include "linear_form.hpp"
#include "rule_counter.hpp"
#include "symshape/symbolic/int_math.hpp"
#include "symshape/symbolic/build.hpp"

namespace symshape {

namespace {

using detail::OffsetSplit;

// "better" is the winner for this kind: larger for Max, smaller for Min.
bool better(ExprKind kind, int64_t a, int64_t b) { return kind == ExprKind::Max ? a > b : a < b; }

// Whether the argument `arg` of a Min (kind) is never below the argument `other`
// because `arg` is a Max with an argument at least `other` (Max dually): then
// Min(other, arg) == other for every integer, and `arg` can go.
bool absorbed_by(ExprKind kind, const OffsetSplit& arg, const OffsetSplit& other) {
  ExprKind opposite = kind == ExprKind::Min ? ExprKind::Max : ExprKind::Min;
  if (!arg.base || !arg.base.is(opposite)) return false;
  for (Expr inner : arg.base.args()) {
    OffsetSplit in = detail::split_offset(inner);
    if (in.base != other.base) continue;
    // arg >= inner + arg.offset (Max) and inner + arg.offset >= other: exact in 128 bits.
    __int128 shifted = static_cast<__int128>(in.offset) + arg.offset;
    if (kind == ExprKind::Min ? shifted >= other.offset : shifted <= other.offset) return true;
  }
  return false;
}

Expr build_min_max(ExprKind kind, std::span<const Expr> input) {
  const char* op = kind == ExprKind::Min ? "Min" : "Max";
  detail::require_integers(input, op);
  if (input.empty()) throw UnsupportedError(std::string(op) + " needs at least one argument");
  if (input.size() == 1) return input[0];

  bool have_constant = false;
  int64_t constant = 0;
  boost::container::small_vector<OffsetSplit, 8> parts;
  auto take = [&](Expr e) {
    OffsetSplit s = detail::split_offset(e);
    if (!s.base) {
      if (!have_constant || better(kind, s.offset, constant)) constant = s.offset;
      have_constant = true;
    } else {
      parts.push_back(s);
    }
  };
  // Canonical Min/Max is flat, so one level is enough; Min(b, c) + k (what a
  // common offset leaves) is flattened too, as Min(b + k, c + k), unless an
  // offset overflows: then the argument stays whole and no offset comes out
  // below (which could leave it nested directly).
  bool kept_nested = false;
  for (Expr e : input) {
    detail::OffsetSplit s = detail::split_offset(e);
    if (!s.base || !s.base.is(kind)) {
      take(e);
      continue;
    }
    bool fits = true;
    for (Expr a : s.base.args()) {
      int64_t o;
      fits = fits && detail::try_add(detail::split_offset(a).offset, s.offset, o);
    }
    if (!fits) {
      kept_nested = true;
      take(e);
      continue;
    }
    for (Expr a : s.base.args()) take(s.offset == 0 ? a : add(a, integer(s.offset)));
  }
  // Group by base; keep the best offset of each base.
  std::sort(parts.begin(), parts.end(),
            [](const OffsetSplit& a, const OffsetSplit& b) { return compare(a.base, b.base) < 0; });
  boost::container::small_vector<OffsetSplit, 8> best_parts;
  for (size_t i = 0; i < parts.size();) {
    OffsetSplit best = parts[i++];
    if (i < parts.size() && parts[i].base == best.base) detail::tried(detail::RuleId::MinMaxSameBase, true);
    while (i < parts.size() && parts[i].base == best.base) {
      if (better(kind, parts[i].offset, best.offset)) best.offset = parts[i].offset;
      ++i;
    }
    best_parts.push_back(best);
  }
  // Absorption, one argument at a time: each one dropped has a kept argument
  // that decides the result in its place (transitively, if that one goes too).
  for (size_t i = 0; i < best_parts.size();) {
    const OffsetSplit arg = best_parts[i];
    bool absorbed = false;
    if (arg.base.is(kind == ExprKind::Min ? ExprKind::Max : ExprKind::Min)) {
      detail::attempt(detail::RuleId::MinMaxAbsorb);
      if (have_constant) absorbed = absorbed_by(kind, arg, {Expr(), constant});
      for (size_t j = 0; j < best_parts.size() && !absorbed; ++j) {
        absorbed = j != i && absorbed_by(kind, arg, best_parts[j]);
      }
    }
    if (absorbed) {
      detail::applied(detail::RuleId::MinMaxAbsorb);
      best_parts.erase(best_parts.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      ++i;
    }
  }
  // A common offset comes out, so that arguments equal up to a shift meet:
  // Min(s0 + 3, s1 + 5) is Min(s0, s1 + 2) + 3. Only when every non-constant
  // argument is offset the same way (the one nearest 0 is pulled out), so
  // Max(s1, s0 + 1) stays as it is, and the result has an argument with offset
  // 0 (a fixed point). Skipped on overflow.
  int64_t shift = 0;
  if (best_parts.size() >= 2 && !kept_nested) {
    detail::attempt(detail::RuleId::MinMaxCommonOffset);
    bool positive = best_parts[0].offset > 0;
    bool same_sign = true;
    int64_t c = best_parts[0].offset, new_constant = constant;
    for (const OffsetSplit& p : best_parts) {
      same_sign = same_sign && p.offset != 0 && (p.offset > 0) == positive;
      if (positive ? p.offset < c : p.offset > c) c = p.offset;
    }
    bool fits = same_sign && (!have_constant || !__builtin_sub_overflow(constant, c, &new_constant));
    if (fits) {
      // |p.offset - c| < |p.offset| for same-signed offsets: no overflow.
      for (OffsetSplit& p : best_parts) p.offset -= c;
      constant = new_constant;
      shift = c;
      detail::applied(detail::RuleId::MinMaxCommonOffset);
    }
  }
  detail::ArgBuffer args;
  if (have_constant) args.push_back(integer(constant));
  for (const OffsetSplit& p : best_parts) args.push_back(add(p.base, integer(p.offset)));
  Expr result;
  if (args.size() == 1) {
    result = args[0];
  } else {
    std::sort(args.begin(), args.end(), ExprLess());
    result = detail::make_canonical(kind, args);
  }
  return shift == 0 ? result : add(result, integer(shift));
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
