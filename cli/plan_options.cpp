#include "cli/plan_options.hpp"

#include "cli/options.hpp"
#include "domain/tags.hpp"

namespace ssmlink::cli {

using domain::ResourceKind;

void add_plan_options(CLI::App& app, PlanOptions& o) {
  app.add_option("--vpc", o.vpc, "the VPC (vpc-...)")->check(id_validator(ResourceKind::Vpc));
  add_repeatable(app, "--subnet", o.subnets, "a subnet for the endpoints, one per AZ")
      ->check(id_validator(ResourceKind::Subnet));
  add_repeatable(app, "--instance-sg", o.instance_sgs,
                 "the instance's security group: it may reach the endpoints on 443")
      ->check(id_validator(ResourceKind::SecurityGroup));
  add_template_choices(app, o);
  app.add_flag("--seed-compatible", o.seed_compatible,
               "the seed template's logical IDs, parameter names and Name tag");
}

void add_template_choices(CLI::App& app, PlanOptions& o) {
  add_repeatable(app, "--source-cidr", o.source_cidrs, "a CIDR block that may reach the endpoints")
      ->check(checked_by([](const std::string& t) { return domain::parse_cidr(t); }, "CIDR"));
  app.add_option("--services", o.services,
                 "endpoints to create: ssm, ssmmessages, ec2messages, kms, logs, s3")
      ->capture_default_str()
      ->check(checked_by([](const std::string& t) { return domain::parse_services(t); }, "LIST"));
  add_repeatable(app, "--route-table", o.route_tables, "a route table for the s3 gateway endpoint")
      ->check(id_validator(ResourceKind::RouteTable));
  app.add_option("--egress", o.egress, "the endpoint security group's egress: none, https, all")
      ->capture_default_str()
      ->check(checked_by([](const std::string& t) { return domain::parse_egress(t); }, "MODE"));
  app.add_flag("--no-private-dns", o.no_private_dns, "create the endpoints without private DNS");
  add_repeatable(app, "--tag", o.tags, "a tag Key=Value for the stack and every resource")
      ->check(checked_by([](const std::string& t) { return domain::parse_tag(t); }, "KEY=VALUE"));
  app.add_option("--name", o.name, "Name tag prefix for the resources (default ssmlink)")
      ->check(checked_by([](const std::string& t) { return domain::parse_name(t); }, "NAME"));
}

domain::Plan PlanOptions::to_plan() const {
  domain::Plan plan;
  plan.vpc = vpc;
  plan.subnets = subnets;
  plan.instance_sgs = instance_sgs;
  for (const auto& cidr : source_cidrs)
    plan.source_cidrs.push_back(*domain::parse_cidr(cidr));
  plan.route_tables = route_tables;
  plan.services = *domain::parse_services(services);
  plan.egress = *domain::parse_egress(egress);
  plan.private_dns = !no_private_dns;
  for (const auto& tag : tags)
    plan.tags.push_back(*domain::parse_tag(tag));
  plan.name = name;
  plan.seed_compatible = seed_compatible;
  return plan;
}

}  // namespace ssmlink::cli
