#include "cli/target_options.hpp"

#include "cli/options.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::cli {

using domain::ResourceKind;

void add_target_options(CLI::App& app, TargetOptions& o, bool with_all) {
  app.add_option("--instance", o.instance, "the instance to reach (i-...)")
      ->check(id_validator(ResourceKind::Instance));
  app.add_option("--vpc", o.vpc, "a VPC instead of an instance (vpc-...)")
      ->check(id_validator(ResourceKind::Vpc));
  add_repeatable(app, "--subnet", o.subnets, "a subnet for the endpoints (default: the instance's)")
      ->check(id_validator(ResourceKind::Subnet));
  add_repeatable(app, "--instance-sg", o.instance_sgs,
                 "the instance's security group (default: the instance's groups)")
      ->check(id_validator(ResourceKind::SecurityGroup));
  if (with_all) app.add_flag("--all", o.all, "every instance in the region (or the snapshot)");
}

workflows::InventoryRequest TargetOptions::to_request(bool allow_all, bool required) const {
  int given = (instance ? 1 : 0) + (vpc ? 1 : 0) + (all ? 1 : 0);
  std::string choices =
      allow_all ? "--instance i-..., --vpc vpc-... or --all" : "--instance i-... or --vpc vpc-...";
  if (given > 1) throw workflows::UsageError("give only one of " + choices);
  if (given == 0 && required) throw workflows::UsageError("say what to check: " + choices);
  return {instance, vpc, all};
}

}  // namespace ssmlink::cli
