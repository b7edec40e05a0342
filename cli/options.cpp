#include "cli/options.hpp"

#include <charconv>
#include <cmath>

#include "cli/context.hpp"
#include "util/strings.hpp"

namespace ssmlink::cli {

CLI::Validator id_validator(domain::ResourceKind kind) {
  return checked_by([kind](const std::string& text) { return domain::parse_id(kind, text); },
                    std::string(domain::id_prefix(kind)) + "-ID");
}

domain::Result<double> parse_number(std::string_view text, double minimum, bool minimum_allowed,
                                    std::string_view expected) {
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  bool ok = error == std::errc() && end == text.data() + text.size() && std::isfinite(value) &&
            (value > minimum || (minimum_allowed && value == minimum));
  if (ok) return value;
  return domain::fail("\"" + printable(text) + "\" is not " + std::string(expected));
}

domain::Result<int> parse_count(std::string_view text, int minimum, int maximum) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc() && end == text.data() + text.size() && value >= minimum &&
      value <= maximum) {
    return value;
  }
  return domain::fail("\"" + printable(text) + "\" is not a whole number from " +
                      std::to_string(minimum) + " to " + std::to_string(maximum));
}

CLI::Option* add_repeatable(CLI::App& app, const std::string& name,
                            std::vector<std::string>& values, const std::string& help) {
  return app.add_option(name, values, help + " (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_size(1);
}

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("--profile", options.profile, "AWS profile from ~/.aws/config")
      ->type_name("PROFILE")
      ->group("Global options");
  app.add_option("--region", options.region, "AWS region (default: AWS_REGION, profile)")
      ->type_name("REGION")
      ->group("Global options");
  app.add_option("--endpoint-url", options.endpoint_url, "send AWS calls to this URL")
      ->type_name("URL")
      ->group("Global options");
  app.add_option("--output", options.output, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->group("Global options");
  app.add_flag("--no-color", options.no_color, "no colour (also NO_COLOR)")
      ->group("Global options");
  app.add_flag("--quiet", options.quiet, "print only results and errors")->group("Global options");
  app.add_flag("--debug", options.debug, "log AWS requests (secrets redacted) to stderr")
      ->group("Global options");
  app.add_option("--api-timeout", options.api_timeout_seconds,
                 "keep retrying AWS calls that fail for throttling, 5xx or the network for up "
                 "to SECONDS (default 180; 0: fail after the client's own attempts)")
      ->check(checked_by([](const std::string& v) { return parse_count(v, 0, 86400); }, "SECONDS"))
      ->group("Global options");
}

}  // namespace ssmlink::cli
