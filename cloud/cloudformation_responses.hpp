// CloudFormation responses parsed from XML (query protocol): `result` is the <OpResult>
// element, list entries are <member>, element names are the model's member names. The
// members the model requires (and each stack's StackId) must be there; a missing one, a
// value of the wrong shape or the wrong result element is a ResponseError.
#pragma once
#include <pugixml.hpp>
#include <string>

#include "cloud/cloudformation.hpp"
#include "cloud/paging.hpp"
#include "cloud/xml_reading.hpp"

namespace ssmlink::cloud {

// A <member> of Parameters or Tags (CloudFormation's and StackSets' alike).
Parameter read_parameter(const XmlElement& member);
Tag read_tag(const XmlElement& member);

std::string parse_create_stack(pugi::xml_node result);  // the StackId
Page<Stack> parse_describe_stacks(pugi::xml_node result);
Page<StackEvent> parse_describe_stack_events(pugi::xml_node result);  // newest first
std::vector<StackResource> parse_describe_stack_resources(pugi::xml_node result);
Page<StackSummary> parse_list_stacks(pugi::xml_node result);
std::string parse_get_template(pugi::xml_node result);  // the TemplateBody

}  // namespace ssmlink::cloud
