// The allocator of the engine's roster-sized arrays (engine/huge_pages.h): large blocks start on a
// 2 MiB boundary and hold what is written to them, small ones come from the usual heap, and a
// vector grows, copies and shrinks across the boundary between the two.
#include "engine/huge_pages.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <numeric>

using namespace lockstep::engine;

TEST_CASE("huge pages: a block of 2 MiB or more is aligned to 2 MiB and starts zeroed") {
  HugePageAllocator<std::uint32_t> a;
  const std::size_t n = kHugePageBytes / sizeof(std::uint32_t) + 3;  // just past one page
  std::uint32_t* p = a.allocate(n);
  CHECK(reinterpret_cast<std::uintptr_t>(p) % kHugePageBytes == 0);
  CHECK(p[0] == 0);
  CHECK(p[n - 1] == 0);
  for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<std::uint32_t>(i * 7);
  CHECK(p[n - 1] == (n - 1) * 7);
  a.deallocate(p, n);
}

TEST_CASE("huge pages: a roster vector keeps its contents across the 2 MiB boundary") {
  RosterVector<std::uint64_t> v(16);
  std::iota(v.begin(), v.end(), 1);
  v.resize(kHugePageBytes / sizeof(std::uint64_t) * 3, 5);  // from the heap to huge pages
  CHECK(v[0] == 1);
  CHECK(v[15] == 16);
  CHECK(v[16] == 5);
  CHECK(v.back() == 5);
  RosterVector<std::uint64_t> copy = v;
  CHECK(copy == v);
  copy.resize(8);
  copy.shrink_to_fit();  // back to the heap
  CHECK(copy[7] == 8);
  CHECK(v.size() == kHugePageBytes / sizeof(std::uint64_t) * 3);
}

TEST_CASE("huge pages: a count whose bytes overflow is refused, not wrapped") {
  HugePageAllocator<std::uint64_t> a;
  CHECK_THROWS_AS((void)a.allocate(static_cast<std::size_t>(-1) / 4), std::bad_array_new_length);
}
