#include "emulator/assembly.hpp"

#include <memory>

#include "emulator/cloudformation/cfn_engine.hpp"
#include "emulator/cloudformation/cfn_resources.hpp"
#include "emulator/cloudformation/cloudformation_api.hpp"
#include "emulator/ec2/ec2_api.hpp"
#include "emulator/scenario.hpp"
#include "emulator/ssm/session_api.hpp"
#include "emulator/ssm/ssm_api.hpp"
#include "emulator/world_dump.hpp"

namespace ssmlink::emulator {

namespace {

// The engine and what it provisions with, kept alive together.
struct CloudFormationService {
  std::unique_ptr<ResourceProvisioner> provisioner;
  std::unique_ptr<StackEngine> engine;
  ~CloudFormationService() {
    if (engine) engine->stop();
  }
};

}  // namespace

EmulatorParts complete_emulator() {
  // Loads run with the world's mutex held; they reach the engine (made later, when the
  // services attach) through this shared slot.
  auto service = std::make_shared<std::shared_ptr<CloudFormationService>>();
  auto forget_stacks = [service] {
    if (*service && (*service)->engine) (*service)->engine->reset();
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
    cloudformation->provisioner = make_ec2_provisioner(world);
    cloudformation->engine = std::make_unique<StackEngine>(world, *cloudformation->provisioner);
    cloudformation->engine->start();
    add_cloudformation_api(api, *cloudformation->engine);
    *service = cloudformation;
    return cloudformation;
  };
  return parts;
}

}  // namespace ssmlink::emulator
