// The batch of typical shape expressions that bench_build canonicalizes, one
// per entry, in sympy syntax: every line is valid input for sympy.sympify with
// symbols s0..s9 (Mod, Max, Min, Eq, Ne, And, //), and for symshape's parser.
// `bench_build --print-exprs` prints them one per line for the sympy side of
// the benchmark, so both sides time exactly the same batch.
//
// The mix mirrors what PyTorch's ShapeEnv builds while tracing: numel
// products, contiguous strides, convolution/pooling output sizes
// (in + 2*pad - kernel)//stride + 1, divisibility and equality guards,
// clamps, and the simplifications from issue 2.
#pragma once

#include <array>
#include <string_view>

namespace symshape::bench {

inline constexpr std::array<std::string_view, 24> kTypicalExprs = {
    "s0*s1*s2*s3",                       // numel of a 4-d tensor
    "s1*s2*s3",                          // stride(0) of a contiguous 4-d tensor
    "s2*s3",                             // stride(1)
    "(s2 + 2*1 - 3)//2 + 1",             // conv2d output: pad 1, kernel 3, stride 2
    "(s3 - 1)//2 + 1",                   // pooling, kernel 1, stride 2
    "((s2 - 3)//2 + 1 - 3)//2 + 1",      // two stacked convolutions
    "-((-s1)//4)",                       // CeilDiv(s1, 4)
    "Eq(Mod(s0, 8), 0)",                 // alignment guard
    "Ne(Mod(s0*s1, 64), 0)",             // alignment of a product
    "Eq(s0*s1, 64*s2)",                  // reshape/view compatibility
    "Eq(s0*s1*s2, s3*s4)",               // flatten compatibility
    "s0 >= 2",                           // 0/1 specialization
    "2*s0 >= 4",                         // same guard, scaled
    "s0 < 2*s1",                         // bounds check
    "Eq(2*(s0//2), s0)",                 // evenness written with floor division
    "Max(1, s0)",                        // clamp
    "Max(1, s0*s1)",                     // clamp of a product
    "Min(s0, 1024)*s1",                  // clamped size times size
    "(s0*s1 + 3*s0)//s0",                // issue 2 example
    "Mod(Mod(s0, 8), 4)",                // issue 2 example
    "(s0//2)//4",                        // issue 2 example
    "s0 + s1 - s0",                      // issue 2 example
    "Mod(4*s0 + 2, 2)",                  // issue 2 example
    "And(s0 >= 2, Ne(s1, 1))",           // a conjunction of guards
};

}  // namespace symshape::bench
