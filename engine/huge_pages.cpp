// Huge-page blocks (huge_pages.h): mmap'd with a page of slack so the block can start on a 2 MiB
// boundary, the slack given back, then advised before the first touch.
#include "engine/huge_pages.h"

#include <new>

#if defined(__linux__)
#include <sys/mman.h>

#include <cstdint>
#endif

namespace lockstep::engine {

#if defined(__linux__)

void* allocate_huge(std::size_t bytes) {
  const std::size_t mapped = bytes + kHugePageBytes;
  void* raw = ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto begin = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = (begin + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  // Give back the slack before and after the aligned block (whole pages: mmap's are 4 KiB).
  if (aligned > begin) ::munmap(raw, aligned - begin);
  const std::uintptr_t end = begin + mapped;
  if (end > aligned + bytes)
    ::munmap(reinterpret_cast<void*>(aligned + bytes), end - aligned - bytes);
  void* block = reinterpret_cast<void*>(aligned);
  // Advice only: where the kernel has no huge pages to give, the block works in small pages.
  (void)::madvise(block, bytes, MADV_HUGEPAGE);
  return block;
}

void free_huge(void* p, std::size_t bytes) noexcept {
  ::munmap(p, bytes);
}

#else

void* allocate_huge(std::size_t bytes) {
  return ::operator new (bytes, std::align_val_t{kHugePageBytes});
}

void free_huge(void* p, std::size_t) noexcept {
  ::operator delete (p, std::align_val_t{kHugePageBytes});
}

#endif

}  // namespace lockstep::engine
