// Counts heap allocations made through global operator new in this test
// executable (the replacement lives in allocation_counter.cpp), so tests can
// assert that a hot path allocates nothing.
#pragma once

#include <cstddef>

namespace symshape::testing {

size_t allocation_count();

}  // namespace symshape::testing
