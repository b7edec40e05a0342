// Which instance or VPC a command looks at: --instance, or --vpc with --subnet and
// --instance-sg, or --all (doctor and snapshot; up uses the first two).
#pragma once
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "workflows/inventory.hpp"

namespace ssmlink::cli {

struct TargetOptions {
  std::optional<std::string> instance;
  std::optional<std::string> vpc;
  std::vector<std::string> subnets;
  std::vector<std::string> instance_sgs;
  bool all = false;

  // Throws UsageError unless exactly one of --instance, --vpc and (if allowed) --all is
  // given; `required` false lets none through (a snapshot names its own target).
  workflows::InventoryRequest to_request(bool allow_all, bool required) const;
};

void add_target_options(CLI::App& app, TargetOptions& options, bool with_all);

}  // namespace ssmlink::cli
