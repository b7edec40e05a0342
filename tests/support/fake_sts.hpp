// Test helper: an StsCredentialsService that records every call and answers with
// numbered role credentials valid for an hour (or throws what the test sets).
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "aws/errors.hpp"
#include "aws/sts_credentials.hpp"
#include "util/clock.hpp"

namespace ssmlink::testing {

class FakeSts final : public aws::StsCredentialsService {
 public:
  struct AssumeRoleCall {
    aws::Credentials source;
    std::string region;
    aws::AssumeRoleRequest request;
  };
  struct WebIdentityCall {
    std::string region;
    aws::WebIdentityRequest request;
  };

  explicit FakeSts(std::shared_ptr<Clock> clock) : clock_(std::move(clock)) {}

  aws::Credentials assume_role(const aws::Credentials& source, const std::string& region,
                               const aws::AssumeRoleRequest& request) override {
    std::lock_guard lock(mutex_);
    assume_role_calls_.push_back({source, region, request});
    if (failure_) throw *failure_;
    return answer("ASIAROLE", assume_role_calls_.size());
  }

  aws::Credentials assume_role_with_web_identity(const std::string& region,
                                                 const aws::WebIdentityRequest& request) override {
    std::lock_guard lock(mutex_);
    web_identity_calls_.push_back({region, request});
    if (failure_) throw *failure_;
    return answer("ASIAWEB", web_identity_calls_.size());
  }

  // Every later call throws this.
  void fail_with(aws::ServiceError error) {
    std::lock_guard lock(mutex_);
    failure_ = std::move(error);
  }

  std::vector<AssumeRoleCall> assume_role_calls() const {
    std::lock_guard lock(mutex_);
    return assume_role_calls_;
  }
  std::vector<WebIdentityCall> web_identity_calls() const {
    std::lock_guard lock(mutex_);
    return web_identity_calls_;
  }

 private:
  aws::Credentials answer(const std::string& prefix, size_t number) const {
    std::string n = std::to_string(number);
    return aws::Credentials{prefix + n, "sts-secret-" + n, "sts-token-" + n,
                            clock_->now() + std::chrono::hours(1)};
  }

  std::shared_ptr<Clock> clock_;
  mutable std::mutex mutex_;
  std::vector<AssumeRoleCall> assume_role_calls_;
  std::vector<WebIdentityCall> web_identity_calls_;
  std::optional<aws::ServiceError> failure_;
};

}  // namespace ssmlink::testing
