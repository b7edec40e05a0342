// libFuzzer target: util/json_sax_parser.hpp against nlohmann's parser on arbitrary bytes.
// Both must accept the same texts with the same events (the snapshot reader relies on
// it); the one difference allowed is a NUL byte, where nlohmann stops reading and ours
// refuses. A mismatch, a crash or a sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "tests/support/json_events.hpp"
#include "util/json_sax_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ssmlink::testing::JsonEvents ours;
  bool ours_ok = ssmlink::parse_json_sax(text, ours).ok;
  ssmlink::testing::JsonEvents theirs;
  nlohmann::json::sax_parse(text.begin(), text.end(), &theirs);
  bool theirs_ok = !theirs.failed;
  bool has_nul = text.find('\0') != std::string_view::npos;
  if (ours_ok && !theirs_ok) std::abort();
  if (!ours_ok && theirs_ok && !has_nul) std::abort();
  if (ours_ok && theirs_ok && ours.events != theirs.events) std::abort();
  return 0;
}
