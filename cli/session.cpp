#include "cli/session.hpp"

namespace ssmlink::cli {

std::unique_ptr<aws::Session> open_session(const Context& context) {
  aws::SessionOptions options;
  options.profile = context.global.profile;
  options.region = context.global.region;
  options.endpoint_url = context.global.endpoint_url;
  if (context.global.debug) options.debug = std::make_shared<aws::DebugLog>(context.err);
  return std::make_unique<aws::Session>(std::move(options), context.env);
}

}  // namespace ssmlink::cli
