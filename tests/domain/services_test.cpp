#include "domain/services.hpp"

#include <gtest/gtest.h>

namespace ssmlink::domain {
namespace {

TEST(Services, DefaultIsWhatSessionManagerNeeds) {
  EXPECT_EQ(default_services(),
            (std::vector<Service>{Service::Ssm, Service::SsmMessages, Service::Ec2Messages}));
}

TEST(Services, ParsesListsInCatalogueOrderWithoutDuplicates) {
  EXPECT_EQ(*parse_services("s3, kms,ssm,SSM"),
            (std::vector<Service>{Service::Ssm, Service::Kms, Service::S3}));
  EXPECT_EQ(*parse_services("logs"), std::vector<Service>{Service::Logs});
}

TEST(Services, RejectsUnknownAndEmptyNames) {
  auto bad = parse_services("ssm,ec2");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message,
            "\"ec2\" is not a service ssmlink knows (expected ssm, ssmmessages, ec2messages, kms, "
            "logs, s3)");
  EXPECT_FALSE(parse_services(""));
  EXPECT_FALSE(parse_services("ssm,,kms"));
}

TEST(Services, NamesFollowThePartition) {
  EXPECT_EQ(service_name(Service::Ssm, "ap-northeast-1"), "com.amazonaws.ap-northeast-1.ssm");
  EXPECT_EQ(service_name(Service::SsmMessages, "us-gov-west-1"),
            "com.amazonaws.us-gov-west-1.ssmmessages");
  // In China only some services use the cn.com.amazonaws prefix: s3 does, ssm does not.
  EXPECT_EQ(service_name(Service::Ssm, "cn-north-1"), "com.amazonaws.cn-north-1.ssm");
  EXPECT_EQ(service_name(Service::Kms, "cn-northwest-1"), "com.amazonaws.cn-northwest-1.kms");
  EXPECT_EQ(service_name(Service::S3, "cn-north-1"), "cn.com.amazonaws.cn-north-1.s3");
  EXPECT_EQ(service_name(Service::S3, "eu-west-1"), "com.amazonaws.eu-west-1.s3");
}

TEST(Services, PrivateDnsNamesUseThePartitionSuffix) {
  EXPECT_EQ(private_dns_name(Service::Ssm, "eu-west-1"), "ssm.eu-west-1.amazonaws.com");
  EXPECT_EQ(private_dns_name(Service::Ssm, "cn-north-1"), "ssm.cn-north-1.amazonaws.com.cn");
}

TEST(Services, OnlyS3IsAGatewayEndpoint) {
  for (const auto& entry : service_catalogue()) {
    EXPECT_EQ(entry.type == EndpointType::Gateway, entry.service == Service::S3) << entry.key;
  }
}

}  // namespace
}  // namespace ssmlink::domain
