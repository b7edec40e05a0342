#include "workflows/up.hpp"

#include <algorithm>

#include "aws/errors.hpp"
#include "aws/service.hpp"
#include "cloud/cloudformation.hpp"
#include "cloud/ssm.hpp"
#include "domain/stack_listing.hpp"
#include "domain/stack_tags.hpp"
#include "domain/template.hpp"
#include "util/version.hpp"
#include "workflows/cost.hpp"
#include "workflows/doctor.hpp"
#include "workflows/errors.hpp"
#include "workflows/online.hpp"
#include "workflows/stacks.hpp"

namespace ssmlink::workflows {

namespace {

bool any_of_status(std::string_view status, std::initializer_list<std::string_view> statuses) {
  return std::ranges::find(statuses, status) != statuses.end();
}

// The same price status shows for the stack: interface endpoints x AZs x the hour price.
std::optional<double> hourly_cost(const std::string& region,
                                  const std::vector<domain::Service>& services, size_t azs) {
  auto price = endpoint_hour_usd(region);
  if (!price) return std::nullopt;
  return *price * domain::interface_endpoint_count(services) *
         static_cast<double>(std::max<size_t>(azs, 1));
}

class Up {
 public:
  Up(aws::Session& session, const UpRequest& request, UpObserver& observer)
      : session_(session),
        request_(request),
        observer_(observer),
        clock_(*session.clock()),
        cloudformation_client_(session.client(aws::cloudformation_service())),
        cloudformation_(cloudformation_client_),
        patience_(clock_, request.api_timeout, request.interrupted,
                  [&observer](const RetryNotice& notice) { observer.on_retry_later(notice); }) {}

  UpReport run() {
    report_.started = clock_.now();
    report_.region = session_.region().region;
    inventory_ = gather();
    report_.preflight = preflight();
    report_.stack_name =
        request_.stack_name.value_or(domain::default_stack_name(report_.preflight.vpc_id));

    if (auto existing = find_stack(cloudformation_, report_.stack_name, patience_)) {
      if (!domain::is_managed(domain_tags(existing->tags))) {
        throw UsageError("stack " + report_.stack_name +
                         " exists and is not ssmlink's (it lacks the tag ssmlink:managed=true); "
                         "choose another name with --stack-name");
      }
      if (auto done = resume(*existing)) return *done;
    }

    observer_.on_preflight(report_.preflight);
    if (domain::any_blocking_after_up(report_.preflight.findings) && !request_.force) {
      return finish(UpOutcome::Blocked);
    }
    if (report_.preflight.plan.nothing_to_create()) {
      return wait_online(UpOutcome::NothingToDo);
    }
    return create();
  }

 private:
  // Every call of up's inventory is patient: its plan depends on what they say.
  domain::Inventory gather() {
    return gather_inventory(session_, request_.target, GatherOptions{&patience_, true});
  }

  domain::Diagnosis preflight() const {
    DoctorRequest doctor;
    doctor.target = request_.target;
    doctor.subnet_ids = request_.subnet_ids;
    doctor.instance_group_ids = request_.choices.instance_sgs;
    doctor.services = request_.services;
    return diagnose_one(inventory_, doctor);
  }

  // An ssmlink stack of this name exists: attach to it, or clear a failed one away.
  // None: go on and create it.
  std::optional<UpReport> resume(const cloud::Stack& stack) {
    const std::string& status = stack.stack_status;
    report_.attached = true;
    report_.stack_id = stack.stack_id;
    report_.stack_status = status;
    auto purpose = domain::read_purpose(domain_tags(stack.tags));
    report_.services = purpose.services;
    report_.expires_at = purpose.expires_at;
    report_.hourly_usd = hourly_cost(report_.region, purpose.services, purpose.subnet_ids.size());
    if (any_of_status(status, {"CREATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS"})) {
      observer_.on_phase(UpPhase::Attaching, report_.stack_name);
      return follow_create();
    }
    if (status.ends_with("_COMPLETE") && !any_of_status(status, {"ROLLBACK_COMPLETE"})) {
      read_resources();
      observer_.on_preflight(report_.preflight);
      // The stack is there; what still blocks now is not up's to fix.
      if (domain::any_error(report_.preflight.findings) && !request_.force) {
        return finish(UpOutcome::Blocked);
      }
      return wait_online(UpOutcome::AlreadyUp);
    }
    if (domain::is_in_progress(status) && status != "DELETE_IN_PROGRESS") {
      // Someone is updating it: let that end, then look again.
      observer_.on_phase(UpPhase::Attaching, report_.stack_name);
      WatchResult watch =
          watch_stack(cloudformation_, clock_, stack.stack_id, watch_options(patience_), observer_);
      observer_.on_phase_end(watch);
      if (watch.end == WatchEnd::Interrupted) return finish(UpOutcome::Interrupted);
      auto now = find_stack(cloudformation_, stack.stack_id, patience_);
      if (now && !domain::is_in_progress(now->stack_status)) return resume(*now);
      return std::nullopt;
    }
    if (!any_of_status(status, {"ROLLBACK_COMPLETE", "CREATE_FAILED", "DELETE_IN_PROGRESS"})) {
      // DELETE_FAILED, ROLLBACK_FAILED, UPDATE_ROLLBACK_FAILED: a stack in trouble is not
      // deleted behind the user's back.
      report_.hint = domain::FailureHint{
          "The stack " + report_.stack_name + " is stuck in " + status + "; up leaves it alone.",
          "ssmlink down --stack " + report_.stack_name + "\nthen run the same ssmlink up again"};
      return finish(UpOutcome::Failed);
    }
    // A create that failed before (ROLLBACK_COMPLETE, CREATE_FAILED), or one being deleted:
    // it must go before a new stack can take its name.
    observer_.on_phase(UpPhase::RemovingFailedStack, report_.stack_name);
    WatchResult removal = delete_and_watch(cloudformation_, stack, patience_, observer_);
    observer_.on_phase_end(removal);
    if (removal.end == WatchEnd::Interrupted) return finish(UpOutcome::Interrupted);
    if (removal.progress.stack_status() != "DELETE_COMPLETE") {
      report_.stack_status = removal.progress.stack_status();
      report_.root_cause = removal.progress.root_cause();
      if (report_.root_cause)
        report_.hint = domain::hint_for_failure(report_.root_cause->reason, report_.region);
      return finish(UpOutcome::Failed);
    }
    // The inventory was read with the old stack's endpoints (if any) still there.
    inventory_ = gather();
    report_.preflight = preflight();
    report_ = UpReport{.region = report_.region,
                       .preflight = report_.preflight,
                       .stack_name = report_.stack_name,
                       .started = report_.started};
    return std::nullopt;
  }

  UpReport create() {
    domain::InventoryIndex index(inventory_);
    auto plan = domain::stack_plan(index, report_.preflight, request_.choices, report_.region);
    if (!plan) throw UsageError(plan.error().message);
    domain::StackPurpose purpose;
    purpose.vpc_id = report_.preflight.vpc_id;
    purpose.subnet_ids = plan->subnets;
    purpose.services = plan->services;
    if (!report_.preflight.instance_id.empty()) purpose.instance_id = report_.preflight.instance_id;
    if (request_.ttl) purpose.expires_at = report_.started + *request_.ttl;
    report_.services = purpose.services;
    report_.expires_at = purpose.expires_at;
    report_.hourly_usd = hourly_cost(report_.region, plan->services, plan->subnets.size());

    cloud::CreateStackRequest create;
    create.stack_name = report_.stack_name;
    create.template_body = domain::render_template(domain::build_template(*plan, kVersion),
                                                   domain::TemplateFormat::Yaml);
    create.tags = cloud_tags(domain::stack_tags(purpose, kVersion, plan->tags));
    create.client_request_token = new_request_token("up");
    observer_.on_phase(UpPhase::Creating, report_.stack_name);
    report_.stack_started = clock_.now();
    try {
      // The token makes a repeated call (its answer lost) the same creation.
      report_.stack_id = patience_.run("CloudFormation CreateStack",
                                       [&] { return cloudformation_.create_stack(create); });
    } catch (const aws::ServiceError& error) {
      // Another run created it between our look and our call: follow that one.
      if (error.code != "AlreadyExistsException") throw;
      auto stack = find_stack(cloudformation_, report_.stack_name, patience_);
      if (!stack) throw;
      report_.attached = true;
      report_.stack_id = stack->stack_id;
    }
    return follow_create();
  }

  UpReport follow_create() {
    WatchResult watch =
        watch_stack(cloudformation_, clock_, report_.stack_id, watch_options(patience_), observer_);
    observer_.on_phase_end(watch);
    report_.polls += watch.polls;
    report_.resources = watch.progress.resources();
    report_.stack_status = watch.progress.stack_status();
    if (!report_.stack_started) report_.stack_started = watch.progress.started();
    if (watch.end == WatchEnd::Interrupted) return finish(UpOutcome::Interrupted);
    report_.stack_finished = watch.finished_at;
    if (report_.stack_status == "CREATE_COMPLETE") return wait_online(UpOutcome::Created);

    report_.root_cause = watch.progress.root_cause();
    std::string reason =
        report_.root_cause ? report_.root_cause->reason : watch.progress.stack_reason();
    report_.hint = domain::hint_for_failure(reason, report_.region);
    if (any_of_status(report_.stack_status, {"ROLLBACK_COMPLETE", "CREATE_FAILED"})) {
      clean_up();
    }
    return finish(UpOutcome::Failed);
  }

  // A rolled-back stack holds its name: delete it so that the next up starts clean.
  void clean_up() {
    auto stack = find_stack(cloudformation_, report_.stack_id, patience_);
    if (!stack) return;
    observer_.on_phase(UpPhase::CleaningUp, report_.stack_name);
    WatchResult removal = delete_and_watch(cloudformation_, *stack, patience_, observer_);
    observer_.on_phase_end(removal);
    report_.failed_stack_deleted = removal.progress.stack_status() == "DELETE_COMPLETE";
  }

  void read_resources() {
    auto resources = patience_.run("CloudFormation DescribeStackResources", [&] {
      return cloudformation_.describe_stack_resources(
          {report_.stack_id, std::nullopt, std::nullopt});
    });
    for (const auto& resource : resources) {
      report_.resources.push_back(
          {resource.logical_resource_id, resource.resource_type, resource.resource_status,
           resource.physical_resource_id.value_or(""), resource.timestamp, resource.timestamp});
    }
  }

  UpReport wait_online(UpOutcome success) {
    const std::string& instance = report_.preflight.instance_id;
    if (!request_.wait_online || instance.empty()) return finish(success);
    observer_.on_waiting_online(instance);
    auto ssm_client = session_.client(aws::ssm_service());
    cloud::Ssm ssm(ssm_client);
    OnlineWait wait =
        wait_until_online(ssm, clock_, instance, request_.online_timeout, request_.interrupted);
    report_.agent = wait.agent;
    if (wait.end == OnlineEnd::Interrupted) return finish(UpOutcome::Interrupted);
    if (wait.end == OnlineEnd::TimedOut) {
      explain_offline();
      return finish(UpOutcome::NotOnline);
    }
    report_.online_at = wait.online_at;
    return finish(success);
  }

  // The instance stayed away: doctor's checks on the VPC as it is now, endpoints included.
  void explain_offline() {
    inventory_ = gather();
    for (auto& finding : preflight().findings) {
      if (finding.severity == domain::Severity::Error ||
          finding.severity == domain::Severity::Warning) {
        report_.still_wrong.push_back(std::move(finding));
      }
    }
    report_.preflight.plan.reuse.clear();  // pointed into the inventory just replaced
  }

  UpReport finish(UpOutcome outcome) {
    report_.outcome = outcome;
    report_.reused.clear();
    // An attached stack's own endpoints are not "reused".
    for (const auto& reused : report_.attached ? decltype(report_.preflight.plan.reuse){}
                                               : report_.preflight.plan.reuse) {
      report_.reused.push_back({reused.service, reused.endpoint->id});
    }
    report_.preflight.plan.reuse.clear();
    return std::move(report_);
  }

  aws::Session& session_;
  const UpRequest& request_;
  UpObserver& observer_;
  Clock& clock_;
  aws::AwsClient cloudformation_client_;
  cloud::CloudFormation cloudformation_;
  Patience patience_;
  domain::Inventory inventory_;
  UpReport report_;
};

}  // namespace

UpReport run_up(aws::Session& session, const UpRequest& request, UpObserver& observer) {
  return Up(session, request, observer).run();
}

}  // namespace ssmlink::workflows
