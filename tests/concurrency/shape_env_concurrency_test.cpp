// Separate ShapeEnvs (and Provers, each with its own Z3 context) used from
// several threads at once. What they share is process-wide: the interned
// expression table (every Expr constructor, the parser) and the constructors'
// per-thread memo tables. Each thread runs a deterministic workload -
// symbols, decisions that record guards, simplification, parsing, a Z3 query
// - and its transcript must equal the transcript of the same workload run
// alone on one thread afterwards. Threads are paired on the same workload, so
// two threads race to intern the same new nodes; hash-consing must still give
// both the one node (checked by identity, not only by text). Built under
// ThreadSanitizer in CI (.ci/run).
#include <gtest/gtest.h>

#include <barrier>
#include <string>
#include <thread>
#include <vector>

#include "symshape/engine/prover.hpp"
#include "symshape/engine/shape_env.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

constexpr int kThreads = 8;  // 4 workloads, 2 threads each

struct Transcript {
  std::string text;
  std::vector<Expr> exprs;  // to compare by identity across threads
};

// Constants unique to `variant` (far outside the small-integer table) make the
// nodes built here new to the intern table when the threads build them.
Transcript workload(int variant) {
  Transcript out;
  auto note = [&](const std::string& what, Expr e) {
    out.text += what + ": " + to_sympy(e) + "\n";
    out.exprs.push_back(e);
  };
  const int64_t big = 1'000'003 + 7919 * int64_t{variant};
  ShapeEnv env;
  const std::string tag = "v" + std::to_string(variant);
  Expr x = env.create_symbol(4 + 2 * variant, tag + ".size()[0]");
  Expr y = env.create_symbol(12 + 2 * variant, tag + ".size()[1]");
  Expr z = env.create_symbol(4 + 2 * variant, tag + "_other.size()[0]");  // duck-sized to x
  note("z", z);
  // Decisions on hints record guards; a divisibility fact makes y // 2 exact.
  out.text += "y even: " + std::to_string(env.evaluate(eq(mod(y, integer(2)), integer(0)))) + "\n";
  out.text += "x < y: " + std::to_string(env.evaluate(lt(x, y))) + "\n";
  out.text += "x*y <= big: " + std::to_string(env.evaluate(le(x * y, integer(big)))) + "\n";
  note("simplified", env.simplify(floordiv(y, integer(2)) * integer(2) + floordiv(x * y + integer(big), x)));
  note("parsed", parse_expr("Max(s0*" + std::to_string(big) + ", s1 + 3) // 2 + Mod(s0, 5)"));
  for (const GuardRecord& g : env.produce_guards()) note("guard", g.condition);
  // A nonlinear implication only Z3 decides (cheap tiers off): its own context.
  Prover prover({.use_cheap_tiers = false});
  prover.add_fact(le(integer(2), x));
  prover.add_fact(le(integer(big), y));
  const ProverAnswer a = prover.implies(le(integer(2 * big), x * y));
  out.text += "z3 verdict: " + std::string(verdict_name(a.verdict)) +
              " contexts: " + std::to_string(prover.stats().z3_contexts) + "\n";
  return out;
}

TEST(ShapeEnvConcurrency, SeparateEnvsOnThreadsMatchOneThread) {
  std::vector<Transcript> threaded(kThreads);
  std::barrier start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();  // maximize overlap
      threaded[t] = workload(t / 2);
    });
  }
  for (std::thread& t : threads) t.join();

  for (int t = 0; t < kThreads; ++t) {
    const Transcript alone = workload(t / 2);
    EXPECT_EQ(threaded[t].text, alone.text) << "thread " << t;
    ASSERT_EQ(threaded[t].exprs.size(), alone.exprs.size());
    for (size_t i = 0; i < alone.exprs.size(); ++i) {
      // Same node (operator== on Expr compares node identity).
      EXPECT_TRUE(threaded[t].exprs[i] == alone.exprs[i]) << "thread " << t << " expr " << i;
    }
  }
  // The Z3 query was decided (not Unknown) on every thread.
  for (const Transcript& t : threaded) EXPECT_NE(t.text.find("z3 verdict: yes contexts: 1"), std::string::npos) << t.text;
}

}  // namespace
}  // namespace symshape
