#include "autograd/derivative_registry.hpp"

#include "symshape/symbolic/errors.hpp"

namespace symshape::tracer::autograd {
namespace {

// "aten.mm.default" -> "aten.mm"; fewer than three dotted parts: no overload.
std::string_view packet_of(std::string_view target) {
  const size_t first = target.find('.');
  const size_t last = target.rfind('.');
  return first == last ? target : target.substr(0, last);
}

}  // namespace

void DerivativeRegistry::add(std::string name, DerivativeRule rule) {
  if (!entries_.emplace(name, Entry{rule}).second) throw Error("derivative rule registered twice: " + name);
}

void DerivativeRegistry::add_not_differentiable(std::string name) { add(std::move(name), nullptr); }

const DerivativeRegistry::Entry* DerivativeRegistry::find(std::string_view target) const {
  if (auto it = entries_.find(std::string(target)); it != entries_.end()) return &it->second;
  if (auto it = entries_.find(std::string(packet_of(target))); it != entries_.end()) return &it->second;
  return nullptr;
}

const DerivativeRegistry& builtin_derivative_registry() {
  static const DerivativeRegistry registry = [] {
    DerivativeRegistry r;
    register_linalg_derivatives(r);
    register_pointwise_derivatives(r);
    register_view_derivatives(r);
    register_normalization_derivatives(r);
    register_conv_pool_derivatives(r);
    register_concat_split_derivatives(r);
    register_reduction_derivatives(r);
    register_indexing_derivatives(r);
    register_no_gradient_ops(r);
    return r;
  }();
  return registry;
}

}  // namespace symshape::tracer::autograd
