#include "domain/stack_listing.hpp"

#include <algorithm>

namespace ssmlink::domain {

int interface_endpoint_count(const std::vector<Service>& services) {
  return static_cast<int>(std::count_if(services.begin(), services.end(), [](Service service) {
    return info(service).type == EndpointType::Interface;
  }));
}

bool holds_endpoints(std::string_view stack_status) {
  return stack_status != "ROLLBACK_COMPLETE" && stack_status != "DELETE_COMPLETE";
}

long billed_hours(std::chrono::seconds age) {
  if (age <= std::chrono::seconds(0)) return 0;
  return static_cast<long>((age.count() + 3599) / 3600);
}

namespace {

// Without services or subnets in the tags (a stack edited by hand), the price of the
// stack is unknown rather than zero.
std::optional<double> hourly_cost(const StackRow& row, std::optional<double> endpoint_hour_usd) {
  if (!holds_endpoints(row.status)) return 0.0;
  if (!endpoint_hour_usd || row.purpose.services.empty() || row.azs == 0) return std::nullopt;
  return interface_endpoint_count(row.purpose.services) * row.azs * *endpoint_hour_usd;
}

}  // namespace

std::optional<StackRow> stack_row(const StackFacts& stack, Clock::TimePoint now,
                                  std::optional<double> endpoint_hour_usd) {
  if (!is_managed(stack.tags)) return std::nullopt;
  StackRow row;
  row.name = stack.name;
  row.stack_id = stack.stack_id;
  row.status = stack.status;
  row.region = stack.region;
  row.purpose = read_purpose(stack.tags);
  row.azs = static_cast<int>(row.purpose.subnet_ids.size());
  row.created = stack.created;
  // A stack created a moment "after" now (clocks disagree) is simply new.
  row.age = std::max(std::chrono::seconds(0),
                     std::chrono::duration_cast<std::chrono::seconds>(now - stack.created));
  if (row.purpose.expires_at) {
    row.expires_in =
        std::chrono::duration_cast<std::chrono::seconds>(*row.purpose.expires_at - now);
    row.expired = *row.expires_in <= std::chrono::seconds(0);
  }
  row.hourly_usd = hourly_cost(row, endpoint_hour_usd);
  // A rolled-back stack's endpoints existed only during the failed creation: not counted.
  if (row.hourly_usd)
    row.cost_so_far_usd = *row.hourly_usd * static_cast<double>(billed_hours(row.age));
  return row;
}

}  // namespace ssmlink::domain
