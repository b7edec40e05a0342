#include "emulator/assembly.hpp"

#include <memory>

#include "emulator/cloudformation/cfn_engine.hpp"
#include "emulator/cloudformation/cfn_resources.hpp"
#include "emulator/cloudformation/cloudformation_api.hpp"
#include "emulator/cloudformation/stack_engines.hpp"
#include "emulator/cloudformation/stack_set_api.hpp"
#include "emulator/cloudformation/stack_sets.hpp"
#include "emulator/ec2/ec2_api.hpp"
#include "emulator/scenario.hpp"
#include "emulator/ssm/session_api.hpp"
#include "emulator/ssm/ssm_api.hpp"
#include "emulator/world_dump.hpp"

namespace ssmlink::emulator {

namespace {

// Every account's stack engine and the stack sets that deploy through them, kept alive
// together; the stack sets stop first, as they reach into the engines.
struct CloudFormationService {
  std::unique_ptr<StackEngines> engines;
  std::unique_ptr<StackSets> stack_sets;
  ~CloudFormationService() {
    if (stack_sets) stack_sets->stop();
    if (engines) engines->stop();
  }
};

}  // namespace

EmulatorParts complete_emulator() {
  // Loads run with the world's mutex held; they reach the engine (made later, when the
  // services attach) through this shared slot.
  auto service = std::make_shared<std::shared_ptr<CloudFormationService>>();
  auto forget_stacks = [service] {
    if (!*service) return;
    if ((*service)->stack_sets) (*service)->stack_sets->reset();
    if ((*service)->engines) (*service)->engines->reset();
  };
  EmulatorParts parts;
  parts.load_scenario_file = [forget_stacks](World& world, const std::string& path) {
    load_scenario_file(world, path);
    forget_stacks();
  };
  parts.load_scenario = [forget_stacks](World& world, const nlohmann::json& scenario) {
    load_scenario(world, scenario);
    forget_stacks();
  };
  parts.dump_world = [](World& world) { return dump_world(world); };
  parts.sessions = std::make_shared<sessions::SessionRegistry>();
  parts.attach_services = [service, registry = parts.sessions](
                              World& world, ApiTable& api) -> std::shared_ptr<void> {
    add_ec2_api(api);
    add_ssm_api(api);
    add_session_api(api, registry);
    auto cloudformation = std::make_shared<CloudFormationService>();
    cloudformation->engines = std::make_unique<StackEngines>(world);
    cloudformation->engines->start();
    cloudformation->stack_sets = std::make_unique<StackSets>(world, *cloudformation->engines);
    cloudformation->stack_sets->start();
    add_cloudformation_api(api, *cloudformation->engines);
    add_stack_set_api(api, *cloudformation->stack_sets);
    *service = cloudformation;
    return cloudformation;
  };
  return parts;
}

}  // namespace ssmlink::emulator
