// Test helper: everything a credential source or chain needs, made up for one test: a
// temporary HOME with ~/.aws, a MapEnvironment (never the process's), a manual clock, a
// recording STS and an HTTP client that sends nothing unless the test says so.
#pragma once
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "aws/credential_chain.hpp"
#include "aws/credential_providers.hpp"
#include "tests/support/error_of.hpp"
#include "tests/support/fake_sts.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/scripted_http_client.hpp"
#include "tests/support/temp_dir.hpp"

namespace ssmlink::testing {

struct CredentialWorld {
  TempDir home;
  MapEnvironment env;
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
  std::shared_ptr<FakeSts> sts = std::make_shared<FakeSts>(clock);
  std::shared_ptr<ScriptedHttpClient> scripted = std::make_shared<ScriptedHttpClient>();
  std::shared_ptr<aws::HttpClient> http = scripted;  // tests may point it at a real client
  std::chrono::milliseconds process_timeout{5000};
  std::string region = "eu-west-1";

  CredentialWorld() { env.set("HOME", home.path()); }

  std::string write_config(const std::string& text) const {
    return home.write(".aws/config", text);
  }
  std::string write_credentials(const std::string& text) const {
    return home.write(".aws/credentials", text);
  }

  // The shared files as they are now; earlier loads stay valid for sources made from them.
  const aws::SharedConfig& config() {
    configs_.push_back(aws::SharedConfig::load(env));
    return configs_.back();
  }

  aws::SourceContext context() {
    return aws::SourceContext{&env, &config(), http, sts, clock, region, process_timeout};
  }

  std::shared_ptr<aws::CredentialsProvider> chain(
      std::optional<std::string> profile_flag = std::nullopt) {
    aws::CredentialChainParts parts;
    parts.profile_flag = std::move(profile_flag);
    parts.region = region;
    parts.env = &env;
    parts.config = &config();
    parts.http = http;
    parts.sts = sts;
    parts.clock = clock;
    parts.credential_process_timeout = process_timeout;
    return aws::make_credential_chain(parts);
  }

 private:
  std::deque<aws::SharedConfig> configs_;
};

}  // namespace ssmlink::testing
