#include "cli/render_cost.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "cli/json_number.hpp"

namespace ssmlink::cli {

namespace {

std::string money(double usd) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", usd);
  return buffer;
}

// Up to six decimals, trailing zeros dropped: 0.014, 730, 238.65.
std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6f", value);
  std::string text = buffer;
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

// Label column, then two right-aligned money columns wide enough for their headers.
struct CostTable {
  size_t label_width;
  size_t column_width;

  std::string line(const std::string& label, const std::string& left,
                   const std::string& right) const {
    std::string text = label;
    text.resize(std::max(label_width, label.size()) + 1, ' ');
    text += std::string(column_width - std::min(column_width, left.size()), ' ') + left;
    text += "   " + std::string(column_width - std::min(column_width, right.size()), ' ') + right;
    return text + "\n";
  }
};

std::string verdict(const workflows::CostReport& r) {
  const auto& c = r.comparison;
  double endpoints = c.endpoints.total_usd();
  double nat = c.nat_gateway.total_usd();
  if (std::fabs(endpoints - nat) < 0.005) return "Both cost the same at this volume.\n";
  bool endpoints_win = endpoints < nat;
  std::string winner = endpoints_win ? "Endpoints are" : "The NAT gateway is";
  std::string other = endpoints_win ? "the NAT gateway" : "endpoints";
  std::string text =
      winner + " cheaper by " + money(std::fabs(endpoints - nat)) + " USD at this volume";
  if (!c.breakeven_gb) {
    return text + ", and " + (endpoints_win ? "stay" : "stays") + " cheaper at any volume.\n";
  }
  std::string side = c.input.gb < *c.breakeven_gb ? "above " : "below ";
  return text + "; " + side + number(std::round(*c.breakeven_gb * 100) / 100) + " GB " + other +
         " would be cheaper.\n";
}

}  // namespace

std::string cost_text(const workflows::CostReport& r) {
  const auto& c = r.comparison;
  const auto& in = c.input;
  std::ostringstream out;
  std::string endpoints_head = "endpoints (" + std::to_string(in.interface_endpoints) +
                               (in.azs > 1 ? " x " + std::to_string(in.azs) + " AZs" : "") + ")";
  std::string nat_head = in.nat_gateways > 1 ? std::to_string(in.nat_gateways) + " NAT gateways"
                                             : std::string("NAT gateway");
  std::string title = r.region + ", " + number(c.billed_hours) + " h, " + number(in.gb) +
                      " GB processed, " + std::to_string(in.azs) + " AZ" + (in.azs == 1 ? "" : "s");
  std::string ipv4_label = in.nat_gateways > 1 ? "  public IPv4 for the NAT gateways"
                                               : "  public IPv4 for the NAT gateway";
  CostTable table{std::max(title.size(), ipv4_label.size()),
                  std::max({endpoints_head.size(), nat_head.size(), size_t{10}})};
  out << table.line(title, endpoints_head, nat_head);
  out << table.line("  hourly", money(c.endpoints.hourly_usd),
                    money(c.nat_gateway.gateway_hourly_usd));
  out << table.line(ipv4_label, "-", money(c.nat_gateway.public_ipv4_usd));
  out << table.line("  data processing", money(c.endpoints.data_usd),
                    money(c.nat_gateway.data_usd));
  out << table.line("  total USD", money(c.endpoints.total_usd()),
                    money(c.nat_gateway.total_usd()));
  out << verdict(r);
  if (c.billed_hours != in.hours) out << "Partial hours are billed as full hours.\n";
  const auto& p = r.prices;
  out << "Prices (USD): endpoint " << number(p.endpoint_hour.usd) << "/h per AZ, "
      << number(p.endpoint_data.tiers.front().usd_per_gb) << "/GB"
      << (p.endpoint_data.tiers.size() > 1 ? " (first tier)" : "") << "; NAT gateway "
      << number(p.nat_hour.usd) << "/h + " << number(p.nat_gb.usd) << "/GB; public IPv4 "
      << number(p.public_ipv4_hour.usd) << "/h.\n"
      << "From data/pricing.json (read " << r.price_book_read_on
      << ") unless given as --price-* flags; --output json lists each source.\n";
  return out.str();
}

nlohmann::ordered_json cost_json(const workflows::CostReport& r) {
  using Json = nlohmann::ordered_json;
  const auto& c = r.comparison;
  auto price = [](const domain::Price& p) {
    return Json{{"usd", p.usd}, {"source", p.source}, {"read_on", p.read_on}};
  };
  Json tiers = Json::array();
  for (const auto& tier : r.prices.endpoint_data.tiers) {
    tiers.push_back(Json{{"up_to_gb", tier.up_to_gb ? Json(*tier.up_to_gb) : Json(nullptr)},
                         {"usd_per_gb", tier.usd_per_gb}});
  }
  double endpoints = c.endpoints.total_usd();
  double nat = c.nat_gateway.total_usd();
  return Json{
      {"region", r.region},
      {"hours", c.input.hours},
      {"billed_hours", c.billed_hours},
      {"gb", c.input.gb},
      {"azs", c.input.azs},
      {"interface_endpoints", c.input.interface_endpoints},
      {"nat_gateways", c.input.nat_gateways},
      {"endpoints",
       {{"hourly_usd", rounded_for_json(c.endpoints.hourly_usd)},
        {"data_usd", rounded_for_json(c.endpoints.data_usd)},
        {"total_usd", rounded_for_json(endpoints)}}},
      {"nat_gateway",
       {{"hourly_usd", rounded_for_json(c.nat_gateway.hourly_usd())},
        {"gateway_hourly_usd", rounded_for_json(c.nat_gateway.gateway_hourly_usd)},
        {"public_ipv4_usd", rounded_for_json(c.nat_gateway.public_ipv4_usd)},
        {"data_usd", rounded_for_json(c.nat_gateway.data_usd)},
        {"total_usd", rounded_for_json(nat)}}},
      {"cheaper", std::fabs(endpoints - nat) < 1e-9 ? "equal"
                  : endpoints < nat                 ? "endpoints"
                                                    : "nat_gateway"},
      {"breakeven_gb", c.breakeven_gb ? Json(rounded_for_json(*c.breakeven_gb)) : Json(nullptr)},
      {"prices",
       {{"interface_endpoint_hour", price(r.prices.endpoint_hour)},
        {"interface_endpoint_data_tiers",
         {{"tiers", tiers},
          {"source", r.prices.endpoint_data.source},
          {"read_on", r.prices.endpoint_data.read_on}}},
        {"nat_gateway_hour", price(r.prices.nat_hour)},
        {"nat_gateway_gb", price(r.prices.nat_gb)},
        {"public_ipv4_hour", price(r.prices.public_ipv4_hour)}}}};
}

}  // namespace ssmlink::cli
