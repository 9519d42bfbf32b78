// Derivative rules: a registry keyed by forward op (exact overload, else op
// packet, as OpRegistry looks up shape rules), one family per file in this
// folder. An op registered as not differentiable (detach, ones_like, sym
// nodes) stops gradients: its output never needs one.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "autograd/backward_context.hpp"

namespace symshape::tracer::autograd {

class DerivativeRegistry {
 public:
  struct Entry {
    DerivativeRule rule = nullptr;  // nullptr: not differentiable
  };
  // `name`: "aten.mm" (every overload) or "aten.add.Tensor"; a duplicate throws.
  void add(std::string name, DerivativeRule rule);
  void add_not_differentiable(std::string name);
  // nullptr when the op has no entry.
  const Entry* find(std::string_view target) const;

 private:
  std::unordered_map<std::string, Entry> entries_;
};

const DerivativeRegistry& builtin_derivative_registry();

// One per family file.
void register_linalg_derivatives(DerivativeRegistry& r);         // linalg.cpp: mm/addmm/bmm/matmul/linear
void register_pointwise_derivatives(DerivativeRegistry& r);      // pointwise.cpp: arithmetic, activations, dropout
void register_view_derivatives(DerivativeRegistry& r);           // views.cpp: view/reshape/permute/t/transpose/...
void register_normalization_derivatives(DerivativeRegistry& r);  // normalization.cpp: layer/batch norm, softmax
void register_conv_pool_derivatives(DerivativeRegistry& r);      // conv_pool.cpp: convolution, pooling
void register_concat_split_derivatives(DerivativeRegistry& r);   // concat_split.cpp: cat/split/slice/select
void register_reduction_derivatives(DerivativeRegistry& r);      // reductions.cpp: sum/mean
void register_indexing_derivatives(DerivativeRegistry& r);       // indexing.cpp: embedding
void register_no_gradient_ops(DerivativeRegistry& r);            // no_gradient.cpp: detach, *_like, sym nodes

}  // namespace symshape::tracer::autograd
