#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/session.hpp"
#include "workflows/whoami.hpp"

namespace ssmlink::cli {

Action register_whoami(CLI::App& app, Context& context) {
  CLI::App* command =
      app.add_subcommand("whoami",
                         "show the AWS account, caller and region ssmlink would use, and where the "
                         "credentials come from");
  add_global_options(*command, context.global);
  command->footer(R"(Examples:
  ssmlink whoami
  ssmlink whoami --profile dev --output json
  AWS_PROFILE=ops ssmlink whoami --region ap-northeast-1)");
  return [&context]() {
    auto session = open_session(context);
    workflows::Identity who = workflows::run_whoami(*session);
    if (context.global.format() == OutputFormat::Json) {
      nlohmann::ordered_json json = {{"account", who.account},
                                     {"arn", who.arn},
                                     {"user_id", who.user_id},
                                     {"region", who.region},
                                     {"region_source", who.region_source},
                                     {"profile", who.profile},
                                     {"credential_source", who.credential_source}};
      context.out << json.dump(2) << "\n";
      return 0;
    }
    context.out << "Account      " << who.account << "\n"
                << "Caller       " << who.arn << "\n"
                << "User ID      " << who.user_id << "\n"
                << "Region       " << who.region << " (from " << who.region_source << ")\n"
                << "Credentials  " << who.credential_source << "\n";
    return 0;
  };
}

}  // namespace ssmlink::cli
