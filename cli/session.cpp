#include "cli/session.hpp"

#include <ostream>

#include "cli/stack_view.hpp"

namespace ssmlink::cli {

std::unique_ptr<aws::Session> open_session(const Context& context) {
  aws::SessionOptions options;
  options.profile = context.global.profile;
  options.region = context.global.region;
  options.endpoint_url = context.global.endpoint_url;
  if (context.global.debug) options.debug = std::make_shared<aws::DebugLog>(context.err);
  return std::make_unique<aws::Session>(std::move(options), context.env);
}

std::chrono::seconds api_timeout(const Context& context) {
  return std::chrono::seconds(context.global.api_timeout_seconds);
}

workflows::Patience::Notify retry_notices(const Context& context) {
  if (context.global.quiet) return {};
  std::ostream& err = context.err;
  return [&err](const workflows::RetryNotice& notice) {
    err << "ssmlink: " << retry_line(notice) << "\n" << std::flush;
  };
}

}  // namespace ssmlink::cli
