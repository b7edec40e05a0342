// libFuzzer target: every cloud/ XML parser (EC2, CloudFormation, STS) on arbitrary bytes.
// A parser may refuse a response only with aws::AwsError; any other exception, a crash or
// a sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <pugixml.hpp>

#include "aws/errors.hpp"
#include "cloud/cloudformation_responses.hpp"
#include "cloud/ec2_responses.hpp"
#include "cloud/sts_responses.hpp"

namespace {

using namespace ssmlink::cloud;

template <typename Parse>
void run(Parse parse, pugi::xml_node node) {
  try {
    parse(node);
  } catch (const ssmlink::aws::AwsError&) {
    // A refused response: what the parsers are for.
  }
}

void run_every_parser(pugi::xml_node node) {
  run(parse_describe_instances, node);
  run(parse_describe_vpcs, node);
  run(
      [](pugi::xml_node n) {
        return parse_describe_vpc_attribute(n, VpcAttribute::EnableDnsSupport);
      },
      node);
  run(
      [](pugi::xml_node n) {
        return parse_describe_vpc_attribute(n, VpcAttribute::EnableDnsHostnames);
      },
      node);
  run(parse_describe_subnets, node);
  run(parse_describe_security_groups, node);
  run(parse_describe_security_group_rules, node);
  run(parse_describe_network_acls, node);
  run(parse_describe_route_tables, node);
  run(parse_describe_vpc_endpoints, node);
  run(parse_describe_vpc_endpoint_services, node);
  run(parse_describe_iam_instance_profile_associations, node);

  run(parse_create_stack, node);
  run(parse_describe_stacks, node);
  run(parse_describe_stack_events, node);
  run(parse_describe_stack_resources, node);
  run(parse_list_stacks, node);
  run(parse_get_template, node);

  run(parse_get_caller_identity, node);
  run(parse_assume_role, node);
  run(parse_assume_role_with_web_identity, node);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  pugi::xml_document document;
  if (!document.load_buffer(data, size)) return 0;
  run_every_parser(document);  // not an element: refused
  // EC2's result is the response element; the query protocol's is its <OpResult> child.
  pugi::xml_node root = document.document_element();
  run_every_parser(root);
  for (pugi::xml_node child : root.children())
    run_every_parser(child);
  return 0;
}
