#include "symshape/engine/z3_checker.hpp"

#include "symshape/symbolic/errors.hpp"
#include "z3_backend.hpp"

namespace symshape {

Z3Checker::Z3Checker(const ProverOptions& options) : options_(options) { options_.use_cheap_tiers = false; }

Z3Checker::~Z3Checker() = default;

Z3CheckAnswer Z3Checker::implies(std::span<const Expr> premises, Expr goal) {
  Z3CheckAnswer answer;
  if (!backend_) backend_ = std::make_unique<Z3Backend>(options_);
  Z3Backend& z3 = *backend_;
  try {
    // Literals first: building them may refresh the solver, which resets its
    // resource count.
    z3.maybe_refresh();
    std::vector<z3::expr> literals;
    literals.reserve(premises.size() + 1);
    for (Expr p : premises) literals.push_back(z3.holds(p));
    literals.push_back(z3.fails(goal));
    const uint64_t before = z3.resource_count();
    const Z3Backend::Result result = z3.check(literals, stats_);
    const uint64_t after = z3.resource_count();
    answer.resources = after > before ? after - before : 0;
    switch (result) {
      case Z3Backend::Result::Unsat: answer.verdict = Verdict::Yes; break;
      case Z3Backend::Result::Sat: {
        answer.verdict = Verdict::No;
        // The model also names symbols of earlier checks; keep this query's.
        if (std::optional<Assignment> model = z3.model()) {
          Assignment point;
          auto take = [&](Expr e) {
            for (Expr s : free_symbols(e)) point[s] = model->at(s);
          };
          for (Expr p : premises) take(p);
          take(goal);
          answer.counterexample = std::move(point);
        }
        break;
      }
      case Z3Backend::Result::Unknown: answer.unknown_reason = z3.reason_unknown(); break;
    }
  } catch (const Error& error) {
    answer.verdict = Verdict::Unknown;
    answer.unknown_reason = error.what();
  }
  return answer;
}

}  // namespace symshape
