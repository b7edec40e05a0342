#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/region.hpp"
#include "cli/render_cost.hpp"
#include "domain/services.hpp"
#include "workflows/cost.hpp"

namespace ssmlink::cli {

namespace {
CLI::Validator number_at_least(double minimum, bool allowed, std::string expected) {
  return checked_by(
      [=](const std::string& text) { return parse_number(text, minimum, allowed, expected); },
      "NUMBER");
}
}  // namespace

Action register_cost(CLI::App& app, Context& context) {
  struct Options {
    std::string hours = "730", gb = "10", azs = "1", nat_gateways = "1";
    std::string services = "ssm,ssmmessages,ec2messages";
    std::optional<std::string> endpoint_hour, endpoint_gb, nat_hour, nat_gb, ipv4_hour;
  };
  auto o = std::make_shared<Options>();
  CLI::App* command =
      app.add_subcommand("cost", "endpoints vs NAT gateway for a region, hours, GB and AZ count");
  command->add_option("--hours", o->hours, "period in hours (730 = a month)")
      ->capture_default_str()
      ->check(number_at_least(0, false, "a number of hours above 0 (e.g. 730)"));
  command->add_option("--gb", o->gb, "GB processed in the period")
      ->capture_default_str()
      ->check(number_at_least(0, true, "a number of GB, 0 or more (e.g. 100)"));
  command->add_option("--azs", o->azs, "Availability Zones (subnets) per endpoint")
      ->capture_default_str()
      ->check(checked_by([](const std::string& t) { return parse_count(t, 1, 32); }, "N"));
  command->add_option("--services", o->services, "endpoints, as for template")
      ->capture_default_str()
      ->check(checked_by([](const std::string& t) { return domain::parse_services(t); }, "LIST"));
  command->add_option("--nat-gateways", o->nat_gateways, "NAT gateways compared against")
      ->capture_default_str()
      ->check(checked_by([](const std::string& t) { return parse_count(t, 1, 32); }, "N"));
  auto price = [&](const char* name, std::optional<std::string>& into, const char* help) {
    command->add_option(name, into, help)
        ->check(number_at_least(0, true, "a price in USD, 0 or more"))
        ->group("Prices (override data/pricing.json)");
  };
  price("--price-endpoint-hour", o->endpoint_hour, "USD per interface endpoint per AZ per hour");
  price("--price-endpoint-gb", o->endpoint_gb, "USD per GB through interface endpoints (flat)");
  price("--price-nat-hour", o->nat_hour, "USD per NAT gateway hour");
  price("--price-nat-gb", o->nat_gb, "USD per GB through a NAT gateway");
  price("--price-ipv4-hour", o->ipv4_hour, "USD per public IPv4 address hour");
  add_global_options(*command, context.global);
  command->footer(R"(Examples:
  ssmlink cost --region ap-northeast-1 --gb 100
  ssmlink cost --region eu-west-1 --gb 200 --azs 2 --output json
  ssmlink cost --region me-central-1 --price-endpoint-hour 0.013 --price-nat-hour 0.056 \
      --price-nat-gb 0.056)");

  return [&context, o]() {
    auto number = [](const std::string& text) { return *parse_number(text, -1, true, ""); };
    auto optional_number = [&](const std::optional<std::string>& text) {
      return text ? std::optional(number(*text)) : std::nullopt;
    };
    workflows::CostRequest request;
    request.region = require_region(context);
    request.input.hours = number(o->hours);
    request.input.gb = number(o->gb);
    request.input.azs = *parse_count(o->azs, 1, 32);
    request.input.nat_gateways = *parse_count(o->nat_gateways, 1, 32);
    int interfaces = 0;
    const auto services = *domain::parse_services(o->services);
    for (auto service : services) {
      if (domain::info(service).type == domain::EndpointType::Interface) ++interfaces;
    }
    request.input.interface_endpoints = interfaces;
    request.overrides = {optional_number(o->endpoint_hour), optional_number(o->nat_hour),
                         optional_number(o->nat_gb), optional_number(o->ipv4_hour),
                         optional_number(o->endpoint_gb)};
    auto report = workflows::run_cost(request);
    if (context.global.format() == OutputFormat::Json) {
      context.out << cost_json(report).dump(2) << "\n";
    } else {
      context.out << cost_text(report);
    }
    return 0;
  };
}

}  // namespace ssmlink::cli
