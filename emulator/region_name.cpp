#include "emulator/region_name.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "util/strings.hpp"

namespace ssmlink::emulator {

bool is_region_name(std::string_view name) {
  std::vector<std::string> parts = split(name, '-');
  auto all_of = [](const std::string& part, int (*predicate)(int)) {
    return !part.empty() && std::all_of(part.begin(), part.end(), [&](char c) {
      return predicate(static_cast<unsigned char>(c)) != 0;
    });
  };
  if (parts.size() < 3 || parts[0].size() < 2 || parts[0].size() > 4) return false;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (!all_of(parts[i], std::islower)) return false;
  }
  return all_of(parts.back(), std::isdigit);
}

}  // namespace ssmlink::emulator
