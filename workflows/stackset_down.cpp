#include <map>

#include "aws/service.hpp"
#include "cloud/organizations.hpp"
#include "cloud/stack_sets.hpp"
#include "domain/stack_tags.hpp"
#include "workflows/errors.hpp"
#include "workflows/stack_watch.hpp"
#include "workflows/stacks.hpp"
#include "workflows/stackset.hpp"
#include "workflows/stackset_support.hpp"

namespace ssmlink::workflows {

namespace {

std::string root_id(aws::Session& session, Patience& patience) {
  aws::AwsClient client = session.client(aws::organizations_service());
  cloud::Organizations organizations(client);
  auto roots = patience.run("Organizations ListRoots", [&] { return organizations.list_roots(); });
  if (roots.empty())
    throw UsageError("the organization has no root; is this the management account?");
  return roots.front().id;
}

class StackSetDown {
 public:
  StackSetDown(aws::Session& session, const StackSetDownRequest& request,
               StackSetObserver& observer)
      : session_(session),
        request_(request),
        observer_(observer),
        clock_(*session.clock()),
        patience_(clock_, request.api_timeout, request.interrupted),
        client_(session.client(aws::cloudformation_service())),
        stack_sets_(client_) {}

  StackSetDownReport run() {
    report_.stack_set_name = request_.stack_set_name;
    auto stack_set = find_stack_set(stack_sets_, request_.stack_set_name, patience_);
    if (!stack_set) return finish(StackSetDownOutcome::NotFound);
    auto tags = domain_tags(stack_set->tags);
    if (!domain::is_managed(tags)) {
      throw UsageError("StackSet " + request_.stack_set_name +
                       " is not ssmlink's (it lacks the tag ssmlink:managed=true); ssmlink "
                       "deletes only its own");
    }
    report_.expires_at = domain::read_purpose(tags).expires_at;
    if (request_.expired_only && (!report_.expires_at || *report_.expires_at > clock_.now()))
      return finish(StackSetDownOutcome::NotExpired);

    auto instances = patience_.run("CloudFormation ListStackInstances", [&] {
      return stack_sets_.list_stack_instances(request_.stack_set_name);
    });
    std::map<std::string, std::vector<std::string>> accounts_by_region;
    for (const auto& instance : instances)
      accounts_by_region[instance.region].push_back(instance.account);
    if (!accounts_by_region.empty()) {
      std::string root = root_id(session_, patience_);
      std::vector<std::pair<std::string, std::string>> operations;  // region, operation
      for (const auto& [region, accounts] : accounts_by_region)
        operations.emplace_back(region, delete_in(region, accounts, root));
      for (const auto& [region, operation] : operations) {
        if (!wait_for(region, operation)) return finish(StackSetDownOutcome::Interrupted);
      }
    }
    if (!report_.failures.empty()) return finish(StackSetDownOutcome::Failed);
    patience_.run("CloudFormation DeleteStackSet",
                  [&] { stack_sets_.delete_stack_set(request_.stack_set_name); });
    return finish(StackSetDownOutcome::Deleted);
  }

 private:
  std::string delete_in(const std::string& region, const std::vector<std::string>& accounts,
                        const std::string& root) {
    cloud::DeleteStackInstancesRequest request;
    request.stack_set_name = request_.stack_set_name;
    request.deployment_targets = {{root}, accounts, "INTERSECTION"};
    request.regions = {region};
    // Every instance is tried: one that cannot be deleted must not keep the others.
    request.operation_preferences.failure_tolerance_count = static_cast<int>(accounts.size());
    request.operation_preferences.max_concurrent_count =
        std::min(request_.max_concurrent, static_cast<int>(accounts.size()));
    request.operation_id = new_request_token("stackset-down");
    std::string operation = patience_.run("CloudFormation DeleteStackInstances", [&] {
      return stack_sets_.delete_stack_instances(request);
    });
    for (const auto& account : accounts)
      observer_.on_started({account, region, {}}, operation);
    return operation;
  }

  // False when Ctrl-C came first.
  bool wait_for(const std::string& region, const std::string& operation_id) {
    std::chrono::milliseconds interval = request_.poll_interval;
    const Clock::TimePoint started = clock_.now();
    while (true) {
      if (request_.interrupted && request_.interrupted->load()) return false;
      auto operation = patience_.run("CloudFormation DescribeStackSetOperation", [&] {
        return stack_sets_.describe_stack_set_operation(request_.stack_set_name, operation_id);
      });
      if (is_operation_finished(operation.status)) break;
      clock_.sleep_for(interval);
      interval = next_poll_interval(
          interval, false,
          std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now() - started));
    }
    auto results = patience_.run("CloudFormation ListStackSetOperationResults", [&] {
      return stack_sets_.list_stack_set_operation_results(request_.stack_set_name, operation_id);
    });
    for (const auto& result : results) {
      TargetResult done{
          {result.account, region, {}},
          result.status == "SUCCEEDED" ? TargetOutcome::Deployed : TargetOutcome::Failed,
          result.status_reason.value_or(result.status),
          operation_id};
      if (done.outcome == TargetOutcome::Deployed) {
        ++report_.instances_deleted;
        done.reason.clear();
      } else {
        report_.failures.push_back(done);
      }
      observer_.on_result(done);
    }
    return true;
  }

  StackSetDownReport finish(StackSetDownOutcome outcome) {
    report_.outcome = outcome;
    return report_;
  }

  aws::Session& session_;
  const StackSetDownRequest& request_;
  StackSetObserver& observer_;
  Clock& clock_;
  Patience patience_;
  aws::AwsClient client_;
  cloud::StackSets stack_sets_;
  StackSetDownReport report_;
};

}  // namespace

StackSetDownReport run_stackset_down(aws::Session& session, const StackSetDownRequest& request,
                                     StackSetObserver& observer) {
  return StackSetDown(session, request, observer).run();
}

StackSetStatusReport run_stackset_status(aws::Session& session, const std::string& stack_set_name,
                                         std::chrono::seconds api_timeout) {
  Patience patience(*session.clock(), api_timeout);
  aws::AwsClient client = session.client(aws::cloudformation_service());
  cloud::StackSets stack_sets(client);
  StackSetStatusReport report;
  report.stack_set_name = stack_set_name;
  auto stack_set = find_stack_set(stack_sets, stack_set_name, patience);
  if (!stack_set) return report;
  report.found = true;
  report.stack_set_id = stack_set->stack_set_id;
  auto tags = domain_tags(stack_set->tags);
  report.managed = domain::is_managed(tags);
  report.expires_at = domain::read_purpose(tags).expires_at;
  for (const auto& instance : patience.run("CloudFormation ListStackInstances", [&] {
         return stack_sets.list_stack_instances(stack_set_name);
       })) {
    report.instances.push_back(
        {instance.account, instance.region, instance.status, instance.detailed_status.value_or(""),
         instance.drift_status.value_or("NOT_CHECKED"), instance.status_reason.value_or(""),
         instance.stack_id.value_or("")});
  }
  return report;
}

}  // namespace ssmlink::workflows
