// ProductForm: an integer expression seen as `coeff * prod(base_i ** exp_i)`,
// where a sum factor is split into its content (gcd and sign of its
// coefficients) and a primitive sum. Mul/Pow build from it, and FloorDiv/Mod
// use it to divide a term exactly by a symbolic divisor.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "symshape/symbolic/expr.hpp"

namespace symshape::detail {

struct Factor {
  Expr base;
  int64_t exp;  // >= 1
};

struct ProductForm {
  int64_t coeff = 1;
  // After `normalize_product`: sorted by `compare(base)`, bases distinct.
  boost::container::small_vector<Factor, 6> factors;
};

// A canonical sum as content * primitive sum: the primitive sum's coefficients
// (constant included) have gcd 1 and its first term is positive.
struct SumContent {
  int64_t content;
  Expr primitive;
};
SumContent sum_content(Expr sum);

// product *= e ** exp for a canonical integer expression e (checked).
void append_power(ProductForm& p, Expr e, int64_t exp);
void normalize_product(ProductForm& p);
ProductForm product_form(Expr e);  // normalized
// The canonical expression for a product (distributing a constant over a single sum).
Expr build_product(ProductForm p);

// term / divisor when the divisor's product form divides the term's exactly
// (coefficient divisible, every divisor factor present with at least its
// exponent); otherwise nullopt. `divisor` is canonical, non-constant.
std::optional<Expr> exact_quotient(Expr term, const ProductForm& divisor);

}  // namespace symshape::detail
