// Family: see rules/rule_families.hpp. (Scaffold: the family's rules are being written.)
#include "rules/rule_families.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {

void register_normalization_rules(OpRegistry&) {}

}  // namespace symshape::tracer
