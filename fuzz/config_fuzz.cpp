// libFuzzer target: any bytes, split into a config and a credentials file, must parse or
// fail with ConfigError; nothing else may escape, and nothing may crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "aws/errors.hpp"
#include "aws/shared_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // The first NUL byte, when there is one, separates the two files.
  size_t split = input.find('\0');
  std::string_view config = input.substr(0, split);
  std::string_view credentials = split == std::string_view::npos ? input : input.substr(split + 1);
  try {
    auto parsed = ssmlink::aws::SharedConfig::parse(config, credentials);
    for (const auto& profile : parsed.profile_names()) {
      (void)parsed.profile_value(profile, "region");
      (void)parsed.profile_value(profile, "credential_process");
      (void)parsed.sso_session_value(profile, "sso_region");
      (void)parsed.services_value(profile, "ec2", "endpoint_url");
    }
  } catch (const ssmlink::aws::ConfigError&) {
  }
  return 0;
}
