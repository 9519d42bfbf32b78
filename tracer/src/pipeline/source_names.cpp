// Dynamo's source names for the pipeline's inputs.
#include <string>
#include <string_view>

#include "symshape/tracer/pipeline.hpp"

namespace symshape::tracer {

const char* input_dim_policy_name(InputDimPolicy p) {
  switch (p) {
    case InputDimPolicy::Duck: return "duck";
    case InputDimPolicy::Dynamic: return "dynamic";
    case InputDimPolicy::Static: return "static";
    case InputDimPolicy::Unbacked: return "unbacked";
  }
  return "?";
}

// make_fx names the placeholder of argument `x` "x_1"; Dynamo's frame local is `x`.
std::string input_source(std::string_view placeholder) {
  std::string_view local = placeholder;
  if (local.size() > 2 && local.ends_with("_1")) local.remove_suffix(2);
  return "L['" + std::string(local) + "']";
}

std::string input_size_source(std::string_view placeholder, size_t dim) {
  return input_source(placeholder) + ".size()[" + std::to_string(dim) + "]";
}

}  // namespace symshape::tracer
