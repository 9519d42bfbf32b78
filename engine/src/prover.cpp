// Prover facade: the fact stack, the tiers in order of cost, memoization and
// statistics. The tiers themselves live in cheap_tiers, difference_tier,
// witness_tier and z3_backend.
#include "symshape/engine/fallback_stats.hpp"
#include "symshape/engine/prover.hpp"

#include <algorithm>
#include <unordered_map>

#include "cheap_tiers.hpp"
#include "difference_tier.hpp"
#include "linear_tier.hpp"
#include "modular_tier.hpp"
#include "pinned_atom_tier.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/definedness.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "witness_tier.hpp"
#include "z3_backend.hpp"

namespace symshape {

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Yes: return "yes";
    case Verdict::No: return "no";
    case Verdict::Unknown: return "unknown";
  }
  return "?";
}

const char* tier_name(ProverTier t) {
  switch (t) {
    case ProverTier::Canonical: return "canonical";
    case ProverTier::Ranges: return "ranges";
    case ProverTier::Difference: return "difference";
    case ProverTier::Linear: return "linear";
    case ProverTier::Modular: return "modular";
    case ProverTier::Witness: return "witness";
    case ProverTier::Z3: return "z3";
    case ProverTier::Count: break;
  }
  return "?";
}

namespace {

// What the cheap tiers know about the current facts; copied on push().
struct TierState {
  explicit TierState(const SymbolDomain& domain) : summary(domain), witness(domain) {}
  FactSummary summary;
  DifferenceTier difference;
  ModularTier modular;
  WitnessTier witness;
  // Symbols the facts make equal (Eq(s2, s3)) -> the least of their class.
  // The cheap tiers also try the condition rewritten with these: what the
  // facts say about s2 then applies to s3.
  Substitution aliases;

  Expr representative(Expr s) const {
    auto it = aliases.find(s);
    return it == aliases.end() ? s : it->second;
  }
  void learn_alias(Expr fact) {
    if (!fact.is(ExprKind::Eq) || !fact.arg(0).is_symbol() || !fact.arg(1).is_symbol()) return;
    Expr a = representative(fact.arg(0)), b = representative(fact.arg(1));
    if (a == b) return;
    if (compare(b, a) < 0) std::swap(a, b);  // a: the representative that stays
    for (auto& [sym, rep] : aliases)
      if (rep == b) rep = a;
    aliases[b] = a;
  }
};

struct Frame {
  size_t num_facts;
  uint64_t version;
  TierState tiers;
};

struct MemoKey {
  uint64_t version;
  const ExprNode* node;
  friend bool operator==(const MemoKey&, const MemoKey&) = default;
};
struct MemoKeyHash {
  size_t operator()(const MemoKey& k) const {
    return std::hash<uint64_t>()(k.version) * 0x9E3779B97F4A7C15ull ^ std::hash<const void*>()(k.node);
  }
};

// The modular core's second try (every premise's ranges, then shrinking the
// core one premise at a time) is quadratic in the premises: only for sets up
// to this size (small guard sets, where Z3 would otherwise be asked).
constexpr size_t kMaxPremisesForLocalRanges = 32;

// implies_with_core's first Z3 check, on the premises over the goal's
// symbols, gets this fraction (1/k) of the question's rlimit.
constexpr unsigned kSliceShareDivisor = 4;

// Bounds search: at most this many implication checks per side.
constexpr int kBoundChecksPerSide = 12;

// A core is reported as sorted, distinct premise indices.
void sort_core(std::vector<size_t>& core) {
  std::sort(core.begin(), core.end());
  core.erase(std::unique(core.begin(), core.end()), core.end());
}

// Whether `goal` holds wherever the facts hold, given `proves(c)`: "c is true
// wherever the facts hold and c evaluates" (the cheap tiers' answers). The
// goal and `d != 0` for each of its symbolic divisors d are proved; a
// divisor's own inner divisors are divisors of the goal too, so every
// premise the answers rely on is itself proved (induction on depth).
template <class Proves>
bool proved_with_divisors(Expr goal, Proves&& proves) {
  if (!proves(goal)) return false;
  for (Expr d : symbolic_divisors(goal)) {
    Expr nonzero;
    try {
      nonzero = ne(d, integer(0));
    } catch (const Error&) {
      count_fallback(Fallback::DivisorNonzero);
      return false;
    }
    if (!proves(nonzero)) return false;
  }
  return true;
}

}  // namespace

struct Prover::Impl {
  explicit Impl(ProverOptions o) : options(o), z3_rlimit(o.rlimit), tiers(o.domain) {}

  ProverOptions options;
  unsigned z3_rlimit;  // of the next checks; 0: no check (see set_z3_rlimit)
  std::vector<Expr> facts;
  std::vector<Frame> frames;
  uint64_t version = 0;
  uint64_t next_version = 1;
  TierState tiers;
  ProverStats stats;
  std::unique_ptr<Z3Backend> z3;  // created on the first query that needs it
  // An Unknown is remembered with the rlimit it was left undecided at: it
  // answers again only while the rlimit is no larger (a query left open with
  // no Z3 budget, rlimit 0, is asked again once a caller grants one).
  struct MemoEntry {
    ProverAnswer answer;
    unsigned rlimit = 0;
  };
  std::unordered_map<MemoKey, MemoEntry, MemoKeyHash> memo;
  // Yes answers outlive the facts version they were proved at: adding facts
  // keeps every implication, so a Yes proved at version v holds at every
  // later version whose facts extend v's. `chain` holds the versions of the
  // current fact stack's prefixes (strictly increasing), so "v is a prefix of
  // now" is a binary search.
  std::unordered_map<const ExprNode*, std::pair<uint64_t, ProverTier>> proved;
  std::vector<uint64_t> chain{0};
  // What the tiers ask of each premise of implies_with_core (linear_tier.hpp).
  PremiseShapes premise_shapes;

  bool proved_earlier(Expr cond, ProverAnswer& out) {
    auto it = proved.find(cond.node());
    if (it == proved.end()) return false;
    if (!std::binary_search(chain.begin(), chain.end(), it->second.first)) return false;
    out.verdict = Verdict::Yes;
    out.tier = it->second.second;
    return true;
  }

  Z3Backend& solver() {
    if (!z3) {
      z3 = std::make_unique<Z3Backend>(options);
      ++stats.z3_contexts;
    }
    z3->set_rlimit(z3_rlimit);
    return *z3;
  }

  // Whether the Z3 tier may run a check now (false: the query stays Unknown).
  bool z3_allowed() {
    if (z3_rlimit > 0) return true;
    ++stats.z3_skipped;
    return false;
  }

  void count(ProverTier t) { ++stats.answered_by[static_cast<int>(t)]; }

  // The one Z3 query every check makes, as assumption literals: every current
  // fact, each of `holding` true (and defined), each of `failing` false or
  // undefined. The literals of `holding` follow the facts' in order, so an
  // unsat core maps back to them.
  std::vector<z3::expr> query_literals(std::span<const Expr> holding, std::span<const Expr> failing) {
    solver().maybe_refresh();
    std::vector<z3::expr> lits;
    lits.reserve(facts.size() + holding.size() + failing.size());
    for (Expr f : facts) lits.push_back(solver().holds(f));
    for (Expr c : holding) lits.push_back(solver().holds(c));
    for (Expr c : failing) lits.push_back(solver().fails(c));
    return lits;
  }

  void learn_model() {
    if (auto m = z3->model()) tiers.witness.offer(*m, facts);
  }

  // Yes from the tiers below Z3, or nullopt: `cond` holds (is true and
  // defined) wherever the facts hold. The tiers answer for the points where
  // `cond` evaluates, so each symbolic divisor is proved nonzero as well.
  std::optional<ProverTier> cheap_proof(Expr cond) {
    std::optional<ProverTier> tier;
    return proved_with_divisors(cond, [&](Expr c) {
      auto t = cheap_proof_where_defined(c);
      if (t) tier = std::max(tier.value_or(*t), *t);
      return t.has_value();
    }) ? tier : std::nullopt;
  }

  // Yes where `cond` evaluates (points where it raises are not considered):
  // enough to refute a conjunction, not to prove a goal.
  std::optional<ProverTier> cheap_proof_where_defined(Expr cond) {
    if (!options.use_cheap_tiers) return std::nullopt;
    if (auto t = cheap_proof_as_is(cond)) return t;
    if (tiers.aliases.empty()) return std::nullopt;
    try {
      Expr renamed = substitute(cond, tiers.aliases);
      if (renamed != cond) return cheap_proof_as_is(renamed);
    } catch (const Error&) {
      count_fallback(Fallback::AliasRename);
    }
    return std::nullopt;
  }

  std::optional<ProverTier> cheap_proof_as_is(Expr cond) {
    if (implied_canonically(cond, tiers.summary)) return ProverTier::Canonical;
    if (implied_by_ranges(cond, tiers.summary)) return ProverTier::Ranges;
    if (tiers.difference.implies(cond, tiers.summary)) return ProverTier::Difference;
    if (tiers.modular.implies(cond, tiers.summary)) return ProverTier::Modular;
    return std::nullopt;
  }

  ProverAnswer decide_implies(Expr cond) {
    ProverAnswer a;
    if (auto t = cheap_proof(cond)) {
      a.verdict = Verdict::Yes;
      a.tier = *t;
      return a;
    }
    if (!options.use_cheap_tiers) {
    } else if (auto w = tiers.witness.counterexample(cond, facts, tiers.summary)) {
      a.verdict = Verdict::No;
      a.tier = ProverTier::Witness;
      a.witness = std::move(w);
      return a;
    } else if (auto m = tiers.modular.find_point(facts, cond, tiers.summary)) {
      tiers.witness.offer(*m, facts);
      a.verdict = Verdict::No;
      a.tier = ProverTier::Modular;
      a.witness = std::move(m);
      return a;
    }
    a.tier = ProverTier::Z3;
    switch (check_z3(std::span<const Expr>(&cond, 1), /*negate=*/true, a)) {
      case Z3Backend::Result::Unsat: a.verdict = Verdict::Yes; break;
      case Z3Backend::Result::Sat: a.verdict = Verdict::No; break;
      case Z3Backend::Result::Unknown: break;
    }
    return a;
  }

  ProverAnswer implies(Expr cond) {
    if (!cond.is_boolean()) throw UnsupportedError("implies: the condition is not boolean");
    ++stats.queries;
    MemoKey key{version, cond.node()};
    if (auto it = memo.find(key);
        it != memo.end() && (it->second.answer.verdict != Verdict::Unknown || z3_rlimit <= it->second.rlimit)) {
      ++stats.memo_hits;
      return it->second.answer;
    }
    ProverAnswer a;
    if (proved_earlier(cond, a)) {
      ++stats.memo_hits;
    } else {
      a = decide_implies(cond);
      count(a.tier);
      if (a.verdict == Verdict::Yes) proved[cond.node()] = {version, a.tier};
    }
    memo.insert_or_assign(key, MemoEntry{a, z3_rlimit});
    return a;
  }

  ProverAnswer satisfiable(std::span<const Expr> conds) {
    ++stats.queries;
    ProverAnswer a;
    Expr all = logical_and(conds);
    bool contradictory = options.use_cheap_tiers && tiers.summary.contradictory();
    if (all.is_false() || contradictory || cheap_proof_where_defined(logical_not(all))) {
      a.verdict = Verdict::No;
      a.tier = all.is_false() || contradictory ? ProverTier::Canonical : ProverTier::Ranges;
      count(a.tier);
      return a;
    }
    if (auto t = options.use_cheap_tiers ? cheap_refutation(conds) : std::nullopt) {
      a.verdict = Verdict::No;
      a.tier = *t;
      count(a.tier);
      return a;
    }
    if (!options.use_cheap_tiers) {
    } else if (auto m = tiers.witness.model(conds, facts, tiers.summary)) {
      a.verdict = Verdict::Yes;
      a.tier = ProverTier::Witness;
      a.witness = std::move(m);
      count(a.tier);
      return a;
    } else if (std::vector<Expr> all = with_facts(conds);
               !ModularTier::point_search_applies(all, Expr())) {
    } else if (auto p = tiers.modular.find_point(all, Expr(), summary_with(conds))) {
      a.verdict = Verdict::Yes;
      a.tier = ProverTier::Modular;
      a.witness = std::move(p);
      count(a.tier);
      return a;
    }
    a.tier = ProverTier::Z3;
    count(a.tier);
    switch (check_z3(conds, /*negate=*/false, a)) {
      case Z3Backend::Result::Unsat: a.verdict = Verdict::No; break;
      case Z3Backend::Result::Sat: a.verdict = Verdict::Yes; break;
      case Z3Backend::Result::Unknown: break;
    }
    return a;
  }

  // One Z3 check of the facts with each of `conds` holding (or, with `negate`,
  // failing); a satisfying model becomes `a`'s witness and a known point.
  // Untranslatable conditions (an exponent too large) answer Unknown.
  Z3Backend::Result check_z3(std::span<const Expr> conds, bool negate, ProverAnswer& a) {
    if (!z3_allowed()) return Z3Backend::Result::Unknown;
    try {
      std::vector<z3::expr> lits = negate ? query_literals({}, conds) : query_literals(conds, {});
      Z3Backend::Result r = z3->check(lits, stats);
      if (r == Z3Backend::Result::Sat) {
        a.witness = z3->model();
        learn_model();
      }
      return r;
    } catch (const Error&) {
      count_fallback(Fallback::Z3Check);
      return Z3Backend::Result::Unknown;
    }
  }

  void add_fact(Expr cond) {
    facts.push_back(cond);
    version = next_version++;
    chain.push_back(version);
    tiers.summary.add(cond);
    tiers.difference.add_fact(cond);
    tiers.modular.add_fact(cond);
    tiers.learn_alias(cond);
    tiers.witness.add_fact(cond);
  }

  void push_facts() { frames.push_back(Frame{facts.size(), version, tiers}); }

  void pop_facts() {
    Frame& f = frames.back();
    facts.resize(f.num_facts);
    chain.resize(f.num_facts + 1);
    version = f.version;
    tiers = std::move(f.tiers);
    frames.pop_back();
  }

  // The modular tier over the facts and `premises`: the premises it used
  // when it proves `goal` (with its divisors nonzero), else nullopt.
  // First with the facts' ranges (the core: the premises the tier used),
  // then with every premise's ranges too (the core: every premise).
  std::optional<std::vector<size_t>> modular_core(std::span<const Expr> premises, Expr goal) {
    std::vector<size_t> core;
    bool proved = proved_with_divisors(goal, [&](Expr c) {
      if (implied_canonically(c, tiers.summary) || implied_by_ranges(c, tiers.summary)) return true;
      std::vector<size_t> used;
      if (!tiers.modular.implies(c, tiers.summary, premises, &used)) return false;
      core.insert(core.end(), used.begin(), used.end());
      return true;
    });
    if (proved) {
      sort_core(core);
      return core;
    }
    if (premises.size() > kMaxPremisesForLocalRanges) return std::nullopt;
    auto proves_with = [&](const std::vector<size_t>& subset) {
      std::vector<Expr> some;
      FactSummary local = tiers.summary;
      for (size_t i : subset) {
        some.push_back(premises[i]);
        local.add(premises[i]);
      }
      return local.contradictory() || proved_with_divisors(goal, [&](Expr c) {
               return implied_canonically(c, local) || implied_by_ranges(c, local) ||
                      tiers.modular.implies(c, local, some);
             });
    };
    core.resize(premises.size());
    for (size_t i = 0; i < core.size(); ++i) core[i] = i;
    if (!proves_with(core)) return std::nullopt;
    // Shrink: a premise leaves the core when the rest still proves the goal
    // (cheap here, and a small core spares the caller solver checks).
    for (size_t k = core.size(); k-- > 0;) {
      std::vector<size_t> rest = core;
      rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(k));
      if (proves_with(rest)) core = std::move(rest);
    }
    return core;
  }

  // What the cheap tiers know with `more` taken as facts too.
  FactSummary summary_with(std::span<const Expr> more) const {
    FactSummary local = tiers.summary;
    for (Expr c : more) local.add(c);
    return local;
  }

  // The facts followed by `more`.
  std::vector<Expr> with_facts(std::span<const Expr> more) const {
    std::vector<Expr> all = facts;
    all.insert(all.end(), more.begin(), more.end());
    return all;
  }

  // The tier that shows the facts and `conds` contradict each other by their
  // ranges or residues (with the ranges of `conds` taken as facts, the
  // modular tier enumerates the few values they leave exactly).
  std::optional<ProverTier> cheap_refutation(std::span<const Expr> conds) {
    FactSummary local = summary_with(conds);
    if (local.contradictory()) return ProverTier::Ranges;
    if (tiers.modular.implies(false_expr(), local, conds)) return ProverTier::Modular;
    return std::nullopt;
  }

  // Indices of the premises whose symbols all occur in `goal` (ascending).
  std::vector<size_t> premises_over_goal_symbols(std::span<const Expr> premises, Expr goal) {
    const std::vector<Expr> goal_syms = free_symbols(goal);
    std::vector<size_t> out;
    for (size_t i = 0; i < premises.size(); ++i) {
      const std::vector<Expr>& ps = premise_shapes.of(premises[i]).symbols;
      if (!ps.empty() && std::includes(goal_syms.begin(), goal_syms.end(), ps.begin(), ps.end(), ExprLess()))
        out.push_back(i);
    }
    return out;
  }

  // One Z3 check: the facts and premises[which] hold, `goal` fails. On
  // Unsat, `core` receives the indices (into `premises`, ascending) of the
  // premises in Z3's unsat core. Untranslatable conditions answer Unknown.
  Z3Backend::Result check_premises(std::span<const Expr> premises, const std::vector<size_t>& which, Expr goal,
                                   std::vector<size_t>& core) {
    try {
      std::vector<Expr> holding;
      holding.reserve(which.size());
      for (size_t i : which) holding.push_back(premises[i]);
      std::vector<z3::expr> lits = query_literals(holding, std::span<const Expr>(&goal, 1));
      const std::span<const z3::expr> premise_lits(lits.data() + facts.size(), holding.size());
      const Z3Backend::Result r = z3->check(lits, stats);
      if (r != Z3Backend::Result::Unsat) return r;
      core.clear();
      for (const z3::expr& c : z3->core())
        for (size_t k = 0; k < premise_lits.size(); ++k)
          if (z3::eq(c, premise_lits[k])) {
            core.push_back(which[k]);
            break;  // duplicates share a literal: report the first index
          }
      sort_core(core);
      return r;
    } catch (const Error&) {
      count_fallback(Fallback::CoreQuery);
      return Z3Backend::Result::Unknown;
    }
  }

  ProvedBounds bounds(Expr e);
  CoreAnswer implies_with_core(std::span<const Expr> premises, Expr goal);
};

ProvedBounds Prover::Impl::bounds(Expr e) {
  if (e.is_boolean()) throw UnsupportedError("bounds: the expression is not an integer");
  ValueRange proved = options.use_cheap_tiers ? interval_under(e, tiers.summary) : ValueRange::all();
  ProvedBounds out;
  if (tiers.summary.contradictory() || proved.is_empty()) {
    out.range = proved.is_empty() ? ValueRange::all() : proved;
    return out;
  }
  // Bounds are of the values `e` takes, so the points where it raises are
  // left out: its divisors are nonzero for the searches below (implications
  // otherwise fail at those points).
  const Expr defined = definedness(e);
  const bool assume_defined = !defined.is_true();
  if (assume_defined) {
    push_facts();
    add_fact(defined);
  }
  struct PopOnExit {
    Impl& impl;
    bool active;
    ~PopOnExit() {
      if (active) impl.pop_facts();
    }
  } pop_on_exit{*this, assume_defined};
  // A point where the facts hold and `e` is defined gives an attained value.
  // `Le(e, e)` built raw (the canonical constructor folds it to True) keeps
  // e's divisors in the query, so the point is one where e evaluates.
  std::optional<int64_t> attained;
  Expr evaluates[] = {make_raw(ExprKind::Le, {e, e})};
  ProverAnswer sat = satisfiable(evaluates);
  if (sat.verdict == Verdict::Yes && sat.witness) {
    try {
      attained = evaluate(e, *sat.witness);
    } catch (const Error&) {
      count_fallback(Fallback::BoundAttained);
    }
  }
  if (!attained) {
    out.range = proved;
    return out;
  }
  // Lower side: `lo` is proved, `low` is attained; close the gap by asking
  // "e >= m" for m between them. No gives a point with a smaller value.
  std::optional<int64_t> proved_lo = proved.lo_opt(), proved_hi = proved.hi_opt();
  auto search = [&](bool lower) {
    std::optional<int64_t> known = lower ? proved_lo : proved_hi;
    int64_t seen = *attained;
    bool exact = false;
    for (int step = 0; step < kBoundChecksPerSide; ++step) {
      if (known && *known == seen) {
        exact = true;
        break;
      }
      // Next candidate: the attained value itself first (often the bound),
      // then halfway, or a doubling step when the proved side is infinite.
      __int128 m;
      if (step == 0) {
        m = seen;
      } else if (known) {
        __int128 gap = lower ? (__int128)seen - *known : (__int128)*known - seen;
        m = lower ? *known + (gap + 1) / 2 : *known - (gap + 1) / 2;
      } else {
        __int128 span = (__int128)1 << std::min(62, 2 * step);
        m = lower ? (__int128)seen - span : (__int128)seen + span;
      }
      if (m < INT64_MIN || m > INT64_MAX) break;
      Expr goal = lower ? ge(e, integer((int64_t)m)) : le(e, integer((int64_t)m));
      ProverAnswer a = implies(goal);
      if (a.verdict == Verdict::Yes) {
        known = (int64_t)m;
      } else if (a.verdict == Verdict::No && a.witness) {
        int64_t v;
        try {
          v = evaluate(e, *a.witness);
        } catch (const Error&) {
          count_fallback(Fallback::BoundTightening);
          break;
        }
        if (lower ? v >= seen : v <= seen) break;  // no progress: stop rather than loop
        seen = v;
      } else {
        break;  // unknown within budget: keep what is proved
      }
    }
    if (lower) {
      proved_lo = known;
      out.exact_lo = exact;
    } else {
      proved_hi = known;
      out.exact_hi = exact;
    }
  };
  search(true);
  search(false);
  out.range = ValueRange::from_bounds(proved_lo, proved_hi);
  return out;
}

CoreAnswer Prover::Impl::implies_with_core(std::span<const Expr> premises, Expr goal) {
  ++stats.queries;
  CoreAnswer out;
  auto proved_with_core = [&](std::vector<size_t> core, ProverTier tier) {
    sort_core(core);
    out.verdict = Verdict::Yes;
    out.core = std::move(core);
    out.tier = tier;
    count(tier);
    return out;
  };
  for (size_t i = 0; i < premises.size() && options.use_cheap_tiers; ++i)
    if (premises[i] == goal) {
      out.verdict = Verdict::Yes;
      out.core = {i};
      out.tier = ProverTier::Canonical;
      count(out.tier);
      return out;
    }
  if (auto t = cheap_proof(goal)) {
    out.verdict = Verdict::Yes;  // the facts alone: empty core
    out.tier = *t;
    count(*t);
    return out;
  }
  // Witness tier: a point near a kept one where the facts and premises hold
  // and the goal fails; a few evaluations, far less than a solver check.
  if (options.use_cheap_tiers && tiers.witness.refutation(goal, premises, facts, tiers.summary)) {
    out.verdict = Verdict::No;
    out.tier = ProverTier::Witness;
    count(out.tier);
    return out;
  }
  // Ranges from the premises over the goal's symbols only: cheap, and the
  // premises it used are a core.
  if (options.use_cheap_tiers) {
    std::vector<Expr> goal_syms = free_symbols(goal);
    FactSummary local = tiers.summary;
    std::vector<size_t> used;
    for (size_t i = 0; i < premises.size(); ++i) {
      const std::vector<Expr>& ps = premise_shapes.of(premises[i]).symbols;
      if (ps.empty() || !std::includes(goal_syms.begin(), goal_syms.end(), ps.begin(), ps.end(), ExprLess()))
        continue;
      local.add(premises[i]);
      used.push_back(i);
    }
    if (!used.empty() && proved_with_divisors(goal, [&](Expr c) {
          return implied_canonically(c, local) || implied_by_ranges(c, local);
        })) {
      out.verdict = Verdict::Yes;
      out.core = used;
      out.tier = ProverTier::Ranges;
      count(out.tier);
      return out;
    }
    // Linear arithmetic over the premises, monomials as unknowns, bounded
    // by the facts' ranges (core: the rows used), then by the ranges above
    // (core: those rows and every premise the ranges came from).
    for (const FactSummary* ranges : {&tiers.summary, &local}) {
      if (ranges == &local && used.empty()) break;
      std::vector<size_t> linear_core = ranges == &local ? used : std::vector<size_t>{};
      if (proved_with_divisors(goal, [&](Expr c) {
            auto core = implied_linearly(premises, c, *ranges, &premise_shapes);
            if (core) linear_core.insert(linear_core.end(), core->begin(), core->end());
            return core.has_value();
          })) {
        return proved_with_core(std::move(linear_core), ProverTier::Linear);
      }
    }
    // A Ne goal read at the point its negation pins an atom to
    // (pinned_atom_tier.hpp): the premises substituted there contradict.
    {
      std::vector<size_t> pinned_core;
      if (proved_with_divisors(goal, [&](Expr c) {
            if (implied_canonically(c, tiers.summary) || implied_by_ranges(c, tiers.summary)) return true;
            auto core = implied_by_pinning(premises, c, tiers.summary, &premise_shapes);
            if (core) pinned_core.insert(pinned_core.end(), core->begin(), core->end());
            return core.has_value();
          })) {
        return proved_with_core(std::move(pinned_core), ProverTier::Ranges);
      }
    }
    if (auto core = modular_core(premises, goal)) {
      out.verdict = Verdict::Yes;
      out.core = std::move(*core);
      out.tier = ProverTier::Modular;
      count(out.tier);
      return out;
    }
  }
  // The premises' summary is built only when the search can run (it costs
  // more than the search on a large component, and is mostly not needed).
  if (std::vector<Expr> all = with_facts(premises);
      options.use_cheap_tiers && ModularTier::point_search_applies(all, goal) &&
      tiers.modular.find_point(all, goal, summary_with(premises))) {
    out.verdict = Verdict::No;
    out.tier = ProverTier::Modular;
    count(out.tier);
    return out;
  }
  count(ProverTier::Z3);
  if (!z3_allowed()) return out;
  // Slice first: the premises over the goal's symbols only. A proof from a
  // subset is a proof (implication is monotone in the premises), and Z3
  // decides such a slice for a fraction of what the whole component costs:
  // on conv-net sets the goal is over two or three symbols and the slice is
  // the chain of that input's guards, while the component holds every
  // layer's nonlinear products. The slice gets a quarter of the question's
  // share; the whole check gets what the slice left.
  std::vector<size_t> all_premises(premises.size());
  for (size_t i = 0; i < premises.size(); ++i) all_premises[i] = i;
  const std::vector<size_t> slice = premises_over_goal_symbols(premises, goal);
  const unsigned share = z3_rlimit;
  if (!slice.empty() && slice.size() * 2 <= premises.size()) {
    const uint64_t before = stats.z3_resources;
    z3_rlimit = std::max(share / kSliceShareDivisor, 1u);
    const Z3Backend::Result r = check_premises(premises, slice, goal, out.core);
    const uint64_t spent = stats.z3_resources - before;
    z3_rlimit = share;
    if (r == Z3Backend::Result::Unsat) {
      out.verdict = Verdict::Yes;
      return out;
    }
    if (spent >= share) return out;  // nothing left for the whole check
    z3_rlimit = static_cast<unsigned>(share - spent);
  }
  const Z3Backend::Result whole = check_premises(premises, all_premises, goal, out.core);
  z3_rlimit = share;  // the next question's share is the caller's, not what this one left
  switch (whole) {
    case Z3Backend::Result::Unsat: out.verdict = Verdict::Yes; break;
    case Z3Backend::Result::Sat: out.verdict = Verdict::No; break;
    case Z3Backend::Result::Unknown: break;
  }
  return out;
}

Prover::Prover(ProverOptions options) : impl_(std::make_unique<Impl>(options)) {}
Prover::~Prover() = default;

const ProverOptions& Prover::options() const { return impl_->options; }

void Prover::add_fact(Expr cond) {
  if (!cond.is_boolean()) throw UnsupportedError("add_fact: the condition is not boolean");
  impl_->add_fact(cond);
}

void Prover::push() { impl_->push_facts(); }

void Prover::pop() {
  if (impl_->frames.empty()) throw Error("Prover::pop without a matching push");
  impl_->pop_facts();
}

std::span<const Expr> Prover::facts() const { return impl_->facts; }
uint64_t Prover::facts_version() const { return impl_->version; }

void Prover::add_sample_point(const Assignment& point) { impl_->tiers.witness.offer(point, impl_->facts); }

ProverAnswer Prover::implies(Expr cond) { return impl_->implies(cond); }

ProverAnswer Prover::equivalent(Expr a, Expr b) {
  if (a.is_boolean() != b.is_boolean())
    throw UnsupportedError("equivalent: one side is boolean and the other an integer");
  if (!a.is_boolean()) return implies(eq(a, b));
  // a <-> b
  Expr both = logical_and(a, b);
  Expr neither = logical_and(logical_not(a), logical_not(b));
  return implies(logical_or(both, neither));
}

ProverAnswer Prover::satisfiable(std::span<const Expr> conds) { return impl_->satisfiable(conds); }

ProvedBounds Prover::bounds(Expr expr) { return impl_->bounds(expr); }

CoreAnswer Prover::implies_with_core(std::span<const Expr> premises, Expr goal) {
  return impl_->implies_with_core(premises, goal);
}

std::string Prover::to_smtlib2(Expr goal, std::span<const Expr> premises) const {
  // A private context: dumping a query must not create the Prover's solver.
  z3::context ctx;
  Z3Translator tr(ctx);
  z3::solver s(ctx);
  auto assume = [&](Expr c) { s.add(tr.translate(c) && tr.definedness(c)); };
  for (Expr f : impl_->facts) assume(f);
  for (Expr p : premises) assume(p);
  s.add(!(tr.translate(goal) && tr.definedness(goal)));
  for (Expr sym : tr.symbols())
    if (impl_->options.domain.is_size(sym)) s.add(tr.symbol_const(sym) >= 0);
  return s.to_smt2();
}

void Prover::set_z3_rlimit(unsigned rlimit) { impl_->z3_rlimit = rlimit; }
unsigned Prover::z3_rlimit() const { return impl_->z3_rlimit; }

const ProverStats& Prover::stats() const { return impl_->stats; }
void Prover::reset_stats() { impl_->stats = {}; }

}  // namespace symshape
