#include "cloud/json_reading.hpp"

#include <climits>
#include <cstdint>
#include <utility>

#include "aws/errors.hpp"
#include "cloud/wire_values.hpp"
#include "util/strings.hpp"

namespace ssmlink::cloud {

namespace {
std::string type_of(const nlohmann::json& value) {
  return value.is_discarded() ? "not JSON" : value.type_name();
}

// The value as JSON text for a message; never throws (dump() would, on invalid UTF-8).
std::string shown(const nlohmann::json& value) {
  return printable(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}
}  // namespace

JsonObject::JsonObject(const nlohmann::json& value, std::string label, std::string path)
    : value_(&value), label_(std::move(label)), path_(std::move(path)) {}

JsonObject JsonObject::response(const nlohmann::json& body, std::string_view service,
                                std::string_view operation) {
  JsonObject object(body, std::string(service) + " " + std::string(operation), "");
  if (!body.is_object()) object.fail("the body is " + type_of(body) + ", expected an object");
  return object;
}

void JsonObject::fail(std::string_view problem) const {
  std::string where = path_.empty() ? "" : path_ + ": ";
  throw aws::ResponseError(label_ + " response: " + where + std::string(problem));
}

void JsonObject::fail_member(const std::string& path, std::string_view problem) const {
  throw aws::ResponseError(label_ + " response: " + path + " " + std::string(problem));
}

std::string JsonObject::member_path(const char* name) const {
  return path_.empty() ? std::string(name) : path_ + "." + name;
}

const nlohmann::json* JsonObject::member(const char* name) const {
  auto found = value_->find(name);
  if (found == value_->end() || found->is_null()) return nullptr;
  return &*found;
}

const nlohmann::json& JsonObject::typed_member(const char* name, nlohmann::json::value_t type,
                                               std::string_view type_name) const {
  const nlohmann::json& value = *member(name);
  if (value.type() != type) {
    fail_member(member_path(name), "is " + type_of(value) + ", expected " + std::string(type_name));
  }
  return value;
}

std::string JsonObject::required_string(const char* name) const {
  std::optional<std::string> value = optional_string(name);
  if (!value) fail_member(member_path(name), "is missing");
  if (value->empty()) fail_member(member_path(name), "is empty");
  return *value;
}

std::optional<std::string> JsonObject::optional_string(const char* name) const {
  if (!member(name)) return std::nullopt;
  return typed_member(name, nlohmann::json::value_t::string, "a string")
      .get_ref<const std::string&>();
}

std::optional<bool> JsonObject::optional_bool(const char* name) const {
  if (!member(name)) return std::nullopt;
  return typed_member(name, nlohmann::json::value_t::boolean, "true or false").get<bool>();
}

std::optional<int> JsonObject::optional_int(const char* name) const {
  const nlohmann::json* value = member(name);
  if (!value) return std::nullopt;
  if (value->is_number_unsigned() && value->get<std::uint64_t>() <= INT_MAX) {
    return static_cast<int>(value->get<std::uint64_t>());
  }
  if (value->is_number_integer() && !value->is_number_unsigned() &&
      value->get<std::int64_t>() >= INT_MIN && value->get<std::int64_t>() <= INT_MAX) {
    return static_cast<int>(value->get<std::int64_t>());
  }
  fail_member(member_path(name), "is " + shown(*value) + ", not an integer");
}

std::optional<Clock::TimePoint> JsonObject::optional_time(const char* name) const {
  const nlohmann::json* value = member(name);
  if (!value) return std::nullopt;
  std::optional<Clock::TimePoint> time;
  if (value->is_number()) {
    time = from_epoch_seconds(value->get<double>());
  } else if (value->is_string()) {
    time = parse_timestamp(value->get_ref<const std::string&>());
  }
  if (!time) {
    fail_member(member_path(name),
                "is " + shown(*value) + ", not a timestamp (seconds since 1970)");
  }
  return time;
}

JsonObject JsonObject::required_object(const char* name) const {
  if (!member(name)) fail_member(member_path(name), "is missing");
  return JsonObject(typed_member(name, nlohmann::json::value_t::object, "an object"), label_,
                    member_path(name));
}

std::vector<JsonObject> JsonObject::object_list(const char* name) const {
  std::vector<JsonObject> objects;
  if (!member(name)) return objects;
  const nlohmann::json& array = typed_member(name, nlohmann::json::value_t::array, "an array");
  for (const nlohmann::json& entry : array) {
    std::string path = member_path(name) + "[" + std::to_string(objects.size()) + "]";
    if (!entry.is_object()) fail_member(path, "is " + type_of(entry) + ", expected an object");
    objects.push_back(JsonObject(entry, label_, path));
  }
  return objects;
}

std::vector<std::string> JsonObject::string_list(const char* name) const {
  std::vector<std::string> strings;
  if (!member(name)) return strings;
  const nlohmann::json& array = typed_member(name, nlohmann::json::value_t::array, "an array");
  for (const nlohmann::json& entry : array) {
    if (!entry.is_string()) {
      std::string path = member_path(name) + "[" + std::to_string(strings.size()) + "]";
      fail_member(path, "is " + type_of(entry) + ", expected a string");
    }
    strings.push_back(entry.get<std::string>());
  }
  return strings;
}

}  // namespace ssmlink::cloud
