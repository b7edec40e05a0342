// Where the tests find the repository's files and the built executables.
#pragma once
#include <string>

namespace ssmlink::testing {

inline std::string source_path(const std::string& relative) {
  return std::string(SSMLINK_SOURCE_DIR) + "/" + relative;
}
inline std::string binary_path(const std::string& relative) {
  return std::string(SSMLINK_BINARY_DIR) + "/" + relative;
}

}  // namespace ssmlink::testing
