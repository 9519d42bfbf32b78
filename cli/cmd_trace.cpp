// `symshape trace FILE|- [--hint SYM=INT,...]... [--input NAME=d0,d1,...]... [--check] [--json]
//                 [--backward JOINT_FILE | --derive-backward] [--calls CALLS_FILE]`
//
// Reads an FX graph as PyTorch prints it, propagates shapes through the op
// rules with one ShapeEnv (tracer/trace.hpp), and reports the output shapes,
// the raw guards with their provenance and the minimal set; --check compares
// every node with PyTorch's annotation instead. --backward and --calls run
// the capture -> aot pipeline and its cache (trace_pipeline.hpp) as well.
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "command_registry.hpp"
#include "common.hpp"
#include "trace_pipeline.hpp"
#include "trace_report.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/derive_backward.hpp"
#include "symshape/tracer/fx_reader.hpp"
#include "symshape/tracer/hints.hpp"
#include "symshape/tracer/pipeline_inputs.hpp"

namespace po = boost::program_options;

namespace symshape::cli {
namespace cmd_trace {

constexpr const char* kDescription =
    "Reads an FX graph as PyTorch prints it (GraphModule.print_readable(),\n"
    "TORCH_LOGS=aot_graphs forward/backward/joint dumps) from FILE, or stdin for\n"
    "'-', and propagates shapes through it: each placeholder's annotation gives\n"
    "its sizes over the graph's symbols (s0, s52, ...), and every node's op shape\n"
    "rule asks its size questions through one ShapeEnv, which records a guard\n"
    "whenever only the sizes assumed (the hints) decide an answer.\n"
    "\n"
    "Prints, per graph: the hints, the output shapes (sizes then strides, as\n"
    "PyTorch annotates them), the raw guards, each with its provenance (how it was\n"
    "decided, the node and op, the place in FILE, the reason, the node's '# File:'\n"
    "comment, and the chosen hints it was decided at), and the minimal equivalent\n"
    "set of guards.\n"
    "\n"
    "Hints: without --hint, every symbol gets 64, 80, 96, ... in order of first\n"
    "appearance (distinct multiples of 16); when a size that an annotation prints\n"
    "as an expression would not be >= 2 there, the Prover picks hints at which all\n"
    "are; when the check shows PyTorch's values hold only at other hints, or a\n"
    "rule fails right after a question the hints decided, the graph is traced\n"
    "again at hints that change that. --hint SYM=INT fixes a symbol's hint; --input\n"
    "NAME=d0,d1,... gives placeholder NAME concrete sizes (its symbols become\n"
    "constants, with a guard).\n"
    "\n"
    "--check compares every annotated node with what was computed: dtype, rank,\n"
    "sizes, strides and device where printed, and Sym(...) values, as expressions\n"
    "(equal after simplification, or proved equal under the recorded guards).\n"
    "It prints exactly one summary line, then one line per mismatch:\n"
    "  check: N nodes, M mismatches\n"
    "  NODE (OP) WHAT: expected E, computed C (at the hints: 16 vs 32)\n"
    "where WHAT is size[i], stride[i], value, dtype, device, rank or kind.\n"
    "\n"
    "--json prints one object instead: {\"file\", \"graphs\": [{\"name\", \"hints\",\n"
    "\"rounds\", \"nodes\": [{\"name\", \"op\", \"target\", \"computed\", \"annotation\",\n"
    "\"value\": {\"kind\", \"dtype\", \"sizes\", \"strides\", ...}}], \"outputs\", \"guards\":\n"
    "[{\"guard\", \"kind\", \"origin\", \"stage\", \"node\", \"op\", \"location\", \"reason\",\n"
    "\"source\", \"chosen_hints\", \"minimal\"}], \"minimal\", \"failures\", \"check\"}]},\n"
    "with \"check\" (per graph and for the file) only under --check.\n"
    "\n"
    "--backward JOINT_FILE runs the capture -> aot pipeline as well: FILE's one\n"
    "graph is the forward, captured (stage \"capture\") from real inputs, which are\n"
    "the --input sizes where given and the sizes the hints give elsewhere; JOINT_FILE's\n"
    "one graph (a joint forward+backward such as examples/mlp_joint.txt, aot's\n"
    "inner_f with primals_N/tangents_N, or a backward dump) is traced over the SAME\n"
    "fake tensors and ShapeEnv (stages \"aot forward\" and \"aot backward\"). A joint\n"
    "placeholder that is neither a forward input nor primals_N/argN_1 gets its\n"
    "sizes from its annotation; one with a symbol no other input fixes (a new\n"
    "input such as target_1) needs --input NAME=.... Prints the raw guards per\n"
    "stage, the minimal set over sources (L['x'].size()[0]) with each guard's\n"
    "provenance, and each dropped guard's reason.\n"
    "\n"
    "--derive-backward runs the same pipeline with the joint graph derived from\n"
    "FILE's forward by the tracer's derivative rules (derive_backward.hpp): the\n"
    "forward's placeholders and nodes, then ones_like seeds and the backward.\n"
    "\n"
    "--calls CALLS_FILE (with or without --backward) replays calls against the\n"
    "pipeline's guard cache: first the pipeline inputs (compiled), then one call\n"
    "per line of CALLS_FILE, every input by placeholder name (x_1) or argument\n"
    "name (x), e.g.\n"
    "  x=2,3 w=4,5\n"
    "(blank lines and '#' comments are skipped). Per call it prints hit, or miss\n"
    "with each entry's failing guard and values and the recompiled entry; then the\n"
    "cache's statistics. With --json, the object gets a \"pipeline\" member:\n"
    "{\"forward\", \"joint\", \"entry\": {\"inputs\", \"raw_per_stage\", \"guards\":\n"
    "[{\"index\", \"guard\", \"env_guard\", \"kind\", \"origin\", \"stage\", \"graph\",\n"
    "\"node\", \"op\", \"location\", \"reason\", \"status\", \"dropped\"}], \"minimal\", ...},\n"
    "\"calls\": [{\"line\", \"sizes\", \"hit\", \"recompiled\", \"entry\", \"mismatches\",\n"
    "\"error\"}], \"stats\"} (calls and stats only with --calls).\n"
    "\n"
    "Exit codes: 0 success (and, with --check, no mismatch); 1 --check found\n"
    "mismatches; 2 bad usage, an unreadable FILE, a graph the reader rejects, a\n"
    "placeholder that cannot be given sizes, an unknown op (the message names the\n"
    "closest registered ops) or a node whose rule fails, each reported on stderr as\n"
    "FILE:LINE:COL: message. The statements and nodes that were read are still\n"
    "traced and reported.\n"
    "\n"
    "Examples:\n"
    "  symshape trace examples/mlp_forward.txt\n"
    "  symshape trace --check examples/transformer_block_joint.txt\n"
    "  symshape trace graph.txt --hint s0=8,s1=16 --input x_1=8,20 --json\n"
    "  symshape trace examples/mlp_forward.txt --backward examples/mlp_joint.txt --calls calls.txt\n";

// `NAME=d0,d1,...` (an empty list: a 0-d tensor).
void parse_input(const std::string& text, tracer::InputSizes& into) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw UsageError("--input '" + text + "': expected NAME=d0,d1,... (e.g. x_1=8,20)");
  }
  const std::string name = text.substr(0, eq);
  std::vector<int64_t> sizes = parse_size_list(text.substr(eq + 1), "--input " + name);
  if (!into.emplace(name, std::move(sizes)).second) throw UsageError("--input " + name + " is given twice");
}

std::optional<std::string> read_text(const std::string& path, CommandIO& io) {
  std::ostringstream text;
  if (path == "-") {
    text << io.in.rdbuf();
    return text.str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  text << file.rdbuf();
  return text.str();
}

// The hints and inputs that name one graph's symbols and placeholders; a
// --hint or --input that matches no graph of the file is an error.
struct PerGraphOptions {
  std::vector<tracer::TraceOptions> options;
};

PerGraphOptions split_options(const std::vector<tracer::Graph>& graphs, const Assignment& hints,
                              const tracer::InputSizes& inputs) {
  PerGraphOptions out;
  std::unordered_set<Expr, ExprHash> used_hints;
  std::unordered_set<std::string> used_inputs;
  for (const tracer::Graph& graph : graphs) {
    tracer::TraceOptions o;
    for (Expr sym : tracer::hinted_symbols(graph)) {
      if (auto it = hints.find(sym); it != hints.end()) {
        o.hints.emplace(sym, it->second);
        used_hints.insert(sym);
      }
    }
    for (size_t p : graph.placeholders()) {
      if (auto it = inputs.find(graph.nodes[p].name); it != inputs.end()) {
        o.inputs.emplace(it->first, it->second);
        used_inputs.insert(it->first);
      }
    }
    out.options.push_back(std::move(o));
  }
  for (const auto& [sym, value] : hints) {
    if (!used_hints.count(sym)) {
      std::string known;
      for (const tracer::Graph& graph : graphs) {
        for (Expr s : tracer::hinted_symbols(graph)) known += (known.empty() ? "" : ", ") + s.name();
      }
      throw UsageError("--hint " + to_sympy(sym) + ": the graph's placeholders have no such symbol (they have: " +
                       (known.empty() ? "none" : known) + ")");
    }
  }
  for (const auto& [name, sizes] : inputs) {
    if (!used_inputs.count(name)) throw UsageError("--input " + name + ": the graph has no placeholder " + name);
  }
  return out;
}

std::vector<Expr> conditions(const tracer::TraceResult& t) {
  std::vector<Expr> out;
  for (const tracer::TraceGuard& g : t.guards) out.push_back(g.condition);
  return out;
}

int run_trace(CommandArgs args, CommandIO& io) {
  CommandLine line("trace",
                   "FILE|- [--hint SYM=INT,...]... [--input NAME=d0,d1,...]... [--check] [--json] "
                   "[--backward JOINT_FILE | --derive-backward] [--calls CALLS_FILE]",
                   kDescription);
  line.options().add_options()(
      "hint", po::value<std::vector<std::string>>()->value_name("SYM=INT,...")->composing(),
      "hints for the graph's symbols, e.g. --hint s0=8,s1=16 (repeatable)")(
      "input", po::value<std::vector<std::string>>()->value_name("NAME=d0,d1,...")->composing(),
      "concrete sizes for placeholder NAME, e.g. --input x_1=8,20 (repeatable)")(
      "check", po::bool_switch(), "compare every node with PyTorch's annotation")(
      "json", po::bool_switch(), "print one JSON object")(
      "backward", po::value<std::string>()->value_name("JOINT_FILE"),
      "run the capture -> aot pipeline with this joint graph")(
      "derive-backward", po::bool_switch(),
      "run the capture -> aot pipeline with the joint graph derived from FILE's forward")(
      "calls", po::value<std::string>()->value_name("CALLS_FILE"),
      "replay calls (one per line, e.g. x=2,3 w=4,5) against the pipeline's cache");
  line.set_positional("FILE");
  if (!line.parse(args, io)) return kExitSuccess;
  const bool check = line.flag("check");
  const bool json = line.flag("json");

  Assignment hints;
  if (line.values().count("hint")) {
    for (const std::string& text : line.values()["hint"].as<std::vector<std::string>>()) parse_sizes(text, hints);
  }
  for (const auto& [sym, value] : hints) {
    if (value < 0) throw UsageError("--hint " + to_sympy(sym) + "=" + std::to_string(value) + ": a size is >= 0");
  }
  tracer::InputSizes inputs;
  if (line.values().count("input")) {
    for (const std::string& text : line.values()["input"].as<std::vector<std::string>>()) parse_input(text, inputs);
  }

  const std::string& path = line.positional();
  const std::optional<std::string> text = read_text(path, io);
  if (!text) {
    io.err << "symshape trace: cannot read '" << path << "'\n";
    return kExitUsage;
  }
  const tracer::FxReadResult read = tracer::read_fx(*text, path == "-" ? "<stdin>" : path);
  for (const tracer::FxDiagnostic& d : read.errors) io.err << d.format() << '\n';
  // The statements that were read are still traced and reported (a bad line
  // drops its own statement only); the exit code says the input was bad.
  if (read.graphs.empty() && !read.ok()) return kExitUsage;
  if (read.graphs.empty()) {
    io.err << "symshape trace: " << path << ": no graph (expected 'class ...:' with a 'def forward(...)')\n";
    return kExitUsage;
  }

  // --backward / --calls: FILE's graph is the forward; --input may also name
  // a placeholder only the joint graph has (a new input such as target_1).
  const bool derive = line.flag("derive-backward");
  const bool pipeline = line.values().count("backward") || line.values().count("calls") || derive;
  PipelineCliRequest request;
  std::vector<tracer::RealInput> joint_only_inputs;
  if (pipeline) {
    if (read.graphs.size() != 1) {
      throw UsageError("--backward/--calls: " + path + " must hold one graph (the forward), it has " +
                       std::to_string(read.graphs.size()));
    }
    if (derive && line.values().count("backward")) {
      throw UsageError("--derive-backward and --backward: give one joint graph, not two");
    }
    if (derive) {
      try {
        tracer::DerivedJoint derived = tracer::derive_joint(read.graphs.front());
        request.joint = std::move(derived.graph);
        request.first_backward_node = derived.first_backward_node;
        request.joint_text = *text;  // derived nodes point into FILE
        request.derived = true;
      } catch (const tracer::DeriveError& e) {
        io.err << located_failure({0, tracer::NodeFailure::Kind::RuleError, e.span, e.what(), {}}, *text) << '\n';
        return kExitUsage;
      }
    }
    if (line.values().count("backward")) {
      const std::string joint_path = line.values()["backward"].as<std::string>();
      const std::optional<std::string> joint_text = read_text(joint_path, io);
      if (!joint_text) {
        io.err << "symshape trace: cannot read '" << joint_path << "'\n";
        return kExitUsage;
      }
      tracer::FxReadResult joint = tracer::read_fx(*joint_text, joint_path == "-" ? "<stdin>" : joint_path);
      for (const tracer::FxDiagnostic& d : joint.errors) io.err << d.format() << '\n';
      if (!joint.ok()) return kExitUsage;
      if (joint.graphs.size() != 1) {
        io.err << "symshape trace: " << joint_path << ": expected one graph (the joint), found "
               << joint.graphs.size() << '\n';
        return kExitUsage;
      }
      request.joint = std::move(joint.graphs.front());
      request.joint_text = *joint_text;
      for (auto it = inputs.begin(); it != inputs.end();) {
        const std::optional<size_t> in_forward = read.graphs.front().find(it->first);
        const std::optional<size_t> in_joint = request.joint->find(it->first);
        if (!in_forward && in_joint && request.joint->nodes[*in_joint].op == tracer::NodeOp::Placeholder) {
          joint_only_inputs.push_back(tracer::RealInput{it->first, it->second});
          it = inputs.erase(it);
        } else {
          ++it;
        }
      }
    }
  }

  const PerGraphOptions per_graph = split_options(read.graphs, hints, inputs);
  std::vector<TracedGraph> traced;
  bool failed = !read.ok();
  for (size_t g = 0; g < read.graphs.size(); ++g) {
    TracedGraph t;
    t.graph = &read.graphs[g];
    try {
      t.trace = tracer::trace_graph(read.graphs[g], per_graph.options[g]);
    } catch (const tracer::TraceInputError& e) {
      io.err << located_failure({0, tracer::NodeFailure::Kind::RuleError, e.span, e.what(), {}}, *text) << '\n';
      return kExitUsage;
    }
    // The minimal set is part of the report, not of the check.
    if (json || !check) t.minimal = minimize(conditions(t.trace));
    for (const tracer::NodeFailure& f : t.trace.propagation.failures) {
      failed = true;
      io.err << located_failure(f, f.kind == tracer::NodeFailure::Kind::Skipped ? std::string() : *text) << '\n';
    }
    traced.push_back(std::move(t));
  }

  PipelineCliResult pipeline_result;
  auto run_pipeline_part = [&]() -> bool {
    if (!pipeline || failed) return true;
    const tracer::Graph& forward = read.graphs.front();
    request.forward = &forward;
    request.forward_text = *text;
    try {
      // The first compile's real inputs: --input where given, the trace's hints elsewhere.
      request.inputs = tracer::real_inputs_at(forward, traced.front().trace.hints.hints, inputs);
      request.inputs.insert(request.inputs.end(), joint_only_inputs.begin(), joint_only_inputs.end());
      if (line.values().count("calls")) {
        const std::string calls_path = line.values()["calls"].as<std::string>();
        const std::optional<std::string> calls_text = read_text(calls_path, io);
        if (!calls_text) {
          io.err << "symshape trace: cannot read '" << calls_path << "'\n";
          pipeline_result.exit_code = kExitUsage;
          return false;
        }
        request.calls = read_pipeline_calls(*calls_text, calls_path, request.inputs);
        request.replay = true;
      }
      pipeline_result = run_pipeline_cli(request, json, io);
    } catch (const tracer::TraceInputError& e) {
      const bool in_joint = request.joint && !request.derived && e.span.file == request.joint->file;
      io.err << located_failure({0, tracer::NodeFailure::Kind::RuleError, e.span, e.what(), {}},
                                in_joint ? request.joint_text : *text)
             << '\n';
      pipeline_result.exit_code = kExitUsage;
      return false;
    }
    return pipeline_result.exit_code == kExitSuccess;
  };

  if (json) {
    if (!run_pipeline_part()) return kExitUsage;
    std::ostringstream report;
    print_trace_json(path, traced, check, report);
    std::string object = report.str();
    if (pipeline && !failed) {
      // print_trace_json writes one object ending in "}\n": the pipeline joins it as a member.
      object.insert(object.rfind('}'), ", \"pipeline\": " + pipeline_result.json);
    }
    io.out << object;
  } else {
    if (check) {
      print_check_text(traced, io.out);
    } else {
      print_trace_text(traced, io.out);
    }
    if (!run_pipeline_part()) return kExitUsage;
  }
  if (failed) return kExitUsage;
  if (check) {
    for (const TracedGraph& t : traced) {
      if (!t.trace.check.mismatches.empty()) return kExitNegative;
    }
  }
  return kExitSuccess;
}

const CommandRegistration registration{"trace", "propagate shapes through an FX graph; check PyTorch's annotations",
                                       &run_trace};

}  // namespace cmd_trace
}  // namespace symshape::cli
