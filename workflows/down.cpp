#include "workflows/down.hpp"

#include "aws/service.hpp"
#include "cloud/ec2.hpp"
#include "domain/stack_tags.hpp"
#include "workflows/errors.hpp"
#include "workflows/stacks.hpp"

namespace ssmlink::workflows {

namespace {

void refuse_unmanaged(const cloud::Stack& stack) {
  auto tags = domain_tags(stack.tags);
  if (auto stack_set = domain::read_purpose(tags).stack_set) {
    // Deleting it here would leave the StackSet's instance pointing at nothing.
    throw UsageError("stack " + stack.stack_name + " belongs to the StackSet " + *stack_set +
                     "; delete it from the management account with ssmlink down --stackset "
                     "--stackset-name " +
                     *stack_set);
  }
  if (domain::is_managed(tags)) return;
  throw UsageError("stack " + stack.stack_name +
                   " is not ssmlink's (it lacks the tag ssmlink:managed=true); ssmlink deletes "
                   "only its own stacks: delete it with aws cloudformation delete-stack "
                   "--stack-name " +
                   stack.stack_name + " if you are sure");
}

std::string vpc_of_instance(aws::Session& session, const std::string& instance_id,
                            Patience& patience) {
  auto client = session.client(aws::ec2_service());
  cloud::Ec2 ec2(client);
  std::vector<cloud::Instance> instances;
  try {
    instances = patience.run("EC2 DescribeInstances", [&] {
      return ec2.describe_instances({{instance_id}, {}, std::nullopt});
    });
  } catch (const aws::ServiceError& error) {
    if (error.code != "InvalidInstanceID.NotFound" && error.code != "InvalidInstanceID.Malformed")
      throw;
  }
  if (instances.empty() || !instances.front().vpc_id) {
    throw UsageError("--instance: " + instance_id + " does not exist in " +
                     session.region().region + " (check the ID and --region)");
  }
  return *instances.front().vpc_id;
}

class Down {
 public:
  Down(aws::Session& session, const DownRequest& request, DownObserver& observer)
      : session_(session),
        request_(request),
        observer_(observer),
        client_(session.client(aws::cloudformation_service())),
        cloudformation_(client_),
        patience_(*session.clock(), request.api_timeout, request.interrupted,
                  [&observer](const RetryNotice& notice) { observer.on_retry_later(notice); }) {}

  DownReport run() {
    report_.region = session_.region().region;
    for (const auto& stack : targets()) {
      refuse_unmanaged(stack);
      if (!delete_one(stack)) break;
    }
    report_.outcome = outcome();
    return std::move(report_);
  }

 private:
  std::vector<cloud::Stack> targets() {
    if (request_.stack_name) {
      report_.looked_for = "stack " + *request_.stack_name;
      auto stack = find_stack(cloudformation_, *request_.stack_name, patience_);
      return stack ? std::vector{*stack} : std::vector<cloud::Stack>{};
    }
    if (request_.expired) {
      report_.looked_for = "expired ssmlink stacks";
      std::vector<cloud::Stack> expired;
      Clock::TimePoint now = session_.clock()->now();
      for (auto& stack : managed_stacks(cloudformation_, patience_)) {
        auto purpose = domain::read_purpose(domain_tags(stack.tags));
        // A StackSet's stacks expire with it: down --stackset --expired.
        if (purpose.expires_at && *purpose.expires_at <= now && !purpose.stack_set)
          expired.push_back(std::move(stack));
      }
      return expired;
    }
    std::string vpc_id = request_.vpc_id
                             ? *request_.vpc_id
                             : vpc_of_instance(session_, *request_.instance_id, patience_);
    report_.looked_for = "ssmlink stacks in " + vpc_id;
    std::vector<cloud::Stack> in_vpc;
    for (auto& stack : managed_stacks(cloudformation_, patience_)) {
      if (domain::read_purpose(domain_tags(stack.tags)).vpc_id == vpc_id) {
        in_vpc.push_back(std::move(stack));
      }
    }
    // A stack with ssmlink's default name but not its tag is refused, not passed over.
    if (in_vpc.empty()) {
      if (auto named = find_stack(cloudformation_, domain::default_stack_name(vpc_id), patience_)) {
        in_vpc.push_back(*named);
      }
    }
    return in_vpc;
  }

  // False when interrupted: the remaining stacks are left alone.
  bool delete_one(const cloud::Stack& stack) {
    StackDeletion deletion{stack.stack_name, stack.stack_id};
    deletion.started = session_.clock()->now();
    observer_.on_deleting(stack.stack_name);
    WatchResult watch = delete_and_watch(cloudformation_, stack, patience_, observer_);
    deletion.status = watch.progress.stack_status();
    deletion.resources = watch.progress.resources();
    deletion.polls = watch.polls;
    deletion.interrupted = watch.end == WatchEnd::Interrupted;
    if (!deletion.interrupted) deletion.finished = watch.finished_at;
    if (deletion.status == "DELETE_FAILED") {
      deletion.root_cause = watch.progress.root_cause();
      std::string reason =
          deletion.root_cause ? deletion.root_cause->reason : watch.progress.stack_reason();
      deletion.hint = domain::hint_for_failure(reason, report_.region);
    }
    observer_.on_deleted(deletion);
    report_.stacks.push_back(std::move(deletion));
    return !report_.stacks.back().interrupted;
  }

  DownOutcome outcome() const {
    if (report_.stacks.empty()) return DownOutcome::NothingToDelete;
    for (const auto& stack : report_.stacks) {
      if (stack.interrupted) return DownOutcome::Interrupted;
    }
    for (const auto& stack : report_.stacks) {
      if (stack.status != "DELETE_COMPLETE") return DownOutcome::Failed;
    }
    return DownOutcome::Deleted;
  }

  aws::Session& session_;
  const DownRequest& request_;
  DownObserver& observer_;
  aws::AwsClient client_;
  cloud::CloudFormation cloudformation_;
  Patience patience_;
  DownReport report_;
};

}  // namespace

DownReport run_down(aws::Session& session, const DownRequest& request, DownObserver& observer) {
  return Down(session, request, observer).run();
}

}  // namespace ssmlink::workflows
