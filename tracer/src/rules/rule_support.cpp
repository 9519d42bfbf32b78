#include "rules/rule_support.hpp"

#include <string>
#include <utility>

#include "symshape/symbolic/print.hpp"

namespace symshape::tracer {

int64_t wrap_dim(const OpContext& ctx, int64_t dim, size_t rank) {
  const int64_t r = rank == 0 ? 1 : static_cast<int64_t>(rank);
  if (dim < -r || dim >= r)
    ctx.fail("dimension out of range (expected to be in range of [" + std::to_string(-r) + ", " +
             std::to_string(r - 1) + "], but got " + std::to_string(dim) + ")");
  return dim < 0 ? dim + r : dim;
}

std::vector<int64_t> wrap_dims(const OpContext& ctx, std::span<const int64_t> dims, size_t rank) {
  std::vector<int64_t> out;
  for (int64_t d : dims) {
    const int64_t w = wrap_dim(ctx, d, rank);
    for (int64_t seen : out)
      if (seen == w) ctx.fail("dim " + std::to_string(w) + " appears multiple times in the list of dims");
    out.push_back(w);
  }
  return out;
}

Expr numel(std::span<const Expr> sizes) {
  Expr p = integer(1);
  for (Expr s : sizes) p = mul(p, s);
  return p;
}

std::vector<Expr> broadcast_shapes(OpContext& ctx, std::span<const Expr> a, std::span<const Expr> b) {
  const size_t ndim = std::max(a.size(), b.size());
  std::vector<Expr> out(ndim);
  for (size_t i = ndim; i-- > 0;) {
    const size_t offset = ndim - 1 - i;
    const Expr size_a = offset < a.size() ? a[a.size() - 1 - offset] : integer(1);
    const Expr size_b = offset < b.size() ? b[b.size() - 1 - offset] : integer(1);
    // Broadcasting is tested before equality, as infer_size does: those tests
    // are usually decided statically, equality then becomes a check.
    const bool a_one = ctx.guard_or_false(eq(size_a, integer(1)), "broadcast: is the size 1");
    if (!a_one && !ctx.guard_or_false(eq(size_b, integer(1)), "broadcast: is the size 1")) {
      if (ctx.has_unbacked(eq(size_a, size_b))) {
        ctx.expect_true(eq(size_a, size_b), "broadcast: sizes must match");
      } else if (!ctx.evaluate(eq(size_a, size_b), "broadcast: sizes must match")) {
        ctx.fail("the size of tensor a (" + to_sympy(size_a) + ") must match the size of tensor b (" +
                 to_sympy(size_b) + ") at non-singleton dimension " + std::to_string(i));
      }
    }
    out[i] = a_one ? size_b : size_a;
  }
  return out;
}

FakeTensor new_tensor(OpContext& ctx, std::vector<Expr> sizes, ScalarType dtype, Device device, MemoryFormat format) {
  FakeTensor t;
  t.dtype = dtype;
  t.device = std::move(device);
  t.strides = strides_for(ctx, format, sizes);
  t.sizes = std::move(sizes);
  t.storage_offset = integer(0);
  return t;
}

FakeTensor view_of(const FakeTensor& base, std::vector<Expr> sizes, std::vector<Expr> strides, Expr storage_offset) {
  FakeTensor t;
  t.dtype = base.dtype;
  t.device = base.device;
  t.sizes = std::move(sizes);
  t.strides = std::move(strides);
  t.storage_offset = storage_offset;
  return t;
}

}  // namespace symshape::tracer
