#include "workflows/stacks.hpp"

#include <random>

#include "aws/errors.hpp"

namespace ssmlink::workflows {

std::optional<cloud::Stack> find_stack(cloud::CloudFormation& cloudformation,
                                       const std::string& name, Patience& patience) {
  try {
    auto stacks = patience.run("CloudFormation DescribeStacks",
                               [&] { return cloudformation.describe_stacks(name); });
    if (stacks.empty()) return std::nullopt;
    return stacks.front();
  } catch (const aws::ServiceError& error) {
    // AWS: ValidationError "Stack with id NAME does not exist".
    if (error.code == "ValidationError" &&
        error.message.find("does not exist") != std::string::npos) {
      return std::nullopt;
    }
    throw;
  }
}

std::vector<cloud::Stack> managed_stacks(cloud::CloudFormation& cloudformation,
                                         Patience& patience) {
  std::vector<cloud::Stack> managed;
  auto stacks = patience.run("CloudFormation DescribeStacks",
                             [&] { return cloudformation.describe_stacks(); });
  for (auto& stack : stacks) {
    if (domain::is_managed(domain_tags(stack.tags))) managed.push_back(std::move(stack));
  }
  return managed;
}

std::vector<domain::Tag> domain_tags(const std::vector<cloud::Tag>& tags) {
  std::vector<domain::Tag> result;
  result.reserve(tags.size());
  for (const auto& tag : tags)
    result.push_back({tag.key, tag.value});
  return result;
}

std::vector<cloud::Tag> cloud_tags(const std::vector<domain::Tag>& tags) {
  std::vector<cloud::Tag> result;
  result.reserve(tags.size());
  for (const auto& tag : tags)
    result.push_back({tag.key, tag.value});
  return result;
}

std::string new_request_token(const std::string& operation) {
  std::random_device device;
  std::mt19937_64 random(static_cast<uint64_t>(device()) << 32 | device());
  static const char* digits = "0123456789abcdef";
  std::string token = "ssmlink-" + operation + "-";
  for (int i = 0; i < 24; ++i)
    token += digits[random() % 16];
  return token;
}

WatchOptions watch_options(const Patience& patience, std::optional<std::string> after_event_id) {
  WatchOptions options;
  options.after_event_id = std::move(after_event_id);
  options.interrupted = patience.interrupted();
  options.api_timeout = patience.budget();
  return options;
}

WatchResult delete_and_watch(cloud::CloudFormation& cloudformation, const cloud::Stack& stack,
                             Patience& patience, WatchObserver& observer) {
  auto newest = patience.run("CloudFormation DescribeStackEvents",
                             [&] { return newest_event_id(cloudformation, stack.stack_id); });
  cloud::DeleteStackRequest request{stack.stack_id, {}, new_request_token("down"), std::nullopt};
  patience.run("CloudFormation DeleteStack", [&] { cloudformation.delete_stack(request); });
  return watch_stack(cloudformation, patience.clock(), stack.stack_id,
                     watch_options(patience, newest), observer);
}

}  // namespace ssmlink::workflows
