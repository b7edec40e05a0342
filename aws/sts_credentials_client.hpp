// The real StsCredentialsService: AssumeRole and AssumeRoleWithWebIdentity over the
// query protocol, through an AwsClient the session makes for the region.
#pragma once
#include <functional>
#include <memory>

#include "aws/client.hpp"
#include "aws/sts_credentials.hpp"

namespace ssmlink::aws {

class StsCredentialsClient final : public StsCredentialsService {
 public:
  // Makes an STS client for a region, signed with the given credentials (null: unsigned).
  using ClientFactory =
      std::function<AwsClient(const std::string& region, std::shared_ptr<CredentialsProvider>)>;
  explicit StsCredentialsClient(ClientFactory factory) : factory_(std::move(factory)) {}

  Credentials assume_role(const Credentials& source, const std::string& region,
                          const AssumeRoleRequest& request) override;
  Credentials assume_role_with_web_identity(const std::string& region,
                                            const WebIdentityRequest& request) override;

 private:
  ClientFactory factory_;
};

// <Credentials><AccessKeyId/><SecretAccessKey/><SessionToken/><Expiration/></Credentials>
// inside an AssumeRole*Result; ResponseError when any of them is missing.
Credentials parse_sts_credentials(pugi::xml_node result, const std::string& operation);

}  // namespace ssmlink::aws
