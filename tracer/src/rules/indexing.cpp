// Family: advanced indexing, gather/scatter and the *_scatter ops (see
// rules/rule_families.hpp), following meta_index_Tensor, meta_gather,
// scatter_meta_impl and meta_{slice,select}_scatter in
// torch/_meta_registrations.py.
#include <string>

#include "rules/meta_support.hpp"
#include "rules/rule_support.hpp"
#include "rules/rule_families.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/tracer/op_registry.hpp"
#include "symshape/tracer/strides.hpp"

namespace symshape::tracer {
namespace {

// index.Tensor / _unsafe_index.Tensor(self, indices: Tensor?[]).
//
// Boolean (and uint8) masks become their nonzero() columns: an unbacked count
// per mask. The index tensors broadcast together; when they are adjacent the
// broadcast shape replaces the indexed dims in place, otherwise it moves to
// the front (NumPy's rule). The result is allocated with new_empty
// (contiguous); PyTorch >= 2.3 reorders it like the input's strides, which
// agrees for contiguous inputs.
Value index_tensor(OpContext& ctx) {
  FakeTensor self = ctx.tensor(0, "self");
  const auto given = ctx.optional_tensor_list(1, "indices");
  if (given.empty()) ctx.fail("at least one index must be provided");
  std::vector<std::optional<std::vector<Expr>>> indices;  // shapes; nullopt for None
  for (const auto& index : given) {
    if (!index) {
      indices.emplace_back(std::nullopt);
      continue;
    }
    const ScalarType t = index->dtype;
    if (t == ScalarType::B8 || t == ScalarType::I8 || t == ScalarType::U8) {
      // nonzero(): [u, mask.dim()]; each column indexes one dim of self.
      const size_t k = indices.size();
      if (k + index->dim() > self.dim()) ctx.fail("too many indices for tensor of dimension " + std::to_string(self.dim()));
      for (size_t j = 0; j < index->dim(); ++j) {
        ctx.check(eq(index->sizes[j], self.sizes[k + j]),
                    "The shape of the mask must match the shape of the indexed tensor");
      }
      // nonzero()'s count: unbacked (a size: the env's unbacked symbols are >= 0).
      const Expr count = ctx.env().create_unbacked_symbol();
      for (size_t j = 0; j < index->dim(); ++j) indices.emplace_back(std::vector<Expr>{count});
    } else if (t == ScalarType::I64 || t == ScalarType::I32) {
      indices.emplace_back(index->sizes);
    } else {
      ctx.fail(std::string("tensors used as indices must be long, int, byte or bool tensors, got ") + short_name(t));
    }
  }
  if (indices.size() > self.dim()) {
    ctx.fail("too many indices for tensor of dimension " + std::to_string(self.dim()) + " (got " +
             std::to_string(indices.size()) + ")");
  }
  std::vector<std::vector<Expr>> present;
  for (const auto& i : indices) {
    if (i) present.push_back(*i);
  }
  const std::vector<Expr> replacement = broadcast_all(ctx, present);
  indices.resize(self.dim());
  // hasContiguousSubspace: the non-None entries form one run.
  int state = 0;
  bool contiguous_subspace = true;
  for (const auto& i : indices) {
    if (state == 0 && i) state = 1;
    else if (state == 1 && !i) state = 2;
    else if (state == 2 && i) contiguous_subspace = false;
  }
  std::vector<Expr> before, after;
  bool seen = false;
  if (!contiguous_subspace) seen = true;  // transposeToFront: the indexed dims lead
  for (size_t d = 0; d < indices.size(); ++d) {
    if (indices[d]) {
      seen = true;
    } else {
      (seen ? after : before).push_back(self.sizes[d]);
    }
  }
  std::vector<Expr> sizes = before;
  sizes.insert(sizes.end(), replacement.begin(), replacement.end());
  sizes.insert(sizes.end(), after.begin(), after.end());
  return Value::tensor(new_tensor(ctx, std::move(sizes), self.dtype, self.device));
}

// index_select(self, dim, index): dim's size becomes index.numel().
Value index_select(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const auto dim = static_cast<size_t>(wrap_dim(ctx, ctx.int_value(1, "dim"), self.dim()));
  const FakeTensor& index = ctx.tensor(2, "index");
  if (index.dim() > 1) ctx.fail("index_select(): Index is supposed to be a vector");
  if (index.dtype != ScalarType::I64 && index.dtype != ScalarType::I32) {
    ctx.fail("index_select(): Expected dtype int32 or int64 for index");
  }
  std::vector<Expr> sizes = self.sizes;
  if (!sizes.empty()) sizes[dim] = numel(index.sizes);
  return Value::tensor(new_tensor(ctx, std::move(sizes), self.dtype, self.device));
}

// ensure_nonempty_size: a 0-d tensor counts as one element.
Expr nonempty_size(const FakeTensor& t, size_t d) { return t.dim() == 0 ? integer(1) : t.sizes[d]; }

// gather(self, dim, index, sparse_grad=False) -> index.shape
Value gather(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const auto dim = static_cast<size_t>(wrap_dim(ctx, ctx.int_value(1, "dim"), self.dim()));
  const FakeTensor& index = ctx.tensor(2, "index");
  if (!ctx.evaluate(eq(numel(index.sizes), integer(0)), "gather: is the index empty?")) {
    if (index.dtype != ScalarType::I64 && index.dtype != ScalarType::I32) {
      ctx.fail("gather(): Expected dtype int32/int64 for index");
    }
    const size_t dims = std::max<size_t>(self.dim(), 1);
    if (std::max<size_t>(index.dim(), 1) != dims) {
      ctx.fail("Index tensor must have the same number of dimensions as input tensor");
    }
    for (size_t i = 0; i < dims; ++i) {
      if (i == dim) continue;
      ctx.check(le(nonempty_size(index, i), nonempty_size(self, i)),
                  "Size does not match at dimension " + std::to_string(i) +
                      ": index may not be larger than self except at dim");
    }
  }
  return Value::tensor(new_tensor(ctx, index.sizes, self.dtype, self.device));
}

// scatter / scatter_add / scatter_reduce(self, dim, index, src|value, ...):
// scatter_shape_check, then new_empty(self.shape).
Value scatter(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const auto dim = static_cast<size_t>(wrap_dim(ctx, ctx.int_value(1, "dim"), self.dim()));
  const FakeTensor& index = ctx.tensor(2, "index");
  if (!ctx.evaluate(eq(numel(index.sizes), integer(0)), "scatter: is the index empty?")) {
    const size_t dims = std::max<size_t>(self.dim(), 1);
    if (std::max<size_t>(index.dim(), 1) != dims) {
      ctx.fail("Index tensor must have the same number of dimensions as self tensor");
    }
    const Value src = ctx.value(3, "src");
    for (size_t i = 0; i < dims; ++i) {
      const Expr n = nonempty_size(index, i);
      if (i != dim) ctx.check(le(n, nonempty_size(self, i)), "scatter: index larger than self apart from dim");
      if (src.is(Value::Kind::Tensor)) {
        ctx.check(le(n, nonempty_size(src.as_tensor(), i)), "scatter: index larger than src");
      }
    }
  }
  return Value::tensor(new_tensor(ctx, self.sizes, self.dtype, self.device));
}

// slice_scatter / select_scatter: clone_preserve_strides(self), which keeps
// sizes, strides and storage offset (an as_strided of a cloned buffer).
Value clone_preserve_strides(OpContext& ctx) { return Value::tensor(ctx.tensor(0, "self")); }

}  // namespace

void register_indexing_rules(OpRegistry& r) {
  r.add("aten.index", index_tensor);
  r.add("aten._unsafe_index", index_tensor);
  r.add("aten.index_select", index_select);
  r.add("aten.gather", gather);
  r.add("aten.scatter", scatter);
  r.add("aten.scatter_add", scatter);
  r.add("aten.scatter_reduce", scatter);
  r.add("aten.slice_scatter", clone_preserve_strides);
  r.add("aten.select_scatter", clone_preserve_strides);
}

}  // namespace symshape::tracer
