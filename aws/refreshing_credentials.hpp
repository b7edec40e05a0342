// Temporary credentials kept fresh through the source that gave them, with botocore's
// RefreshableCredentials windows: with less than 15 minutes left a refresh is tried and
// a failure ignored; with less than 10 minutes left a failure is an error.
#pragma once
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "aws/credential_providers.hpp"

namespace ssmlink::aws {

class RefreshingCredentials final : public CredentialsProvider {
 public:
  static constexpr std::chrono::minutes kAdvisoryWindow{15};
  static constexpr std::chrono::minutes kMandatoryWindow{10};

  // `first` came from source->load() and has not expired (see keep_refreshed).
  RefreshingCredentials(std::unique_ptr<CredentialSource> source, Credentials first,
                        std::shared_ptr<Clock> clock);

  // Thread-safe; refreshes first when the credentials are about to expire.
  Credentials get() override;
  std::string source() const override { return source_->description(); }

 private:
  void refresh();

  std::unique_ptr<CredentialSource> source_;
  std::shared_ptr<Clock> clock_;
  std::mutex mutex_;
  Credentials current_;
  bool just_loaded_ = true;  // the first get() hands out `first` without another load
};

// `first` from source->load(), kept fresh through `source`; credentials that have already
// expired are a CredentialsError (and `source` is left alone).
std::shared_ptr<RefreshingCredentials> keep_refreshed(std::unique_ptr<CredentialSource>& source,
                                                      Credentials first,
                                                      const std::shared_ptr<Clock>& clock);

// The first of `sources` that has credentials, moved out of the list and kept with them;
// null when none has. A source that throws stops the search (the list stays whole).
std::shared_ptr<RefreshingCredentials> first_with_credentials(
    std::vector<std::unique_ptr<CredentialSource>>& sources, const std::shared_ptr<Clock>& clock);

}  // namespace ssmlink::aws
