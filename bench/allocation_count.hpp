// Counts heap allocations by replacing the global operator new: include it in exactly one
// file of a benchmark executable. Only a thread that sets counting_allocations counts, so
// server threads in the same process do not blur the client's numbers.
#pragma once
#include <atomic>
#include <cstdlib>
#include <new>

inline std::atomic<long> allocation_count{0};
inline thread_local bool counting_allocations = false;

void* operator new(std::size_t size) {
  if (counting_allocations) allocation_count.fetch_add(1, std::memory_order_relaxed);
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
// GCC takes free() on operator new's pointer for a mismatch where it inlines these,
// not knowing that both are replaced.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* memory) noexcept {
  std::free(memory);
}
void operator delete(void* memory, std::size_t) noexcept {
  std::free(memory);
}
