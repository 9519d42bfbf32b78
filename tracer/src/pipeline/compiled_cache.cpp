// CompiledCache: a GuardCache of pipeline entries, keyed by source guards,
// that re-runs the pipeline on a miss.
#include <stdexcept>
#include <unordered_map>

#include "fakeify.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/tracer/pipeline.hpp"

namespace symshape::tracer {
namespace {

// No slot of the flat call: the layout holds only source symbols, so this
// marks a broken invariant, never a user error.
constexpr uint32_t kNoFlatIndex = UINT32_MAX;

std::string failures_text(const PipelineRun& run) {
  const std::vector<NodeFailure>* lists[] = {&run.capture->forward.failures, run.aot ? &run.aot->joint.failures : nullptr};
  for (const auto* list : lists) {
    if (list && !list->empty()) {
      return std::to_string(run.entry.propagation_failures) + " node failure(s), first: " + list->front().message;
    }
  }
  return {};
}

}  // namespace

CompiledCache::CompiledCache(const Graph& forward, std::optional<JointGraph> joint, std::vector<RealInput> inputs,
                             PipelineOptions options)
    : forward_(forward), inputs_(std::move(inputs)), options_(options), cache_(options.max_entries) {
  if (joint && joint->graph) {
    joint_graph_ = *joint->graph;
    first_backward_node_ = joint->first_backward_node;
  }
  pipeline_detail::check_inputs(forward_, inputs_, joint_graph_ ? &*joint_graph_ : nullptr);
  for (const RealInput& input : inputs_) flat_size_ += input.sizes.size();
}

CompiledCache::~CompiledCache() = default;

void CompiledCache::map_slots() {
  std::unordered_map<std::string, uint32_t> flat_index;
  uint32_t next = 0;
  for (const RealInput& input : inputs_) {
    for (size_t d = 0; d < input.sizes.size(); ++d) flat_index.emplace(input_size_source(input.name, d), next++);
  }
  const std::span<const Expr> symbols = cache_.layout().symbols();
  slot_to_flat_.assign(symbols.size(), kNoFlatIndex);
  for (size_t k = 0; k < symbols.size(); ++k) {
    auto it = flat_index.find(symbols[k].name());
    if (it == flat_index.end()) throw std::logic_error("CompiledCache: guard symbol " + symbols[k].name() + " is no input size");
    slot_to_flat_[k] = it->second;
  }
  slots_.assign(symbols.size(), 0);
}

void CompiledCache::fill_slots(std::span<const int64_t> flat) {
  if (flat.size() != flat_size_) {
    throw InvalidArgumentError("CompiledCache: a call passes " + std::to_string(flat_size_) + " sizes, got " +
                                std::to_string(flat.size()));
  }
  for (size_t k = 0; k < slot_to_flat_.size(); ++k) slots_[k] = flat[slot_to_flat_[k]];
}

const CompiledEntry* CompiledCache::lookup(std::span<const int64_t> flat) {
  fill_slots(flat);
  return cache_.lookup(std::span<const int64_t>(slots_)).entry;
}

CallOutcome CompiledCache::call(std::span<const int64_t> flat) {
  fill_slots(flat);
  ++stats_.calls;
  auto found = cache_.lookup(std::span<const int64_t>(slots_));
  CallOutcome outcome;
  if (found.hit()) {
    ++stats_.hits;
    outcome.hit = true;
    outcome.entry_id = found.entry_id;
    return outcome;
  }
  ++stats_.misses;
  outcome.mismatches = std::move(found.mismatches);
  return recompile(flat, std::move(outcome));
}

CallOutcome CompiledCache::recompile(std::span<const int64_t> flat, CallOutcome outcome) {
  std::vector<RealInput> inputs = inputs_;
  size_t next = 0;
  for (RealInput& input : inputs) {
    for (int64_t& size : input.sizes) size = flat[next++];
  }
  std::optional<JointGraph> joint;
  if (joint_graph_) joint = JointGraph{&*joint_graph_, first_backward_node_};
  try {
    auto run = std::make_unique<PipelineRun>(run_pipeline(forward_, joint ? &*joint : nullptr, inputs, options_));
    if (run->entry.propagation_failures > 0) {
      outcome.error = failures_text(*run);
    } else if (run->entry.contradiction) {
      outcome.error = "the guards of the traced graphs contradict each other";
    }
    if (outcome.error.empty()) {
      const auto inserted = cache_.insert(run->entry.kept_conditions(), run->entry);
      if (!inserted.inserted) outcome.error = "the cache is full (" + std::to_string(cache_.max_entries()) + " entries)";
      outcome.entry_id = inserted.entry_id;
      outcome.recompiled = inserted.inserted;
    }
    last_run_ = std::move(run);
  } catch (const Error& e) {
    outcome.error = e.what();
  }
  // The layout may have grown (also when compiling the program failed after it did).
  map_slots();
  if (outcome.recompiled) {
    ++stats_.recompiles;
  } else {
    ++stats_.failed_recompiles;
  }
  return outcome;
}

std::vector<int64_t> CompiledCache::flatten(const InputSizes& sizes) const {
  const SourceSpan where{forward_.file, 0, 0};
  for (const auto& [name, dims] : sizes) {
    bool known = false;
    for (const RealInput& input : inputs_) known = known || input.name == name;
    if (!known) throw TraceInputError("call: no input named " + name, where);
  }
  std::vector<int64_t> flat;
  flat.reserve(flat_size_);
  for (const RealInput& input : inputs_) {
    auto it = sizes.find(input.name);
    if (it == sizes.end()) throw TraceInputError("call: no sizes for input " + input.name, where);
    if (it->second.size() != input.sizes.size()) {
      throw TraceInputError("call: input " + input.name + " has " + std::to_string(input.sizes.size()) +
                                " dimensions, the call gives " + std::to_string(it->second.size()),
                            where);
    }
    for (int64_t s : it->second) {
      if (s < 0) throw TraceInputError("call: input " + input.name + " has a negative size " + std::to_string(s), where);
      flat.push_back(s);
    }
  }
  return flat;
}

CallOutcome CompiledCache::call(const InputSizes& sizes) { return call(std::span<const int64_t>(flatten(sizes))); }

}  // namespace symshape::tracer
