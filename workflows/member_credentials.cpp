#include "workflows/member_credentials.hpp"

#include "aws/service.hpp"
#include "cloud/sts.hpp"
#include "domain/partitions.hpp"

namespace ssmlink::workflows {

std::shared_ptr<aws::CredentialsProvider> member_credentials(aws::Session& session,
                                                             const std::string& account_id,
                                                             const std::string& own_account_id,
                                                             const MemberRole& role,
                                                             Patience& patience) {
  if (account_id == own_account_id) return session.credentials();
  const domain::Partition* found = domain::partition_of(session.region().region);
  std::string partition = found ? found->id : "aws";
  std::string role_arn = "arn:" + partition + ":iam::" + account_id + ":role/" + role.role_name;
  aws::AwsClient client = session.client(aws::sts_service());
  cloud::Sts sts(client);
  cloud::AssumedRole assumed = patience.run("STS AssumeRole", [&] {
    return sts.assume_role({role_arn, role.role_session_name, std::nullopt, std::nullopt});
  });
  return std::make_shared<aws::FixedCredentials>(assumed.credentials, "role " + role_arn);
}

}  // namespace ssmlink::workflows
