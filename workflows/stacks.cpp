#include "workflows/stacks.hpp"

#include <random>

#include "aws/errors.hpp"

namespace ssmlink::workflows {

std::optional<cloud::Stack> find_stack(cloud::CloudFormation& cloudformation,
                                       const std::string& name) {
  try {
    auto stacks = cloudformation.describe_stacks(name);
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

std::vector<cloud::Stack> managed_stacks(cloud::CloudFormation& cloudformation) {
  std::vector<cloud::Stack> managed;
  for (auto& stack : cloudformation.describe_stacks()) {
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

WatchResult delete_and_watch(cloud::CloudFormation& cloudformation, Clock& clock,
                             const cloud::Stack& stack, const std::atomic<bool>* interrupted,
                             WatchObserver& observer) {
  WatchOptions options;
  options.after_event_id = newest_event_id(cloudformation, stack.stack_id);
  options.interrupted = interrupted;
  cloudformation.delete_stack({stack.stack_id, {}, new_request_token("down"), std::nullopt});
  return watch_stack(cloudformation, clock, stack.stack_id, options, observer);
}

}  // namespace ssmlink::workflows
