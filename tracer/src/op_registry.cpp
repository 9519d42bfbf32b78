#include "symshape/tracer/op_registry.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace symshape::tracer {

namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// "aten.mm.default" -> "aten.mm"; a target with fewer than three dotted parts
// has no overload.
std::string_view packet_of(std::string_view target) {
  const size_t first = target.find('.');
  if (first == std::string_view::npos) return target;
  const size_t last = target.rfind('.');
  return last == first ? target : target.substr(0, last);
}

}  // namespace

void OpRegistry::add(std::string name, ShapeRule rule) {
  if (!rules_.emplace(name, rule).second)
    throw Error("op rule registered twice: " + name);
}

ShapeRule OpRegistry::find(std::string_view target) const {
  if (auto it = rules_.find(std::string(target)); it != rules_.end()) return it->second;
  if (auto it = rules_.find(std::string(packet_of(target))); it != rules_.end()) return it->second;
  return nullptr;
}

std::vector<std::string> OpRegistry::closest(std::string_view target, size_t count) const {
  // Names are packets ("aten.add") or overloads ("aten.add.Tensor"): the
  // target is compared both whole and without its overload, so an unknown
  // overload of a known op ranks that op first.
  const std::string_view packet = packet_of(target);
  std::vector<std::pair<size_t, std::string>> ranked;
  ranked.reserve(rules_.size());
  for (const auto& [name, rule] : rules_)
    ranked.emplace_back(std::min(edit_distance(target, name), edit_distance(packet, name)), name);
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < ranked.size() && i < count; ++i) out.push_back(ranked[i].second);
  return out;
}

std::vector<std::string> OpRegistry::names() const {
  std::vector<std::string> out;
  out.reserve(rules_.size());
  for (const auto& [name, rule] : rules_) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace symshape::tracer
