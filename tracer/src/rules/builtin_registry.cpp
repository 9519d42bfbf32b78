#include "rules/rule_families.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {

const OpRegistry& builtin_op_registry() {
  static const OpRegistry registry = [] {
    OpRegistry r;
    register_pointwise_rules(r);
    register_view_rules(r);
    register_concat_split_rules(r);
    register_reduction_rules(r);
    register_factory_rules(r);
    register_sym_node_rules(r);
    register_unbacked_rules(r);
    register_collective_rules(r);
    register_linalg_rules(r);
    register_conv_pool_rules(r);
    register_normalization_rules(r);
    register_indexing_rules(r);
    register_backward_rules(r);
    return r;
  }();
  return registry;
}

}  // namespace symshape::tracer
