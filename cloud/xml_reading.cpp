#include "cloud/xml_reading.hpp"

#include <utility>

#include "aws/errors.hpp"
#include "cloud/wire_values.hpp"
#include "util/strings.hpp"

namespace ssmlink::cloud {

namespace {
std::string in_quotes(std::string_view text) {
  return "\"" + printable(text) + "\"";
}
}  // namespace

XmlElement::XmlElement(pugi::xml_node node, std::string label, std::string path,
                       const char* entry_name)
    : node_(node), label_(std::move(label)), path_(std::move(path)), entry_name_(entry_name) {}

XmlElement XmlElement::ec2_result(pugi::xml_node result, std::string_view operation) {
  return XmlElement::result(result, "EC2 " + std::string(operation),
                            std::string(operation) + "Response", "item");
}

XmlElement XmlElement::query_result(pugi::xml_node result, std::string_view service,
                                    std::string_view operation) {
  return XmlElement::result(result, std::string(service) + " " + std::string(operation),
                            std::string(operation) + "Result", "member");
}

XmlElement XmlElement::result(pugi::xml_node node, std::string label,
                              std::string_view expected_name, const char* entry_name) {
  XmlElement element(node, std::move(label), "", entry_name);
  if (node.type() != pugi::node_element) {
    element.fail("no <" + std::string(expected_name) + "> element");
  }
  if (expected_name != node.name()) {
    element.fail("the result is <" + printable(node.name()) + ">, expected <" +
                 std::string(expected_name) + ">");
  }
  return element;
}

void XmlElement::fail(std::string_view problem) const {
  std::string where = path_.empty() ? "" : path_ + ": ";
  throw aws::ResponseError(label_ + " response: " + where + std::string(problem));
}

void XmlElement::fail_child(const char* name, std::string_view problem) const {
  throw aws::ResponseError(label_ + " response: " + child_path(name) + " " + std::string(problem));
}

std::string XmlElement::child_path(const char* name) const {
  return path_.empty() ? std::string(name) : path_ + "/" + name;
}

XmlElement XmlElement::child_element(pugi::xml_node child, std::string path) const {
  return XmlElement(child, label_, std::move(path), entry_name_);
}

std::string XmlElement::required_string(const char* name) const {
  std::optional<std::string> value = optional_string(name);
  if (!value) fail_child(name, "is missing");
  if (value->empty()) fail_child(name, "is empty");
  return *value;
}

std::optional<std::string> XmlElement::optional_string(const char* name) const {
  pugi::xml_node child = node_.child(name);
  if (!child) return std::nullopt;
  return std::string(child.text().get());
}

bool XmlElement::required_bool(const char* name) const {
  std::string text = required_string(name);
  std::optional<bool> value = parse_bool(text);
  if (!value) fail_child(name, "is " + in_quotes(text) + ", not true or false");
  return *value;
}

std::optional<bool> XmlElement::optional_bool(const char* name) const {
  if (!node_.child(name)) return std::nullopt;
  return required_bool(name);
}

int XmlElement::required_int(const char* name) const {
  std::string text = required_string(name);
  std::optional<int> value = parse_int(text);
  if (!value) fail_child(name, "is " + in_quotes(text) + ", not an integer");
  return *value;
}

std::optional<int> XmlElement::optional_int(const char* name) const {
  if (!node_.child(name)) return std::nullopt;
  return required_int(name);
}

Clock::TimePoint XmlElement::required_time(const char* name) const {
  std::string text = required_string(name);
  std::optional<Clock::TimePoint> value = parse_timestamp(text);
  if (!value) fail_child(name, "is " + in_quotes(text) + ", not an ISO 8601 timestamp");
  return *value;
}

std::optional<Clock::TimePoint> XmlElement::optional_time(const char* name) const {
  if (!node_.child(name)) return std::nullopt;
  return required_time(name);
}

XmlElement XmlElement::required_child(const char* name) const {
  std::optional<XmlElement> child = optional_child(name);
  if (!child) fail_child(name, "is missing");
  return *child;
}

std::optional<XmlElement> XmlElement::optional_child(const char* name) const {
  pugi::xml_node child = node_.child(name);
  if (!child) return std::nullopt;
  return child_element(child, child_path(name));
}

std::vector<XmlElement> XmlElement::list(const char* name) const {
  std::vector<XmlElement> entries;
  pugi::xml_node list_node = node_.child(name);
  std::string list_path = child_path(name);
  for (pugi::xml_node entry : list_node.children(entry_name_)) {
    entries.push_back(child_element(
        entry, list_path + "/" + entry_name_ + "[" + std::to_string(entries.size() + 1) + "]"));
  }
  return entries;
}

std::vector<std::string> XmlElement::string_list(const char* name) const {
  std::vector<std::string> values;
  for (pugi::xml_node entry : node_.child(name).children(entry_name_)) {
    values.emplace_back(entry.text().get());
  }
  return values;
}

}  // namespace ssmlink::cloud
