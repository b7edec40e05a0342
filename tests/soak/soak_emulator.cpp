#include "tests/soak/soak_emulator.hpp"

#include <algorithm>
#include <map>
#include <pugixml.hpp>
#include <stdexcept>

#include "tests/support/aws_client.hpp"

namespace ssmlink::soak {

namespace {

std::vector<std::string> emulator_flags(const SoakOptions& options) {
  return {"--provision-ms",   std::to_string(options.provision_ms),
          "--fault-throttle", std::to_string(options.throttle),
          "--fault-5xx",      std::to_string(options.server_errors),
          "--fault-reset",    std::to_string(options.resets),
          "--seed",           std::to_string(options.seed)};
}

// The IDs of one kind of resource in every region of a state dump.
std::set<std::string> ids_in(const nlohmann::json& dump, const std::string& kind) {
  std::set<std::string> ids;
  for (const auto& [name, region] : dump.at("regions").items()) {
    for (const auto& item : region.value(kind, nlohmann::json::array()))
      ids.insert(item.at("id").get<std::string>());
  }
  return ids;
}

std::vector<std::string> not_in(const std::set<std::string>& ids,
                                const std::set<std::string>& initial) {
  std::vector<std::string> extra;
  std::set_difference(ids.begin(), ids.end(), initial.begin(), initial.end(),
                      std::back_inserter(extra));
  return extra;
}

LiveStack stack_of(const pugi::xml_node& member) {
  LiveStack stack{member.child_value("StackId"), member.child_value("StackName"),
                  member.child_value("StackStatus")};
  for (const auto& tag : member.child("Tags").children("member")) {
    std::string key = tag.child_value("Key");
    std::string value = tag.child_value("Value");
    if (key == "ssmlink:vpc") stack.vpc = value;
    if (key == "ssmlink:managed" && value == "true") stack.ssmlink = true;
  }
  return stack;
}

}  // namespace

RequestStats& RequestStats::operator+=(const RequestStats& other) {
  calls += other.calls;
  throttled += other.throttled;
  server_errors += other.server_errors;
  resets += other.resets;
  return *this;
}

std::vector<std::string> WorldState::leftovers() const {
  std::vector<std::string> left;
  for (const auto& stack : stacks)
    left.push_back(stack.name + " (" + stack.status + ")");
  left.insert(left.end(), extra_endpoints.begin(), extra_endpoints.end());
  left.insert(left.end(), extra_security_groups.begin(), extra_security_groups.end());
  return left;
}

std::vector<std::string> WorldState::duplicates() const {
  std::map<std::string, std::vector<std::string>> by_vpc;
  for (const auto& stack : stacks) {
    if (stack.ssmlink) by_vpc[stack.vpc].push_back(stack.id);
  }
  std::vector<std::string> duplicates;
  for (auto& [vpc, ids] : by_vpc) {
    std::sort(ids.begin(), ids.end());
    duplicates.insert(duplicates.end(), ids.begin() + 1, ids.end());
  }
  return duplicates;
}

std::vector<LiveStack> WorldState::ssmlink_stacks(const std::string& vpc) const {
  std::vector<LiveStack> found;
  for (const auto& stack : stacks) {
    if (stack.ssmlink && stack.vpc == vpc) found.push_back(stack);
  }
  return found;
}

SoakEmulator::SoakEmulator(const SoakOptions& options)
    : options_(options), emulator_(emulator_flags(options), options.emulator) {
  set_faults(false);
  nlohmann::json dump = emulator_.admin_get("state");
  initial_endpoints_ = ids_in(dump, "vpcEndpoints");
  initial_security_groups_ = ids_in(dump, "securityGroups");
}

void SoakEmulator::set_faults(bool on) {
  nlohmann::json rates = {{"throttle", on ? options_.throttle : 0.0},
                          {"5xx", on ? options_.server_errors : 0.0},
                          {"reset", on ? options_.resets : 0.0}};
  emulator_.admin_post("faults", rates.dump());
}

void SoakEmulator::clear_requests() {
  emulator_.clear_requests();
}

RequestStats SoakEmulator::request_stats() const {
  RequestStats stats;
  for (const auto& request : emulator_.requests()) {
    ++stats.calls;
    std::string fault = request.value("fault", "");
    stats.throttled += fault == "throttle";
    stats.server_errors += fault == "5xx";
    stats.resets += fault == "reset";
  }
  return stats;
}

std::vector<LiveStack> SoakEmulator::live_stacks() const {
  // Without a name, DescribeStacks lists every stack that is not DELETE_COMPLETE.
  auto reply = testing::send(emulator_.port(),
                             testing::query_call("cloudformation", "DescribeStacks", "2010-05-15"));
  pugi::xml_document xml;
  if (reply.status != 200 || !xml.load_string(reply.body.c_str())) {
    throw std::runtime_error("the emulator's DescribeStacks failed (HTTP " +
                             std::to_string(reply.status) + "): " + reply.transport_error +
                             reply.body.substr(0, 200));
  }
  std::vector<LiveStack> stacks;
  auto members = xml.child("DescribeStacksResponse").child("DescribeStacksResult").child("Stacks");
  for (const auto& member : members.children("member"))
    stacks.push_back(stack_of(member));
  return stacks;
}

WorldState SoakEmulator::state() {
  set_faults(false);
  nlohmann::json dump = emulator_.admin_get("state");
  return {live_stacks(), not_in(ids_in(dump, "vpcEndpoints"), initial_endpoints_),
          not_in(ids_in(dump, "securityGroups"), initial_security_groups_)};
}

void SoakEmulator::reset_world() {
  set_faults(false);
  emulator_.admin_post("reset");
}

}  // namespace ssmlink::soak
