// Fuzz target: the FX graph reader on arbitrary bytes, then propagation of
// the small graphs it reads. Errors are diagnostics or NodeFailures (or a
// TraceInputError for unusable placeholders); crashes, hangs and other
// exceptions are findings.
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "symshape/tracer/fx_reader.hpp"
#include "symshape/tracer/trace.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace symshape;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  tracer::FxReadResult read = tracer::read_fx(text, "fuzz.txt");
  for (const tracer::FxDiagnostic& d : read.errors) {
    if (d.span.line < 1) fuzz::finding("unlocated reader error: " + d.message);
  }
  for (const tracer::Graph& g : read.graphs) {
    if (g.nodes.size() > 64) continue;  // propagation cost grows with the graph, not the bug rate
    try {
      tracer::TraceOptions options;
      options.max_rounds = 1;
      tracer::trace_graph(g, options);
    } catch (const Error&) {
    }
  }
  return 0;
}
