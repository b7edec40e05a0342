#include "workflows/whoami.hpp"

#include "cloud/sts.hpp"

namespace ssmlink::workflows {

Identity run_whoami(aws::Session& session) {
  aws::AwsClient client = session.client(aws::sts_service());
  cloud::CallerIdentity caller = cloud::Sts(client).get_caller_identity();
  return {caller.account,
          caller.arn,
          caller.user_id,
          session.region().region,
          session.region().source,
          session.profile(),
          session.credentials()->source()};
}

}  // namespace ssmlink::workflows
