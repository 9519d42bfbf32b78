// A compiler's use of symshape: fakeify a call's real inputs once in ONE
// ShapeEnv, trace the graph over them, install the minimal guard set in a
// cache, and look calls up. The README shows this file; the package test
// (tests/package) builds and runs it against the installed package.
#include <iostream>
#include <vector>

#include "symshape/engine/shape_env.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/fx_reader.hpp"
#include "symshape/tracer/pipeline.hpp"

namespace st = symshape::tracer;

// A linear layer and a ReLU as PyTorch's make_fx prints them.
constexpr const char* kForward = R"(class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1][s1, 1]cpu", w_1: "f32[s2, s1][s1, 1]cpu"):
        t: "f32[s1, s2][1, s1]cpu" = torch.ops.aten.t.default(w_1)
        mm: "f32[s0, s2][s2, 1]cpu" = torch.ops.aten.mm.default(x_1, t)
        relu: "f32[s0, s2][s2, 1]cpu" = torch.ops.aten.relu.default(mm)
        return relu
)";

int main() {
  st::FxReadResult read = st::read_fx(kForward, "forward.txt");
  if (!read.ok()) {
    std::cerr << read.errors.front().format() << '\n';
    return 2;
  }
  const st::Graph& forward = read.graphs.front();
  // The weight is a parameter: its sizes specialize.
  const std::vector<st::RealInput> inputs = {{.name = "x_1", .sizes = {8, 20}},
                                             {.name = "w_1", .sizes = {32, 20}, .parameter = true}};

  // The capture stage by hand: the real inputs become fake tensors in `env`.
  // An aot stage (st::aot_trace) takes capture.inputs and the same env.
  symshape::ShapeEnv env;
  st::CaptureResult capture = st::capture(forward, inputs, env);
  const st::FakeTensor& x = capture.inputs.find("x_1")->value.as_tensor();
  std::cout << "fake x: [" << symshape::to_sympy(x.sizes[0]) << ", " << symshape::to_sympy(x.sizes[1]) << "], "
            << env.produce_guards().size() << " guards recorded\n";

  // The cache runs every stage and minimizes on a miss, then installs the entry.
  st::CompiledCache cache(forward, std::nullopt, inputs);
  for (std::vector<int64_t> x_sizes : {std::vector<int64_t>{8, 20}, {64, 20}, {1, 20}}) {
    st::CallOutcome out = cache.call(st::InputSizes{{"x_1", x_sizes}, {"w_1", {32, 20}}});
    std::cout << "x=[" << x_sizes[0] << ", " << x_sizes[1] << "]: " << (out.hit ? "hit" : "miss");
    if (!out.mismatches.empty()) std::cout << " (" << out.mismatches.front().reason << ")";
    if (out.recompiled) std::cout << ", compiled entry " << out.entry_id;
    if (!out.error.empty()) std::cout << ", not compiled: " << out.error;
    std::cout << '\n';
  }
  const st::CompiledEntry* first = cache.entry(1);
  if (first == nullptr) return 1;
  std::cout << "entry 1 checks " << first->kept.size() << " of " << first->raw.size() << " guards:\n";
  for (symshape::Expr g : first->kept_conditions()) std::cout << "  " << symshape::to_sympy(g) << '\n';
  return 0;
}
