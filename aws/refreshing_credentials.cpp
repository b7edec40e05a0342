#include "aws/refreshing_credentials.hpp"

#include "aws/errors.hpp"

namespace ssmlink::aws {

namespace {
void check_not_expired(const Credentials& credentials, const std::string& source,
                       const Clock& clock) {
  if (credentials.expiration && *credentials.expiration <= clock.now()) {
    throw CredentialsError("the credentials from " + source + " expired at " +
                           format_iso8601(*credentials.expiration) +
                           "; renew them at their source");
  }
}
}  // namespace

RefreshingCredentials::RefreshingCredentials(std::unique_ptr<CredentialSource> source,
                                             Credentials first, std::shared_ptr<Clock> clock)
    : source_(std::move(source)), clock_(std::move(clock)), current_(std::move(first)) {}

Credentials RefreshingCredentials::get() {
  std::lock_guard lock(mutex_);
  if (just_loaded_) {
    just_loaded_ = false;
    return current_;
  }
  if (!current_.expiration) return current_;
  auto left = *current_.expiration - clock_->now();
  if (left >= kAdvisoryWindow) return current_;
  try {
    refresh();
  } catch (const std::exception&) {
    // In the advisory window the old credentials are still good enough.
    if (left < kMandatoryWindow) throw;
  }
  return current_;
}

void RefreshingCredentials::refresh() {
  auto fresh = source_->load();
  if (!fresh) {
    throw CredentialsError("cannot refresh the credentials from " + source_->description() +
                           ": it no longer has any");
  }
  check_not_expired(*fresh, source_->description(), *clock_);
  current_ = std::move(*fresh);
}

std::shared_ptr<RefreshingCredentials> keep_refreshed(std::unique_ptr<CredentialSource>& source,
                                                      Credentials first,
                                                      const std::shared_ptr<Clock>& clock) {
  check_not_expired(first, source->description(), *clock);
  return std::make_shared<RefreshingCredentials>(std::move(source), std::move(first), clock);
}

std::shared_ptr<RefreshingCredentials> first_with_credentials(
    std::vector<std::unique_ptr<CredentialSource>>& sources, const std::shared_ptr<Clock>& clock) {
  for (auto& source : sources) {
    if (!source) continue;  // handed out by an earlier call
    if (auto credentials = source->load()) {
      return keep_refreshed(source, std::move(*credentials), clock);
    }
  }
  return nullptr;
}

}  // namespace ssmlink::aws
