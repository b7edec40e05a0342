// `ssmlink status`: the ssmlink stacks in the session's region, or in every region of its
// partition (read in parallel), each with its age, expiry and cost.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "aws/session.hpp"
#include "domain/stack_listing.hpp"
#include "util/clock.hpp"
#include "workflows/patience.hpp"

namespace ssmlink::workflows {

struct StatusRequest {
  bool all_regions = false;  // every region of the session region's partition
  // The session's own region is read patiently (see Patience); other regions are not: one
  // that fails is reported unreadable rather than waited for.
  std::chrono::seconds api_timeout = kDefaultApiTimeout;
  Patience::Notify on_retry_later;
};

// A region that could not be read with --all-regions (not enabled for the account, or
// unreachable): reported, not fatal.
struct UnreadableRegion {
  std::string region;
  std::string error;  // what AWS or the network said, and what it probably means
};

struct StatusReport {
  std::string region;                // the session's
  std::vector<std::string> regions;  // the regions asked, in partition order
  std::vector<domain::StackRow> stacks;
  std::vector<UnreadableRegion> unreadable_regions;
  std::vector<std::string> unpriced_regions;  // listed stacks' regions without a price
  Clock::TimePoint now;
};

// Every stack in one region, ssmlink's or not: the seam the tests replace.
using StackLister = std::function<std::vector<domain::StackFacts>(const std::string& region)>;

// Throws UsageError with --all-regions when the session's region is in no known
// partition, and the AWS error when the session's own region cannot be read.
StatusReport run_status(const aws::Session& session, const StatusRequest& request);

// The report for these regions, listed with `list` (concurrently when there are several).
// With `tolerate_region_failures`, an AWS error in a region other than `home_region`
// makes that region unreadable; otherwise, and in the home region, the error propagates.
StatusReport collect_status(const std::string& home_region, const std::vector<std::string>& regions,
                            const StackLister& list, bool tolerate_region_failures,
                            Clock::TimePoint now);

}  // namespace ssmlink::workflows
