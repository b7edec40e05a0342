#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "aws/errors.hpp"
#include "aws/service.hpp"
#include "cloud/cloudformation.hpp"
#include "cloud/organizations.hpp"
#include "cloud/stack_sets.hpp"
#include "cloud/sts.hpp"
#include "domain/failure_hints.hpp"
#include "domain/stack_tags.hpp"
#include "domain/template.hpp"
#include "util/version.hpp"
#include "workflows/errors.hpp"
#include "workflows/member_credentials.hpp"
#include "workflows/stack_watch.hpp"
#include "workflows/stacks.hpp"
#include "workflows/stackset.hpp"
#include "workflows/stackset_support.hpp"

namespace ssmlink::workflows {

size_t StackSetUpReport::count(TargetOutcome outcome) const {
  return static_cast<size_t>(std::count_if(
      results.begin(), results.end(), [&](const TargetResult& r) { return r.outcome == outcome; }));
}

namespace {

// The audit's deployable VPCs as StackSet targets: one stack instance per account and
// region (a StackSet has no more), never the management account (service-managed
// StackSets do not deploy there).
class TargetCollector {
 public:
  explicit TargetCollector(std::string management_account)
      : management_account_(std::move(management_account)) {}

  void add(const RegionAudit& audit) {
    if (audit.deployments.empty()) return;
    if (std::find(regions_.begin(), regions_.end(), audit.region) == regions_.end())
      regions_.push_back(audit.region);
    std::vector<domain::VpcDeployment> vpcs = audit.deployments;
    // The VPC with the most blocked instances gets the account-region's one instance.
    std::stable_sort(vpcs.begin(), vpcs.end(), [](const auto& a, const auto& b) {
      return a.instance_ids.size() > b.instance_ids.size();
    });
    for (size_t i = 0; i < vpcs.size(); ++i) {
      StackSetTarget target{audit.account_id, audit.region, vpcs[i]};
      if (audit.account_id == management_account_) {
        skipped_.push_back({target, TargetOutcome::Skipped,
                            "service-managed StackSets do not deploy to the management account; "
                            "run ssmlink up --vpc " +
                                target.vpc.vpc_id + " there",
                            ""});
      } else if (i > 0) {
        skipped_.push_back({target, TargetOutcome::Skipped,
                            "a StackSet has one stack instance per account and region, used for " +
                                vpcs[0].vpc_id + "; run ssmlink up --vpc " + target.vpc.vpc_id +
                                " in that account",
                            ""});
      } else {
        targets_.push_back(target);
      }
    }
  }

  std::vector<StackSetTarget>& targets() { return targets_; }
  std::vector<TargetResult>& skipped() { return skipped_; }
  // Regions in the order the audit reached them.
  const std::vector<std::string>& regions() const { return regions_; }

 private:
  std::string management_account_;
  std::vector<StackSetTarget> targets_;
  std::vector<TargetResult> skipped_;
  std::vector<std::string> regions_;
};

// One region's targets: waiting, in flight, and how many failed.
struct Lane {
  std::string region;
  std::deque<StackSetTarget> waiting;
  std::vector<std::pair<StackSetTarget, std::string>> running;  // target, operation ID
  int failures = 0;
  bool stopped = false;
  bool done() const { return running.empty() && (waiting.empty() || stopped); }
};

class StackSetUp {
 public:
  StackSetUp(aws::Session& session, const StackSetUpRequest& request, StackSetObserver& observer)
      : session_(session),
        request_(request),
        observer_(observer),
        clock_(*session.clock()),
        patience_(clock_, request.audit.api_timeout, request.interrupted),
        cloudformation_client_(session.client(aws::cloudformation_service())),
        stack_sets_(cloudformation_client_) {}

  StackSetUpReport run() {
    report_.stack_set_name = request_.stack_set_name;
    std::string management = own_account();
    TargetCollector collector(management);
    audit(collector);
    if (interrupted()) return interrupted_report(collector.targets());

    std::optional<cloud::StackSet> existing =
        find_stack_set(stack_sets_, request_.stack_set_name, patience_);
    if (existing) {
      require_managed(*existing);
      report_.stack_set_id = existing->stack_set_id;
      report_.expires_at = domain::read_purpose(domain_tags(existing->tags)).expires_at;
    }
    std::map<std::pair<std::string, std::string>, cloud::StackInstanceSummary> instances;
    if (existing) {
      for (auto& instance : patience_.run("CloudFormation ListStackInstances", [&] {
             return stack_sets_.list_stack_instances(request_.stack_set_name);
           })) {
        instances[{instance.account, instance.region}] = instance;
      }
    }
    std::vector<Lane> lanes = plan_lanes(collector, instances);
    StackSetPlanned planned{request_.stack_set_name, existing.has_value(), 0, 0, 0};
    std::set<std::string> accounts;
    for (const auto& lane : lanes) {
      planned.targets += lane.waiting.size();
      if (!lane.waiting.empty()) ++planned.regions;
      for (const auto& target : lane.waiting)
        accounts.insert(target.account_id);
    }
    planned.accounts = accounts.size();
    observer_.on_planned(planned);
    for (auto& skipped : collector.skipped())
      finish(std::move(skipped));
    for (auto& already : already_)
      finish(std::move(already));
    if (planned.targets == 0) return report_;
    if (!existing) create_stack_set();
    root_id_ = organization_root();
    deploy(lanes);
    return report_;
  }

 private:
  std::string own_account() {
    aws::AwsClient client = session_.client(aws::sts_service());
    cloud::Sts sts(client);
    return patience_.run("STS GetCallerIdentity", [&] { return sts.get_caller_identity(); })
        .account;
  }

  void audit(TargetCollector& collector) {
    OrgAuditSinks sinks;
    sinks.result = [&](const RegionAudit& audit) { collector.add(audit); };
    sinks.progress = [&](size_t done, size_t total) { observer_.on_audit_progress(done, total); };
    if (request_.snapshot_dir) {
      report_.audit = run_org_audit_offline(*request_.snapshot_dir, request_.audit, sinks);
    } else {
      try {
        report_.audit = run_org_audit(session_, request_.audit, sinks, request_.interrupted);
      } catch (const Interrupted&) {
        report_.interrupted = true;
      }
    }
  }

  bool interrupted() const {
    return report_.interrupted || (request_.interrupted && request_.interrupted->load());
  }

  StackSetUpReport interrupted_report(const std::vector<StackSetTarget>& targets) {
    report_.interrupted = true;
    for (const auto& target : targets)
      finish({target, TargetOutcome::Cancelled, "interrupted before it started", ""});
    return report_;
  }

  void require_managed(const cloud::StackSet& stack_set) const {
    if (!domain::is_managed(domain_tags(stack_set.tags))) {
      throw UsageError("StackSet " + request_.stack_set_name +
                       " exists and is not ssmlink's (it lacks the tag ssmlink:managed=true); "
                       "choose another name with --stackset-name");
    }
  }

  std::vector<Lane> plan_lanes(
      TargetCollector& collector,
      const std::map<std::pair<std::string, std::string>, cloud::StackInstanceSummary>& instances) {
    // Sequential regions go in --regions' order (as RegionOrder would), else as audited.
    std::vector<std::string> order = request_.audit.regions;
    for (const auto& region : collector.regions()) {
      if (std::find(order.begin(), order.end(), region) == order.end()) order.push_back(region);
    }
    std::vector<Lane> lanes;
    for (const auto& region : order)
      lanes.push_back({region, {}, {}, 0, false});
    for (auto& target : collector.targets()) {
      auto found = instances.find({target.account_id, target.region});
      if (found != instances.end() && found->second.status == "CURRENT") {
        already_.push_back({target, TargetOutcome::AlreadyDeployed, "", ""});
        continue;
      }
      if (found != instances.end()) redeploy_.insert({target.account_id, target.region});
      auto lane = std::find_if(lanes.begin(), lanes.end(),
                               [&](const Lane& l) { return l.region == target.region; });
      lane->waiting.push_back(std::move(target));
    }
    return lanes;
  }

  void create_stack_set() {
    domain::Plan plan = domain::stackset_plan(request_.audit.services);
    std::string body = domain::render_template(domain::build_template(plan, kVersion),
                                               domain::TemplateFormat::Yaml);
    domain::StackPurpose purpose;
    purpose.services = request_.audit.services;
    purpose.stack_set = request_.stack_set_name;
    if (request_.ttl) purpose.expires_at = clock_.now() + *request_.ttl;
    report_.expires_at = purpose.expires_at;
    cloud::CreateStackSetRequest create;
    create.stack_set_name = request_.stack_set_name;
    create.description = "VPC endpoints for Session Manager across the organization, by ssmlink";
    create.template_body = body;
    create.tags = cloud_tags(domain::stack_tags(purpose, kVersion, {}));
    create.client_request_token = new_request_token("stackset");
    report_.stack_set_id = patience_.run("CloudFormation CreateStackSet",
                                         [&] { return stack_sets_.create_stack_set(create); });
    report_.created_stack_set = true;
  }

  std::string organization_root() {
    aws::AwsClient client = session_.client(aws::organizations_service());
    cloud::Organizations organizations(client);
    auto roots =
        patience_.run("Organizations ListRoots", [&] { return organizations.list_roots(); });
    if (roots.empty())
      throw UsageError("the organization has no root; is this the management account?");
    return roots.front().id;
  }

  void deploy(std::vector<Lane>& lanes) {
    // As a stack's watch: quick at first, slower as the operations take longer.
    std::chrono::milliseconds interval = request_.poll_interval;
    const Clock::TimePoint started = clock_.now();
    while (true) {
      bool any_active = false;
      for (size_t i = 0; i < lanes.size(); ++i) {
        Lane& lane = lanes[i];
        if (lane.done()) continue;
        any_active = true;
        if (!interrupted()) start_targets(lane);
        if (!request_.parallel_regions) break;  // a region at a time, in order
      }
      if (!any_active) return;
      if (interrupted()) {
        report_.interrupted = true;
        cancel_waiting(lanes, "interrupted before it started");
        return;
      }
      clock_.sleep_for(interval);
      interval = next_poll_interval(
          interval, false,
          std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now() - started));
      for (auto& lane : lanes)
        poll(lane, lanes);
    }
  }

  void start_targets(Lane& lane) {
    while (!lane.stopped && !lane.waiting.empty() &&
           static_cast<int>(lane.running.size()) < request_.max_concurrent) {
      StackSetTarget target = std::move(lane.waiting.front());
      lane.waiting.pop_front();
      try {
        std::string operation = submit(target);
        observer_.on_started(target, operation);
        lane.running.emplace_back(std::move(target), operation);
      } catch (const aws::AwsError& error) {
        count_failure(lane, {target, TargetOutcome::Failed, error.what(), ""});
      }
    }
  }

  std::string submit(const StackSetTarget& target) {
    cloud::StackInstancesRequest request;
    request.stack_set_name = request_.stack_set_name;
    request.deployment_targets = {{root_id_}, {target.account_id}, "INTERSECTION"};
    request.regions = {target.region};
    for (const auto& [key, value] : domain::stackset_overrides(target.vpc))
      request.parameter_overrides.push_back({key, value, std::nullopt});
    request.operation_preferences.failure_tolerance_count = 0;
    request.operation_preferences.max_concurrent_count = 1;
    request.operation_id = new_request_token("stackset");
    bool update = redeploy_.contains({target.account_id, target.region});
    return patience_.run(
        update ? "CloudFormation UpdateStackInstances" : "CloudFormation CreateStackInstances",
        [&] {
          return update ? stack_sets_.update_stack_instances(request)
                        : stack_sets_.create_stack_instances(request);
        });
  }

  void poll(Lane& lane, std::vector<Lane>& lanes) {
    for (size_t i = 0; i < lane.running.size();) {
      auto& [target, operation_id] = lane.running[i];
      std::optional<TargetResult> ended = check(target, operation_id);
      if (!ended) {
        ++i;
        continue;
      }
      lane.running.erase(lane.running.begin() + static_cast<std::ptrdiff_t>(i));
      if (ended->outcome == TargetOutcome::Failed) {
        count_failure(lane, std::move(*ended));
        if (lane.stopped && !request_.parallel_regions) stop_later_regions(lane, lanes);
      } else {
        finish(std::move(*ended));
      }
    }
  }

  std::optional<TargetResult> check(const StackSetTarget& target, const std::string& operation_id) {
    auto operation = patience_.run("CloudFormation DescribeStackSetOperation", [&] {
      return stack_sets_.describe_stack_set_operation(request_.stack_set_name, operation_id);
    });
    if (!is_operation_finished(operation.status)) return std::nullopt;
    auto results = patience_.run("CloudFormation ListStackSetOperationResults", [&] {
      return stack_sets_.list_stack_set_operation_results(request_.stack_set_name, operation_id);
    });
    for (const auto& result : results) {
      if (result.account != target.account_id || result.region != target.region) continue;
      if (result.status == "SUCCEEDED")
        return TargetResult{target, TargetOutcome::Deployed, "", operation_id};
      return TargetResult{target, TargetOutcome::Failed,
                          root_cause(target, result.status_reason.value_or(result.status)),
                          operation_id};
    }
    if (operation.status == "SUCCEEDED")
      return TargetResult{target, TargetOutcome::Deployed, "", operation_id};
    return TargetResult{target, TargetOutcome::Failed,
                        "operation " + operation.status + ": " +
                            operation.status_reason.value_or("no reason given"),
                        operation_id};
  }

  // The failed resource and its reason from the stack's own events in that account, when
  // a role there can be assumed; StackSets' summary otherwise.
  std::string root_cause(const StackSetTarget& target, const std::string& summary) {
    try {
      auto instances = patience_.run("CloudFormation ListStackInstances", [&] {
        return stack_sets_.list_stack_instances(request_.stack_set_name);
      });
      auto found = std::find_if(instances.begin(), instances.end(), [&](const auto& i) {
        return i.account == target.account_id && i.region == target.region;
      });
      if (found == instances.end() || !found->stack_id) return summary;
      auto credentials = member_credentials(
          session_, target.account_id, "",
          {request_.audit.role_name, request_.audit.role_session_name}, patience_);
      aws::Session member(session_, credentials, target.region);
      aws::AwsClient client = member.client(aws::cloudformation_service());
      cloud::CloudFormation cloudformation(client);
      auto events = patience_.run("CloudFormation DescribeStackEvents", [&] {
        return cloudformation.describe_stack_events(*found->stack_id);
      });
      if (auto cause = first_failure(events)) return *cause;
    } catch (const aws::AwsError&) {
      // The member's events could not be read: StackSets' own words will do.
    }
    return summary;
  }

  void count_failure(Lane& lane, TargetResult result) {
    ++lane.failures;
    if (auto hint = domain::hint_for_failure(result.reason, result.target.region))
      result.fix = hint->fix;
    finish(std::move(result));
    if (lane.failures > request_.failure_tolerance && !lane.stopped) {
      lane.stopped = true;
      cancel(lane, "failure tolerance exceeded in " + lane.region + " (" +
                       std::to_string(lane.failures) + " failed, --failure-tolerance " +
                       std::to_string(request_.failure_tolerance) + ")");
    }
  }

  void stop_later_regions(const Lane& failed, std::vector<Lane>& lanes) {
    bool later = false;
    for (auto& lane : lanes) {
      if (&lane == &failed) {
        later = true;
        continue;
      }
      if (!later || lane.stopped) continue;
      lane.stopped = true;
      cancel(lane,
             "regions are sequential and " + failed.region + " exceeded the failure tolerance");
    }
  }

  void cancel(Lane& lane, const std::string& why) {
    for (auto& target : lane.waiting)
      finish({std::move(target), TargetOutcome::Cancelled, why, ""});
    lane.waiting.clear();
  }

  void cancel_waiting(std::vector<Lane>& lanes, const std::string& why) {
    for (auto& lane : lanes) {
      cancel(lane, why);
      for (auto& [target, operation] : lane.running)
        finish({target, TargetOutcome::Cancelled,
                "Ctrl-C: operation " + operation + " goes on in CloudFormation", operation});
      lane.running.clear();
    }
  }

  void finish(TargetResult result) {
    observer_.on_result(result);
    report_.results.push_back(std::move(result));
  }

  aws::Session& session_;
  const StackSetUpRequest& request_;
  StackSetObserver& observer_;
  Clock& clock_;
  Patience patience_;
  aws::AwsClient cloudformation_client_;
  cloud::StackSets stack_sets_;
  std::string root_id_;
  std::set<std::pair<std::string, std::string>> redeploy_;
  std::vector<TargetResult> already_;  // reported once the plan is shown
  StackSetUpReport report_;
};

}  // namespace

StackSetUpReport run_stackset_up(aws::Session& session, const StackSetUpRequest& request,
                                 StackSetObserver& observer) {
  return StackSetUp(session, request, observer).run();
}

}  // namespace ssmlink::workflows
