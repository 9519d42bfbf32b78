// Ops whose floating output carries no gradient: detach cuts the graph
// (autograd records it on saved tensors), and the *_like factories read only
// their input's metadata. Ops with integer or bool outputs (sym_size,
// comparisons, indices) never need an entry: nothing flows through them.
#include "autograd/derivative_registry.hpp"

namespace symshape::tracer::autograd {

void register_no_gradient_ops(DerivativeRegistry& r) {
  for (const char* op : {"aten.detach", "aten.ones_like", "aten.zeros_like", "aten.empty_like", "aten.full_like",
                         "aten.rand_like", "aten.randn_like", "aten.new_zeros", "aten.new_ones", "aten.new_empty",
                         "aten.new_full"}) {
    r.add_not_differentiable(op);
  }
}

}  // namespace symshape::tracer::autograd
