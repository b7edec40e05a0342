#include "workflows/status.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>
#include <thread>

#include "aws/errors.hpp"
#include "cloud/cloudformation.hpp"
#include "domain/partitions.hpp"
#include "domain/pricing.hpp"
#include "workflows/cost.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::workflows {

namespace {

// Enough to hide the latency of a partition's ~30 regions without opening ~30
// connections at once.
constexpr size_t kMaxParallelRegions = 8;

std::vector<std::string> regions_to_read(const aws::Session& session,
                                         const StatusRequest& request) {
  const std::string& home = session.region().region;
  if (!request.all_regions) return {home};
  const domain::Partition* partition = domain::partition_of(home);
  if (!partition) {
    throw UsageError("--all-regions: region \"" + home +
                     "\" is in no known partition, so its regions are unknown; give a region "
                     "such as us-east-1 with --region");
  }
  std::vector<std::string> regions = partition->regions;
  // The session's region is read even when the partition data does not list it yet.
  if (std::find(regions.begin(), regions.end(), home) == regions.end()) regions.push_back(home);
  return regions;
}

std::vector<domain::StackFacts> describe_region(const aws::Session& session,
                                                const std::string& region) {
  // One client per region and thread; the curl client behind it is shared and gives
  // each concurrent request its own connection.
  aws::AwsClient client = session.client(aws::cloudformation_service(), region);
  std::vector<domain::StackFacts> facts;
  for (cloud::Stack& stack : cloud::CloudFormation(client).describe_stacks()) {
    domain::StackFacts fact{stack.stack_name, stack.stack_id,      stack.stack_status,
                            region,           stack.creation_time, {}};
    for (cloud::Tag& tag : stack.tags)
      fact.tags.push_back({std::move(tag.key), std::move(tag.value)});
    facts.push_back(std::move(fact));
  }
  return facts;
}

struct RegionRead {
  std::vector<domain::StackFacts> stacks;
  std::exception_ptr error;
};

// Each region's stacks or error, in the order given. A few worker threads take the
// regions in turn; nothing escapes a thread but through its RegionRead.
std::vector<RegionRead> read_regions(const std::vector<std::string>& regions,
                                     const StackLister& list) {
  std::vector<RegionRead> reads(regions.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < regions.size(); i = next++) {
      try {
        reads[i].stacks = list(regions[i]);
      } catch (...) {
        reads[i].error = std::current_exception();
      }
    }
  };
  if (regions.size() == 1) {
    work();
    return reads;
  }
  std::vector<std::jthread> workers;
  for (size_t n = 0; n < std::min(kMaxParallelRegions, regions.size()); ++n)
    workers.emplace_back(work);
  workers.clear();  // joins
  return reads;
}

// AWS answers a call to a region that is not enabled for the account as if it did not
// know the credentials.
bool means_region_not_enabled(const std::string& code) {
  return code == "InvalidClientTokenId" || code == "UnrecognizedClientException" ||
         code == "AuthFailure" || code == "OptInRequired";
}

// Why a region could not be read; anything but an AWS or network failure is rethrown.
std::string unreadable_because(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const aws::ServiceError& e) {
    if (means_region_not_enabled(e.code)) {
      return std::string(e.what()) +
             "; the region is probably not enabled for this account (aws account list-regions)";
    }
    return e.what();
  } catch (const aws::TransportError& e) {
    return std::string(e.what()) + "; check the network and --endpoint-url";
  } catch (const aws::ResponseError& e) {
    return e.what();
  }
}

void add_rows(StatusReport& report, const std::string& region,
              const std::vector<domain::StackFacts>& stacks) {
  std::optional<double> price = endpoint_hour_usd(region);
  bool listed_any = false;
  for (const domain::StackFacts& stack : stacks) {
    if (auto row = domain::stack_row(stack, report.now, price)) {
      report.stacks.push_back(std::move(*row));
      listed_any = true;
    }
  }
  if (listed_any && !price) report.unpriced_regions.push_back(region);
}

}  // namespace

StatusReport collect_status(const std::string& home_region, const std::vector<std::string>& regions,
                            const StackLister& list, bool tolerate_region_failures,
                            Clock::TimePoint now) {
  StatusReport report;
  report.region = home_region;
  report.regions = regions;
  report.now = now;
  std::vector<RegionRead> reads = read_regions(regions, list);
  for (size_t i = 0; i < regions.size(); ++i) {
    if (!reads[i].error) {
      add_rows(report, regions[i], reads[i].stacks);
      continue;
    }
    // When the session's own region fails, the credentials or the network are at fault,
    // not the region: say so as an error rather than as one unreadable region among many.
    if (!tolerate_region_failures || regions[i] == home_region) {
      std::rethrow_exception(reads[i].error);
    }
    report.unreadable_regions.push_back({regions[i], unreadable_because(reads[i].error)});
  }
  // Oldest first, the ones most likely to have expired leading; by name within a second.
  std::stable_sort(report.stacks.begin(), report.stacks.end(),
                   [](const domain::StackRow& a, const domain::StackRow& b) {
                     return a.created != b.created ? a.created < b.created : a.name < b.name;
                   });
  return report;
}

StatusReport run_status(const aws::Session& session, const StatusRequest& request) {
  std::vector<std::string> regions = regions_to_read(session, request);
  const std::string& home = session.region().region;
  auto list = [&](const std::string& region) {
    if (region != home) return describe_region(session, region);
    Patience patience(*session.clock(), request.api_timeout, nullptr, request.on_retry_later);
    return patience.run("CloudFormation DescribeStacks",
                        [&] { return describe_region(session, region); });
  };
  return collect_status(session.region().region, regions, list, request.all_regions,
                        session.clock()->now());
}

}  // namespace ssmlink::workflows
