// The template options shared by `template` and `up`: they describe a Plan.
#pragma once
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/plan.hpp"

namespace ssmlink::cli {

struct PlanOptions {
  std::optional<std::string> vpc;
  std::vector<std::string> subnets;
  std::vector<std::string> instance_sgs;
  std::vector<std::string> source_cidrs;
  std::vector<std::string> route_tables;
  std::string services = "ssm,ssmmessages,ec2messages";
  std::string egress = "none";
  bool no_private_dns = false;
  std::vector<std::string> tags;
  std::optional<std::string> name;
  bool seed_compatible = false;

  // The Plan these options describe; every value was validated while parsing.
  domain::Plan to_plan() const;
};

// Registers --vpc, --subnet, --instance-sg, --source-cidr, --services, --route-table,
// --egress, --no-private-dns, --tag, --name and --seed-compatible.
void add_plan_options(CLI::App& app, PlanOptions& options);
// The choices alone (up takes its IDs from its target): --source-cidr, --services,
// --route-table, --egress, --no-private-dns, --tag and --name.
void add_template_choices(CLI::App& app, PlanOptions& options);

}  // namespace ssmlink::cli
