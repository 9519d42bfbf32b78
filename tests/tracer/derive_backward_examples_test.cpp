// The four forward graphs of examples/ derive a joint graph that propagates
// with no failure and gives every parameter a gradient of its sizes. The
// guards that joint raises are compared with those of the joint PyTorch 1.13
// recorded for the same program (examples/*_joint.txt), traced at the same
// hints: the recorded joint differentiates a loss (a sum of the output, or a
// squared error) while the derived one seeds the output with ones_like, and
// names its symbols after its own placeholders, so the symbols are matched
// through the placeholders first.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "derive_support.hpp"
#include "symshape/engine/prover.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape::tracer {
namespace {

using testing::expect_gradients_match_inputs;

std::string read_example(const std::string& file) {
  std::ifstream in(std::filesystem::path(SYMSHAPE_SOURCE_DIR) / "examples" / file, std::ios::binary);
  EXPECT_TRUE(in.good()) << file;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::vector<Expr>* annotated_sizes(const Node& n) {
  if (!n.annotation) return nullptr;
  const auto* t = std::get_if<TensorAnnotation>(&n.annotation->parsed);
  return t == nullptr ? nullptr : &t->sizes;
}

// Recorded-joint symbol -> forward symbol, through the placeholders: by name
// where the recorded joint kept the forward's names (mlp), else by position
// among the placeholders the recorded joint shares with the forward.
Substitution match_symbols(const Graph& forward, const Graph& recorded) {
  const std::vector<size_t> fwd = forward.placeholders();
  const std::vector<size_t> rec = recorded.placeholders();
  Substitution map;
  for (size_t k = 0; k < rec.size(); ++k) {
    const Node& r = recorded.nodes[rec[k]];
    std::optional<size_t> f = forward.find(r.name);
    if (!f && k < fwd.size() && rec.size() == fwd.size()) f = fwd[k];
    if (!f) continue;
    const auto* fs = annotated_sizes(forward.nodes[*f]);
    const auto* rs = annotated_sizes(r);
    if (fs == nullptr || rs == nullptr || fs->size() != rs->size()) continue;
    for (size_t d = 0; d < fs->size(); ++d) {
      if ((*rs)[d].is_symbol() && (*fs)[d].is_symbol()) map.emplace((*rs)[d], (*fs)[d]);
    }
  }
  return map;
}

std::vector<Expr> conditions(const TraceResult& t, const Substitution& rename = {}) {
  std::vector<Expr> out;
  for (const TraceGuard& g : t.guards) out.push_back(rename.empty() ? g.condition : substitute(g.condition, rename));
  return out;
}

// How many of `goals` the `premises` imply (Yes), refute as implied (No), leave Unknown.
struct Implied {
  size_t yes = 0, no = 0, unknown = 0;
  std::vector<Expr> not_implied;
};

Implied implied_by(const std::vector<Expr>& premises, const std::vector<Expr>& goals, const Assignment& hints) {
  Prover prover;
  for (const Expr& p : premises) prover.add_fact(p);
  prover.add_sample_point(hints);
  Implied r;
  for (const Expr& g : goals) {
    switch (prover.implies(g).verdict) {
      case Verdict::Yes: ++r.yes; break;
      case Verdict::No: ++r.no; r.not_implied.push_back(g); break;
      case Verdict::Unknown: ++r.unknown; r.not_implied.push_back(g); break;
    }
  }
  return r;
}

class DeriveExample : public ::testing::TestWithParam<const char*> {};

TEST_P(DeriveExample, DerivesPropagatesAndMatchesRecordedGuards) {
  const std::string name = GetParam();
  const Graph forward = testing::read_one_graph(read_example(name + "_forward.txt"));
  const Graph recorded = testing::read_one_graph(read_example(name + "_joint.txt"));
  // The recorded joints differentiate with respect to the parameters, not the
  // data input (the first placeholder).
  DeriveOptions options;
  for (const size_t p : forward.placeholders()) options.requires_grad.push_back(forward.nodes[p].name);
  options.requires_grad.erase(options.requires_grad.begin());

  testing::DerivedTrace d{derive_joint(forward, options), {}};
  d.trace = trace_graph(d.joint.graph);
  EXPECT_TRUE(d.trace.check.mismatches.empty()) << testing::problems(d.joint.graph, d.trace);
  expect_gradients_match_inputs(d, 1);
  ASSERT_EQ(d.joint.gradient_of, options.requires_grad);

  const Substitution rename = match_symbols(forward, recorded);
  Assignment recorded_hints;
  for (const Expr& s : hinted_symbols(recorded)) {
    const auto to = rename.find(s);
    ASSERT_NE(to, rename.end()) << "recorded symbol " << to_sympy(s) << " matches no forward symbol";
    recorded_hints[s] = d.trace.hints.hints.at(to->second);
  }
  const TraceResult r = trace_graph(recorded, {.hints = recorded_hints});
  ASSERT_TRUE(r.propagation.failures.empty()) << testing::problems(recorded, r);

  const std::vector<Expr> derived_guards = conditions(d.trace);
  const std::vector<Expr> recorded_guards = conditions(r, rename);
  const Implied derived_implies_recorded = implied_by(derived_guards, recorded_guards, d.trace.hints.hints);
  const Implied recorded_implies_derived = implied_by(recorded_guards, derived_guards, d.trace.hints.hints);
  std::cout << name << ": derived joint " << derived_guards.size() << " guards, recorded joint "
            << recorded_guards.size() << " guards; derived implies " << derived_implies_recorded.yes << "/"
            << recorded_guards.size() << " recorded, recorded implies " << recorded_implies_derived.yes << "/"
            << derived_guards.size() << " derived\n";
  for (const Expr& g : derived_implies_recorded.not_implied) std::cout << "  only recorded: " << to_sympy(g) << "\n";
  for (const Expr& g : recorded_implies_derived.not_implied) std::cout << "  only derived:  " << to_sympy(g) << "\n";
  // The cache must see the same conditions either way: each set implies the other.
  EXPECT_EQ(derived_implies_recorded.yes, recorded_guards.size());
  EXPECT_EQ(recorded_implies_derived.yes, derived_guards.size());

  // The backward ops autograd records: the derived joint writes the same ones
  // as PyTorch where the recorded program differentiates the same ops (unet's
  // recorded joint differentiates its convolutions twice, through a surrogate
  // loss, see examples/record_examples.py: there each forward convolution has
  // one convolution_backward).
  const auto backward_ops = [](const Graph& g, size_t from) {
    std::map<std::string, size_t> counts;
    for (size_t i = from; i < g.nodes.size(); ++i) {
      if (g.nodes[i].target.find("_backward") != std::string::npos) ++counts[g.nodes[i].target];
    }
    return counts;
  };
  const auto derived_ops = backward_ops(d.joint.graph, d.joint.first_backward_node);
  if (name == "unet") {
    EXPECT_EQ(derived_ops.at("aten.convolution_backward.default"),
              testing::count_target(forward, "aten.convolution.default"));
    EXPECT_EQ(derived_ops.at("aten.max_pool2d_with_indices_backward.default"), 1u);
  } else {
    EXPECT_EQ(derived_ops, backward_ops(recorded, 0));
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, DeriveExample,
                         ::testing::Values("mlp", "resnet_block", "transformer_block", "unet"));

}  // namespace
}  // namespace symshape::tracer
