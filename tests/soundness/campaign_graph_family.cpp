// The graph family of the soundness campaign: a random small FX graph
// (pointwise, views, matmul, convolution) is traced symbolically with hints,
// as a compiler would trace its example inputs; then, at other random input
// sizes where every guard of that trace passes (the cache would reuse the
// code there), the graph is propagated with those concrete sizes and every
// node's every size must be what the symbolic trace says it is. A concrete
// failure where the guards pass, or a size that differs, is unsound.
#include <map>
#include <random>
#include <string>
#include <vector>

#include "../guards/box_equivalence.hpp"
#include "campaign.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/fx_reader.hpp"
#include "symshape/tracer/trace.hpp"

namespace symshape::campaign {
namespace {

using tracer::TraceResult;

// Few symbols and small sizes, so that shapes match often (a graph invalid at
// its own hints is skipped) and 0 and 1 (specialized) are common.
constexpr int kSymbols = 3;
constexpr int64_t kMaxSize = 4;
constexpr int kPointsPerGraph = 8;

class GraphText {
 public:
  explicit GraphText(uint64_t seed) : rng_(seed) {}

  // `point` plus each placeholder size's source symbol (x_1.size()[0]), which
  // the guards of a specialized size name.
  Assignment with_sources(const Assignment& point) const {
    Assignment out = point;
    for (const auto& [name, sizes] : inputs_at(point)) {
      for (size_t d = 0; d < sizes.size(); ++d) out[symbol(name + ".size()[" + std::to_string(d) + "]")] = sizes[d];
    }
    return out;
  }

  // Every placeholder's concrete sizes where the symbols take `point`.
  tracer::InputSizes inputs_at(const Assignment& point) const {
    tracer::InputSizes inputs;
    for (const auto& [name, sizes] : placeholder_sizes_) {
      for (const std::string& s : sizes)
        inputs[name].push_back(s[0] == 's' ? point.at(symbol(s)) : std::stoll(s));
    }
    return inputs;
  }

  std::string build() {
    placeholder("x_1", 2);
    placeholder("y_1", 2);
    placeholder("z_1", 4);
    placeholder("w_1", 4);
    const int ops = 1 + pick(0, 6);
    for (int i = 0; i < ops; ++i) op();
    std::string text = "class GraphModule(torch.nn.Module):\n    def forward(self";
    for (const std::string& p : params_) text += ", " + p;
    text += "):\n" + body_ + "        return (" + tensors_.back().name + ",)\n";
    return text;
  }

 private:
  struct Tensor {
    std::string name;
    int rank;
  };

  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  std::string size_text() {
    if (pick(0, 5) == 0) return std::to_string(pick(1, 3));
    return "s" + std::to_string(pick(0, kSymbols - 1));
  }

  void placeholder(const std::string& name, int rank) {
    std::string dims;
    std::vector<std::string>& sizes = placeholder_sizes_[name];
    for (int d = 0; d < rank; ++d) {
      sizes.push_back(size_text());
      dims += (d ? ", " : "") + sizes.back();
    }
    params_.push_back(name + ": \"f32[" + dims + "]\"");
    tensors_.push_back({name, rank});
  }

  const Tensor& any_of_rank(int rank) {
    std::vector<size_t> fits;
    for (size_t i = 0; i < tensors_.size(); ++i)
      if (tensors_[i].rank == rank) fits.push_back(i);
    return tensors_[fits[static_cast<size_t>(pick(0, static_cast<int>(fits.size()) - 1))]];
  }

  void emit(const std::string& call, int rank) {
    const std::string name = "n" + std::to_string(body_lines_++);
    body_ += "        " + name + " = torch.ops." + call + "\n";
    tensors_.push_back({name, rank});
  }

  void op() {
    const Tensor t = tensors_[static_cast<size_t>(pick(0, static_cast<int>(tensors_.size()) - 1))];
    switch (pick(0, 8)) {
      case 0: return emit("aten.relu.default(" + t.name + ")", t.rank);
      case 1: return emit("aten.add.Tensor(" + t.name + ", " + any_of_rank(t.rank).name + ")", t.rank);
      case 2: {
        std::string dims;
        for (int d = t.rank - 1; d >= 0; --d) dims += std::to_string(d) + (d ? ", " : "");
        return emit("aten.permute.default(" + t.name + ", [" + dims + "])", t.rank);
      }
      case 3:
        if (t.rank < 4) return emit("aten.unsqueeze.default(" + t.name + ", 0)", t.rank + 1);
        return emit("aten.view.default(" + t.name + ", [-1])", 1);
      case 4: return emit("aten.view.default(" + t.name + ", [-1])", 1);
      case 5:
        if (t.rank == 2) return emit("aten.mm.default(" + t.name + ", " + any_of_rank(2).name + ")", 2);
        return emit("aten.relu.default(" + t.name + ")", t.rank);
      case 6:
        if (t.rank == 4) {
          return emit("aten.convolution.default(" + t.name + ", w_1, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1)",
                      4);
        }
        return emit("aten.mul.Tensor(" + t.name + ", " + t.name + ")", t.rank);
      case 7:
        if (t.rank >= 2) return emit("aten.sum.dim_IntList(" + t.name + ", [0])", t.rank - 1);
        return emit("aten.neg.default(" + t.name + ")", t.rank);
      default:
        if (t.rank >= 2) return emit("aten.transpose.int(" + t.name + ", 0, 1)", t.rank);
        return emit("aten.neg.default(" + t.name + ")", t.rank);
    }
  }

  std::mt19937_64 rng_;
  std::vector<std::string> params_;
  std::map<std::string, std::vector<std::string>> placeholder_sizes_;
  std::vector<Tensor> tensors_;
  std::string body_;
  int body_lines_ = 0;
};

Assignment random_sizes(std::mt19937_64& rng) {
  Assignment a;
  for (int i = 0; i < kSymbols; ++i)
    a[symbol("s" + std::to_string(i))] = std::uniform_int_distribution<int64_t>(0, kMaxSize)(rng);
  return a;
}

std::string sizes_text(const Assignment& a) {
  std::string out;
  for (const auto& [s, v] : a) out += to_sympy(s) + "=" + std::to_string(v) + " ";
  return out;
}

// The env symbols of `t` at the graph-symbol values `at`.
Assignment env_point(const TraceResult& t, const Assignment& at) {
  Assignment env;
  for (Expr g : t.propagation.symbols.graph_symbols()) {
    std::optional<Expr> e = t.propagation.symbols.lookup(g);
    if (e && e->is(ExprKind::Symbol)) env[*e] = at.at(g);
  }
  return env;
}

// Where `point` passes every guard of `symbolic`: propagation with those
// concrete input sizes (every size a constant) must succeed and agree size by
// size with the symbolic sizes evaluated at the point. Empty when it does.
std::string compare_at(const tracer::Graph& graph, const GraphText& text, const TraceResult& symbolic,
                       const Assignment& point) {
  tracer::TraceOptions concrete_options;
  concrete_options.inputs = text.inputs_at(point);
  concrete_options.max_rounds = 1;
  TraceResult concrete = tracer::trace_graph(graph, concrete_options);
  if (!concrete.propagation.failures.empty())
    return "guards pass but propagation fails: " + concrete.propagation.failures.front().message;
  const Assignment env = env_point(symbolic, point);
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    if (!symbolic.propagation.computed[i] || !concrete.propagation.values[i].is(tracer::Value::Kind::Tensor)) continue;
    const auto& s = symbolic.propagation.values[i].as_tensor().sizes;
    const auto& c = concrete.propagation.values[i].as_tensor().sizes;
    if (s.size() != c.size()) return "node " + graph.nodes[i].name + ": rank differs";
    for (size_t d = 0; d < s.size(); ++d) {
      if (!c[d].is_integer()) return "node " + graph.nodes[i].name + ": concrete size " + to_sympy(c[d]);
      const int64_t claimed = evaluate(s[d], env);
      if (c[d].value() != claimed) {
        return "node " + graph.nodes[i].name + " size[" + std::to_string(d) + "] is " + std::to_string(c[d].value()) +
               ", the trace says " + to_sympy(s[d]) + " = " + std::to_string(claimed);
      }
    }
  }
  return "";
}

CaseResult graph_case(uint64_t seed) {
  GraphText generated(seed);
  const std::string text = generated.build();
  tracer::FxReadResult read = tracer::read_fx(text, "campaign.txt");
  if (!read.ok() || read.graphs.size() != 1) return {Outcome::Unsound, "generated graph not read: " + text};
  const tracer::Graph& graph = read.graphs.front();
  std::mt19937_64 rng(seed);
  tracer::TraceOptions options;
  options.hints = random_sizes(rng);
  options.max_rounds = 1;
  TraceResult symbolic;
  try {
    symbolic = tracer::trace_graph(graph, options);
  } catch (const Error&) {
    return {Outcome::Skipped, ""};
  }
  if (!symbolic.propagation.failures.empty()) return {Outcome::Skipped, ""};  // invalid at its own example
  std::vector<Expr> guards;
  for (const tracer::TraceGuard& g : symbolic.guards) guards.push_back(g.condition);
  for (Expr g : guards) {
    for (Expr s : free_symbols(g)) {
      if (!generated.with_sources(options.hints).contains(s)) return {Outcome::Skipped, ""};  // e.g. a stride source
    }
  }
  for (int k = 0; k < kPointsPerGraph; ++k) {
    const Assignment point = k == 0 ? options.hints : random_sizes(rng);
    if (!testing::all_pass(guards, generated.with_sources(point))) {
      if (k == 0) return {Outcome::Unsound, "a guard fails at the trace's own hints " + sizes_text(point) + text};
      continue;
    }
    const std::string wrong = compare_at(graph, generated, symbolic, point);
    if (!wrong.empty())
      return {Outcome::Unsound, wrong + " at " + sizes_text(point) + "(hints " + sizes_text(options.hints) + ")\n" +
                                    text};
  }
  return {Outcome::Sound, ""};
}

}  // namespace

Family graph_family() { return {"trace", &graph_case}; }

}  // namespace symshape::campaign
