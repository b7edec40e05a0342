#include "emulator/ssm/versions.hpp"

#include <charconv>
#include <vector>

namespace ssmlink::emulator {

namespace {

std::vector<long long> parts(std::string_view version) {
  std::vector<long long> numbers;
  while (!version.empty()) {
    size_t dot = version.find('.');
    std::string_view part = version.substr(0, dot);
    long long value = 0;
    std::from_chars(part.data(), part.data() + part.size(), value);
    numbers.push_back(value);
    if (dot == std::string_view::npos) break;
    version.remove_prefix(dot + 1);
  }
  return numbers;
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
  auto x = parts(a), y = parts(b);
  for (size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
    long long p = i < x.size() ? x[i] : 0, q = i < y.size() ? y[i] : 0;
    if (p != q) return p < q ? -1 : 1;
  }
  return 0;
}

bool is_agent_version(std::string_view version) {
  int count = 0;
  while (true) {
    size_t dot = version.find('.');
    std::string_view part = version.substr(0, dot);
    if (part.empty() || part.size() > 9) return false;
    for (char c : part) {
      if (c < '0' || c > '9') return false;
    }
    ++count;
    if (dot == std::string_view::npos) break;
    version.remove_prefix(dot + 1);
  }
  return count == 4;
}

}  // namespace ssmlink::emulator
