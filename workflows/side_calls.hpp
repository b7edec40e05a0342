// Doctor's gathering calls, by how their failure counts: the target's own calls end the
// run (tried again within the patience given); any other call's failure is recorded as
// unreadable and the gathering goes on. Shared by the network and the IAM gathering.
#pragma once
#include <optional>
#include <string>
#include <utility>

#include "aws/errors.hpp"
#include "domain/inventory.hpp"
#include "workflows/inventory.hpp"
#include "workflows/patience.hpp"

namespace ssmlink::workflows {

// What an unreadable call's finding shows: AWS's code and message, or the client's words
// for a failure that never got an AWS answer.
inline std::string failure_text(const aws::AwsError& error) {
  if (const auto* service = dynamic_cast<const aws::ServiceError*>(&error)) {
    return service->code + ": " + service->message;
  }
  return error.what();
}

// The calls without which nothing can be judged (the target instance, its VPC): tried
// again while their failure passes, within the patience given; then they end the run.
template <typename Call>
decltype(auto) essential(Patience* patience, const std::string& call, Call&& fetch) {
  if (!patience) return fetch();
  return patience->run(call, fetch);
}

// Every other call: any failure of its own (denied, not implemented, 5xx after retries, an
// HTML or truncated answer, the network) is returned as text (none: it worked), so one
// failing side call never costs the whole report. Credentials and configuration failures
// concern every call: they end the run.
template <typename Call>
std::optional<std::string> side_call(const GatherOptions& options, const std::string& call,
                                     Call&& fetch) {
  try {
    if (options.patience && options.patient_side_calls) {
      options.patience->run(call, fetch);
    } else {
      fetch();
    }
    return std::nullopt;
  } catch (const aws::CredentialsError&) {
    throw;
  } catch (const aws::ConfigError&) {
    throw;
  } catch (const aws::AwsError& error) {
    return failure_text(error);
  }
}

// A side call whose failure is recorded as unreadable; false when it failed.
template <typename Call>
bool attempt(domain::Inventory& inventory, const GatherOptions& options, const std::string& call,
             Call&& fetch) {
  auto failure = side_call(options, call, std::forward<Call>(fetch));
  if (failure) inventory.unreadable.push_back({call, *failure});
  return !failure;
}

}  // namespace ssmlink::workflows
