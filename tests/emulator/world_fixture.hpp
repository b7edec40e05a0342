// Shared by the world part's emulator tests: a World loaded from a shipped scenario at a
// fixed time, requests built as the server would build them, and XML answers read back.
#pragma once
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <string>

#include "emulator/api.hpp"
#include "emulator/ec2/ec2_api.hpp"
#include "emulator/scenario.hpp"
#include "emulator/ssm/ssm_api.hpp"
#include "emulator/world.hpp"
#include "tests/emulator/scenario_ids.hpp"

namespace ssmlink::emulator::testing {

// 2024-06-01T00:00:00Z: every test runs at an explicit time, never the clock.
inline const TimePoint kT0 = TimePoint{} + std::chrono::seconds(1717200000);

inline constexpr const char* kDefaultGroup = "sg-0d0e0f1a2b3c4d5e6";
inline constexpr const char* kEndpointGroup = "sg-0e1d2c3b4a5968701";
inline constexpr const char* kAcl = "acl-0a1b2c3d4e5f6a7b8";
inline constexpr const char* kMainTable = "rtb-0a1b2c3d4e5f6a7b8";

inline std::unique_ptr<World> scenario_world(const std::string& name, TimePoint now = kT0) {
  auto world = std::make_unique<World>();
  world->timings.provision = std::chrono::milliseconds(300);
  world->timings.online_delay = std::chrono::milliseconds(500);
  world->timings.connection_lost_delay = std::chrono::milliseconds(500);
  load_scenario(*world, builtin_scenario(name), now);
  return world;
}

inline ApiTable world_api() {
  ApiTable table;
  add_ec2_api(table);
  add_ssm_api(table);
  return table;
}

inline ApiRequest ec2_request(const std::string& action,
                              std::map<std::string, std::string> params = {}, TimePoint now = kT0) {
  ApiRequest request;
  request.service = "ec2";
  request.action = action;
  request.region = "us-east-1";
  params["Action"] = action;
  params["Version"] = "2016-11-15";
  request.params = std::move(params);
  request.access_key_id = "test";
  request.request_id = "11111111-2222-4333-8444-555555555555";
  request.now = now;
  return request;
}

inline ApiRequest ssm_request(const std::string& action, nlohmann::json body, TimePoint now = kT0) {
  ApiRequest request;
  request.service = "ssm";
  request.action = action;
  request.region = "us-east-1";
  request.body = std::move(body);
  request.access_key_id = "test";
  request.request_id = "11111111-2222-4333-8444-555555555555";
  request.now = now;
  return request;
}

inline ApiResponse call(World& world, const ApiRequest& request) {
  static const ApiTable table = world_api();
  return table.at(request.service).at(request.action)(world, request);
}

// The error a call fails with, as code + ": " + message (empty when it succeeds).
inline std::string call_error(World& world, const ApiRequest& request) {
  try {
    call(world, request);
  } catch (const ApiError& error) {
    return error.code + ": " + error.what();
  }
  return "";
}

struct Xml {
  pugi::xml_document document;
  pugi::xml_node root() const { return document.document_element(); }
};

inline std::unique_ptr<Xml> parse_xml(const std::string& text) {
  auto xml = std::make_unique<Xml>();
  auto result = xml->document.load_string(text.c_str());
  EXPECT_TRUE(result) << result.description() << "\n" << text;
  return xml;
}

// The text of a path like "vpcSet/item/vpcId" under a node.
inline std::string text_at(pugi::xml_node node, const std::string& path) {
  return node.first_element_by_path(path.c_str()).text().as_string();
}

inline size_t count_children(pugi::xml_node node, const char* name = "item") {
  size_t n = 0;
  for (auto child : node.children(name)) {
    (void)child;
    ++n;
  }
  return n;
}

}  // namespace ssmlink::emulator::testing
