// The ShapeEnv's memo (engine/src/shape_env_memo.hpp) makes tracing fast and
// must change nothing else: on every graph of examples/ and of the public dumps
// next to the repository (skipped when absent), tracing with the memo and
// without it gives the same values, the same guards in the same order with the
// same provenance, the same check results and the same decision counts.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fx_examples.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/fx_reader.hpp"
#include "symshape/tracer/trace.hpp"
#include "symshape/tracer/value_text.hpp"

namespace symshape::tracer {
namespace {

std::filesystem::path own_examples_dir() { return std::filesystem::path(SYMSHAPE_SOURCE_DIR) / "examples"; }

std::vector<std::filesystem::path> example_paths() {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(own_examples_dir()))
    if (entry.path().extension() == ".txt") paths.push_back(entry.path());
  for (const std::string& file : fx_example_files()) paths.push_back(fx_examples_dir() / file);
  std::sort(paths.begin(), paths.end());
  return paths;
}

// Everything a trace decides, one line per item, so a difference shows where.
std::vector<std::string> story(const Graph& graph, const TraceResult& t) {
  std::vector<std::string> lines;
  lines.push_back("rounds " + std::to_string(t.rounds));
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    lines.push_back(graph.nodes[i].name + (t.propagation.computed[i] ? " = " : " (not computed) ") +
                    value_text(t.propagation.values[i], t.propagation.symbols));
  }
  for (const NodeFailure& f : t.propagation.failures) lines.push_back("failure " + f.message);
  for (const TraceGuard& g : t.guards) {
    const Provenance& p = g.record.provenance;
    lines.push_back("guard " + to_sympy(g.record.condition) + " [" + std::to_string(static_cast<int>(g.record.kind)) +
                    "/" + std::to_string(static_cast<int>(g.record.origin)) + "] " + p.stage + " " + p.node + " " +
                    p.operation + ": " + p.reason);
  }
  lines.push_back("checked " + std::to_string(t.check.nodes) + ", unchecked " + std::to_string(t.check.unchecked));
  for (const Mismatch& m : t.check.mismatches)
    lines.push_back("mismatch " + graph.nodes[m.node].name + " " + m.what + ": " + m.expected + " vs " + m.computed);
  const ShapeEnvStats& s = t.env->stats();
  lines.push_back("decided by simplify " + std::to_string(s.decided_by_simplify) + ", prover " +
                  std::to_string(s.decided_by_prover) + ", hint " + std::to_string(s.decided_by_hint));
  return lines;
}

TEST(TraceMemo, ChangesNothingButTheTimeOnEveryExample) {
  const std::vector<std::filesystem::path> paths = example_paths();
  ASSERT_FALSE(paths.empty());
  uint64_t hits = 0;
  for (const std::filesystem::path& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const FxReadResult read = read_fx(text.str(), path.filename().string());
    for (const Graph& graph : read.graphs) {
      SCOPED_TRACE(path.filename().string() + " graph " + graph.name);
      const TraceResult with = trace_graph(graph, {.env_options = {.memoize = true}});
      const TraceResult without = trace_graph(graph, {.env_options = {.memoize = false}});
      EXPECT_EQ(story(graph, with), story(graph, without));
      EXPECT_EQ(without.env->stats().memo_hits, 0u);
      hits += with.env->stats().memo_hits;
    }
  }
  EXPECT_GT(hits, 0u);  // the memo was used, so the comparison above means something
}

}  // namespace
}  // namespace symshape::tracer
