// Shared by the CloudFormation tests: a small account (one VPC with two subnets and the
// instance's security group in us-east-1), the engine with a fake EC2 and short timings,
// and waiting for a stack to settle.
#pragma once
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "emulator/cloudformation/cfn_engine.hpp"
#include "tests/emulator/cfn_fake_provisioner.hpp"
#include "tests/emulator/scenario_ids.hpp"
#include "tests/support/paths.hpp"

namespace ssmlink::emulator::testing {

inline std::string read_file(const std::string& relative) {
  std::ifstream in(ssmlink::testing::source_path(relative), std::ios::binary);
  EXPECT_TRUE(in) << relative;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void add_network(World& world) {
  RegionState& region = world.region(kRegion);
  region.vpcs[kVpc] = Vpc{kVpc, "10.0.0.0/16", true, true, false, {}};
  region.subnets[kSubnetA] =
      Subnet{kSubnetA, kVpc, "us-east-1a", "use1-az1", "10.0.1.0/24", false, {}};
  region.subnets[kSubnetB] =
      Subnet{kSubnetB, kVpc, "us-east-1b", "use1-az2", "10.0.2.0/24", false, {}};
  SecurityGroup group;
  group.id = kInstanceSg;
  group.name = "instance";
  group.vpc_id = kVpc;
  region.security_groups[kInstanceSg] = group;
}

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    add_network(world);
    world.timings.provision = std::chrono::milliseconds(25);
    engine = std::make_unique<StackEngine>(world, provisioner, options);
    engine->start();
  }
  void TearDown() override { engine->stop(); }

  CreateStackInput input(const std::string& name, const std::string& body,
                         std::vector<std::pair<std::string, std::string>> parameters = {}) {
    CreateStackInput in;
    in.region = kRegion;
    in.stack_name = name;
    in.template_body = body;
    in.parameters = std::move(parameters);
    in.client_request_token = "token-" + name;
    return in;
  }

  std::string create(const CreateStackInput& in) {
    std::lock_guard lock(world.mutex);
    return engine->create_stack(in, std::chrono::system_clock::now());
  }

  void remove(const std::string& name_or_id, std::vector<std::string> retain = {},
              const std::string& token = "delete-token") {
    std::lock_guard lock(world.mutex);
    engine->delete_stack(kRegion, name_or_id, retain, token, std::chrono::system_clock::now());
  }

  // Waits (generously) until the stack is no longer in progress; returns its status.
  std::string settle(const std::string& stack_id) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      {
        std::lock_guard lock(world.mutex);
        const Stack* stack = engine->find(kRegion, stack_id);
        if (stack && !is_in_progress(stack->status)) return stack->status;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ADD_FAILURE() << "stack did not settle: " << stack_id;
    return "";
  }

  // A copy of the stack, taken under the lock.
  Stack snapshot(const std::string& stack_id) {
    std::lock_guard lock(world.mutex);
    const Stack* stack = engine->find(kRegion, stack_id);
    EXPECT_NE(stack, nullptr) << stack_id;
    return stack ? *stack : Stack{};
  }

  // "Logical STATUS reason" per event, oldest first (stack events use the stack name).
  std::vector<std::string> event_lines(const std::string& stack_id) {
    std::vector<std::string> lines;
    for (const auto& event : snapshot(stack_id).events) {
      std::string line = event.logical_id + " " + event.status;
      if (!event.reason.empty()) line += " " + event.reason;
      lines.push_back(line);
    }
    return lines;
  }

  World world;
  FakeProvisioner provisioner{world};
  EngineOptions options;
  std::unique_ptr<StackEngine> engine;
};

}  // namespace ssmlink::emulator::testing
