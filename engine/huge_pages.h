// Arrays sized by the roster (per member, per unit) in 2 MiB pages where the system offers them.
//
// Why: the engine's per-member rows are read in member order, but its per-unit rows are not: a
// member looked after by another branch, or a branch's organization, is anywhere in the unit
// arrays. On a virtual machine a TLB miss walks two page tables, so in 4 KiB pages the cost of a
// replay depends on where the process's pages happen to land; huge pages make it steady
// (docs/performance.md, "What bounds each figure", has the figures).
//
// HugePageAllocator gives blocks of at least kHugePageBytes aligned to that size, fresh from the
// system, and advised as huge pages before anything touches them (advice given after the first
// touch only helps once the kernel's background collapsing gets to them). Smaller blocks come from
// std::allocator. Where there is no such advice, large blocks are plain aligned memory.
//
// Invariant: deallocate(p, n) sees the n that allocate(n) returned p for (the standard's rule),
// so the size alone says which of the two a block came from.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace lockstep::engine {

inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

// A block of `bytes` (a multiple of kHugePageBytes) aligned to kHugePageBytes, zero-filled and
// untouched, advised as huge pages; throws std::bad_alloc when the system has none to give.
void* allocate_huge(std::size_t bytes);
void free_huge(void* p, std::size_t bytes) noexcept;

template <class T>
struct HugePageAllocator {
  using value_type = T;

  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}  // NOLINT: rebinding is implicit

  T* allocate(std::size_t n) {
    if (n > max_count()) throw std::bad_array_new_length();
    if (n * sizeof(T) < kHugePageBytes) return std::allocator<T>{}.allocate(n);
    return static_cast<T*>(allocate_huge(rounded(n)));
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n * sizeof(T) < kHugePageBytes)
      std::allocator<T>{}.deallocate(p, n);
    else
      free_huge(p, rounded(n));
  }

  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }
  friend bool operator!=(const HugePageAllocator&, const HugePageAllocator&) { return false; }

 private:
  static constexpr std::size_t max_count() {
    return (static_cast<std::size_t>(-1) - kHugePageBytes) / sizeof(T);
  }
  static std::size_t rounded(std::size_t n) {
    return (n * sizeof(T) + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  }
};

// The engine's arrays with a row per member or per unit.
template <class T>
using RosterVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace lockstep::engine
