#include <signal.h>
#include <string.h>

#include <system_error>

#include "aws/child_process.hpp"
#include "aws/credential_helpers.hpp"
#include "aws/credential_providers.hpp"
#include "aws/shell_split.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

// The first line with something on it.
std::string first_line(std::string_view text) {
  for (const auto& line : split(text, '\n')) {
    if (std::string content = trim(line); !content.empty()) return printable(content, 200);
  }
  return "nothing on stderr";
}

std::string signal_name(int signal) {
  const char* name = sigabbrev_np(signal);
  return name ? std::string("SIG") + name : "signal " + std::to_string(signal);
}

// credential_process: a program (a password manager, a company tool) prints
// {"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}.
// Messages name the program, never its arguments, which may hold secrets of their own.
class ProcessSource final : public CredentialSource {
 public:
  ProcessSource(SourceContext context, std::string profile)
      : context_(std::move(context)), profile_(std::move(profile)) {}

  std::optional<Credentials> load() override {
    auto command = profile_setting(*context_.config, profile_, "credential_process");
    if (!command) return std::nullopt;
    auto argv = shell_split(*command);
    if (!argv || argv->empty() || argv->front().empty()) {
      throw ConfigError("credential_process of profile " + profile_ +
                        (argv ? " is empty" : " has an unclosed quote or ends in a backslash") +
                        ": write it as a command line, e.g. /usr/local/bin/tool --flag \"a b\"");
    }
    what_ = "credential_process of profile " + profile_ + " (" + printable((*argv)[0]) + ")";
    return parse(run(*argv));
  }

  std::string description() const override {
    return "credential_process (profile " + profile_ + ")";
  }

 private:
  ChildResult run(const std::vector<std::string>& argv) const {
    ChildResult result;
    try {
      result = run_child_process(argv, context_.process_timeout);
    } catch (const std::system_error& e) {
      throw CredentialsError("cannot run " + what_ + ": " + e.code().message() +
                             "; check the program's path in credential_process");
    }
    if (result.timed_out) {
      throw CredentialsError(what_ + " did not finish within " + seconds() +
                             " and was stopped; check that it runs on its own, without input");
    }
    if (result.signal) {
      throw CredentialsError(what_ + " was killed by " + signal_name(*result.signal) + ": " +
                             first_line(result.err));
    }
    if (result.exit_code != 0) {
      throw CredentialsError(what_ + " failed with exit code " +
                             std::to_string(result.exit_code.value_or(-1)) + ": " +
                             first_line(result.err));
    }
    return result;
  }

  std::string seconds() const {
    auto milliseconds = context_.process_timeout.count();
    if (milliseconds % 1000 == 0) return std::to_string(milliseconds / 1000) + " s";
    return std::to_string(milliseconds) + " ms";
  }

  Credentials parse(const ChildResult& result) const {
    auto output = nlohmann::json::parse(result.out, nullptr, /*allow_exceptions=*/false);
    if (!output.is_object()) {
      throw CredentialsError(what_ + " printed \"" + safe_excerpt(result.out) +
                             "\", which is not a JSON object such as {\"Version\": 1, "
                             "\"AccessKeyId\": ..., \"SecretAccessKey\": ...}");
    }
    auto version = output.find("Version");
    if (version == output.end() || !version->is_number() || *version != 1) {
      std::string shown =
          version == output.end() ? "no Version" : "Version " + safe_excerpt(version->dump(), 20);
      throw CredentialsError(what_ + " printed JSON with " + shown +
                             "; ssmlink understands \"Version\": 1");
    }
    Credentials credentials{json_string(output, "AccessKeyId", what_),
                            json_string(output, "SecretAccessKey", what_), "", std::nullopt};
    if (output.contains("SessionToken") && !output["SessionToken"].is_null()) {
      credentials.session_token = json_string(output, "SessionToken", what_);
    }
    if (output.contains("Expiration") && !output["Expiration"].is_null()) {
      credentials.expiration = parse_expiration(json_string(output, "Expiration", what_), what_);
    }
    return credentials;
  }

  SourceContext context_;
  std::string profile_;
  std::string what_;
};

}  // namespace

std::unique_ptr<CredentialSource> make_process_source(const SourceContext& context,
                                                      const std::string& profile) {
  return std::make_unique<ProcessSource>(context, profile);
}

}  // namespace ssmlink::aws
