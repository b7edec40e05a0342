// libFuzzer target: parse_snapshot on arbitrary bytes. It may refuse any input with an
// error; it must never crash, and what it accepts must write back to a snapshot that reads
// the same and writes the same bytes again.
//
// Not built by fuzz/CMakeLists.txt: it needs domain/, whose Result is GCC 12's
// std::expected, which clang 14 cannot compile. It compiles with g++ (checked by hand:
// g++ -std=c++23 -fsyntax-only -I. -Ibuild/generated fuzz/snapshot_fuzz.cpp); build it
// with clang once clang reads <expected>. json_sax_fuzz covers the parser under it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ssmlink::domain;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto snapshot = parse_snapshot(text);
  if (!snapshot) {
    if (snapshot.error().message.empty()) std::abort();
    return 0;
  }
  std::string written = to_snapshot_json(snapshot->inventory, snapshot->info);
  auto again = parse_snapshot(written);
  if (!again) std::abort();
  if (to_snapshot_json(again->inventory, again->info) != written) std::abort();
  return 0;
}
