// splitmix64: a fast, well-mixed 64-bit hash of a counter or a tuple (Steele, Lea and
// Flood, 2014). For IDs and plans that must not depend on a shared generator's state.
#pragma once
#include <cstdint>

namespace ssmlink {

inline uint64_t splitmix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace ssmlink
