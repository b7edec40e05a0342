// What status shows for each ssmlink stack: its purpose from the tags, its age, time to
// expiry, hourly cost and cost so far. Pure: the time is passed in, the price too.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/stack_tags.hpp"
#include "domain/tags.hpp"
#include "util/clock.hpp"

namespace ssmlink::domain {

// A stack as CloudFormation describes it, in the region it was read from.
struct StackFacts {
  std::string name;
  std::string stack_id;
  std::string status;
  std::string region;
  Clock::TimePoint created;
  std::vector<Tag> tags;
};

struct StackRow {
  std::string name;
  std::string stack_id;
  std::string status;
  std::string region;
  StackPurpose purpose;
  int azs = 0;  // one endpoint network interface per subnet, one subnet per AZ
  Clock::TimePoint created;
  std::chrono::seconds age{0};
  std::optional<std::chrono::seconds> expires_in;  // negative once expired; none without a TTL
  bool expired = false;
  std::optional<double> hourly_usd;  // none when the region has no price or the tags are unreadable
  std::optional<double> cost_so_far_usd;
};

// Interface endpoints charge per AZ and hour; gateway endpoints (s3) charge nothing.
int interface_endpoint_count(const std::vector<Service>& services);

// Whether a stack in this status still holds its endpoints: a rolled-back or deleted one
// does not, and so costs nothing per hour.
bool holds_endpoints(std::string_view stack_status);

// Endpoint hours are billed in whole hours, a partial hour as a full one.
long billed_hours(std::chrono::seconds age);

// The row for a stack ssmlink manages; none for any other stack. `endpoint_hour_usd` is
// the region's price of one interface endpoint in one AZ for an hour, when known.
std::optional<StackRow> stack_row(const StackFacts& stack, Clock::TimePoint now,
                                  std::optional<double> endpoint_hour_usd);

}  // namespace ssmlink::domain
