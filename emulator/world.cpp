#include "emulator/world.hpp"

#include <cstdio>
#include <map>

#include "emulator/region_name.hpp"

namespace ssmlink::emulator {

namespace {

// AWS's AZ ID prefix for a region: use1 for us-east-1, apne1 for ap-northeast-1.
std::string az_id_prefix(const std::string& region) {
  static const std::map<std::string, std::string> directions = {
      {"east", "e"},       {"west", "w"},       {"north", "n"},
      {"south", "s"},      {"central", "c"},    {"northeast", "ne"},
      {"northwest", "nw"}, {"southeast", "se"}, {"southwest", "sw"}};
  std::string prefix;
  size_t start = 0;
  while (start <= region.size()) {
    size_t dash = region.find('-', start);
    std::string part =
        region.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
    auto direction = directions.find(part);
    prefix += direction != directions.end() ? direction->second : part;
    if (dash == std::string::npos) break;
    start = dash + 1;
  }
  return prefix;
}

std::vector<EndpointService> default_endpoint_services(const std::string& region,
                                                       const std::vector<std::string>& azs) {
  bool china = region.starts_with("cn-");
  std::string suffix = china ? "amazonaws.com.cn" : "amazonaws.com";
  std::vector<EndpointService> services;
  for (const char* name :
       {"ssm", "ssmmessages", "ec2messages", "kms", "logs", "ec2", "sts", "monitoring", "s3"}) {
    services.push_back({"com.amazonaws." + region + "." + name, "Interface", azs,
                        std::string(name) + "." + region + "." + suffix});
  }
  // S3 is offered as a gateway too; in China under the cn.com.amazonaws prefix.
  services.push_back(
      {(china ? "cn.com.amazonaws." : "com.amazonaws.") + region + ".s3", "Gateway", azs, ""});
  return services;
}

}  // namespace

RegionState& World::region(const std::string& name) {
  auto [it, created] = regions.try_emplace(name);
  RegionState& state = it->second;
  if (created) {
    state.name = name;
    state.availability_zones = {name + "a", name + "b", name + "c"};
    state.endpoint_services = default_endpoint_services(name, state.availability_zones);
  }
  return state;
}

std::string World::new_id(const std::string& prefix) {
  return format_id(prefix, random());
}

std::string format_id(const std::string& prefix, uint64_t value) {
  char digits[18];
  std::snprintf(digits, sizeof digits, "%017llx",
                static_cast<unsigned long long>(value & 0x0fffffffffffffffULL));
  return prefix + "-" + digits;
}

std::string World::new_request_id() {
  uint64_t a = random();
  uint64_t b = random();
  char text[40];
  std::snprintf(text, sizeof text, "%08llx-%04llx-4%03llx-%04llx-%012llx",
                static_cast<unsigned long long>(a >> 32),
                static_cast<unsigned long long>((a >> 16) & 0xffff),
                static_cast<unsigned long long>(a & 0xfff),
                static_cast<unsigned long long>(((b >> 48) & 0x3fff) | 0x8000),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return text;
}

const AccessKey* World::find_key(const std::string& access_key_id) const {
  if (home) return home->find_key(access_key_id);
  for (const auto& key : access_keys) {
    if (key.access_key_id == access_key_id) return &key;
  }
  return nullptr;
}

bool World::region_enabled(const std::string& name) const {
  return !opted_in_regions || !is_opt_in_region(name) || opted_in_regions->contains(name);
}

std::string availability_zone_id(const std::string& region, const std::string& zone) {
  return az_id_prefix(region) + "-az" + std::to_string(zone.back() - 'a' + 1);
}

}  // namespace ssmlink::emulator
