// One registration function per op family, one family per file in this folder.
// builtin_registry.cpp calls each once; a new family adds one line there.
#pragma once

namespace symshape::tracer {

class OpRegistry;

void register_pointwise_rules(OpRegistry& r);      // pointwise.cpp: unary/binary/ternary, broadcasting
void register_view_rules(OpRegistry& r);           // views.cpp: view/reshape/permute/expand/slice/...
void register_concat_split_rules(OpRegistry& r);   // concat_split.cpp: cat/stack/split/chunk/unbind
void register_reduction_rules(OpRegistry& r);      // reductions.cpp: sum/mean/amax/var/...
void register_factory_rules(OpRegistry& r);        // factories.cpp: full/zeros/arange/iota/*_like/...
void register_sym_node_rules(OpRegistry& r);       // sym_nodes.cpp: sym_size/operator.*/math.ceil
void register_unbacked_rules(OpRegistry& r);       // unbacked.cpp: _local_scalar_dense/_assert_scalar
void register_collective_rules(OpRegistry& r);     // collectives.cpp: _c10d_functional.*, wait_tensor
void register_linalg_rules(OpRegistry& r);         // linalg.cpp: mm/bmm/addmm/matmul/linear/baddbmm
void register_conv_pool_rules(OpRegistry& r);      // conv_pool.cpp: convolution/pooling/pad/upsample/stft
void register_normalization_rules(OpRegistry& r);  // normalization.cpp: layer/batch/group norm, softmax, ...
void register_indexing_rules(OpRegistry& r);       // indexing.cpp: index/gather/scatter/..._scatter
void register_backward_rules(OpRegistry& r);       // backward.cpp: *_backward ops

}  // namespace symshape::tracer
