// Credentials and where they come from. The chain (credential_chain.hpp) picks the
// first source that has them, in the AWS CLI's order.
#pragma once
#include <optional>
#include <string>
#include <utility>

#include "util/clock.hpp"

namespace ssmlink::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;                   // empty for long-term keys
  std::optional<Clock::TimePoint> expiration;  // none for long-term keys
};

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Current credentials, refreshed before they expire. Throws CredentialsError (or
  // ConfigError) naming the source and the fix.
  virtual Credentials get() = 0;
  // Where the credentials come from, for people: "environment",
  // "profile dev via sso", "instance metadata", ...
  virtual std::string source() const = 0;
};

// Credentials handed over as they are, already resolved: a source profile's for AssumeRole,
// or a role's that doctor --org assumed (valid an hour; one account's audit is seconds).
class FixedCredentials final : public CredentialsProvider {
 public:
  FixedCredentials(Credentials credentials, std::string source)
      : credentials_(std::move(credentials)), source_(std::move(source)) {}
  Credentials get() override { return credentials_; }
  std::string source() const override { return source_; }

 private:
  Credentials credentials_;
  std::string source_;
};

}  // namespace ssmlink::aws
