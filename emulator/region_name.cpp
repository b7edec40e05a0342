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

std::string partition_of(std::string_view region) {
  if (region.starts_with("cn-")) return "aws-cn";
  if (region.starts_with("us-gov-")) return "aws-us-gov";
  return "aws";
}

const std::vector<std::string>& partition_regions(std::string_view region) {
  static const std::vector<std::string> china = {"cn-north-1", "cn-northwest-1"};
  static const std::vector<std::string> gov_cloud = {"us-gov-east-1", "us-gov-west-1"};
  static const std::vector<std::string> commercial = {
      "af-south-1",     "ap-east-1",      "ap-east-2",      "ap-northeast-1", "ap-northeast-2",
      "ap-northeast-3", "ap-south-1",     "ap-south-2",     "ap-southeast-1", "ap-southeast-2",
      "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
      "ca-central-1",   "ca-west-1",      "eu-central-1",   "eu-central-2",   "eu-north-1",
      "eu-south-1",     "eu-south-2",     "eu-west-1",      "eu-west-2",      "eu-west-3",
      "il-central-1",   "me-central-1",   "me-south-1",     "mx-central-1",   "sa-east-1",
      "us-east-1",      "us-east-2",      "us-west-1",      "us-west-2"};
  if (region.starts_with("cn-")) return china;
  if (region.starts_with("us-gov-")) return gov_cloud;
  return commercial;
}

bool is_opt_in_region(std::string_view region) {
  // The seventeen regions every commercial account has; China and GovCloud have no opt-in.
  static const std::vector<std::string_view> standing = {
      "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1",
      "ap-southeast-2", "ca-central-1",   "eu-central-1",   "eu-north-1", "eu-west-1",
      "eu-west-2",      "eu-west-3",      "sa-east-1",      "us-east-1",  "us-east-2",
      "us-west-1",      "us-west-2"};
  if (region.starts_with("cn-") || region.starts_with("us-gov-")) return false;
  return std::find(standing.begin(), standing.end(), region) == standing.end();
}

}  // namespace ssmlink::emulator
