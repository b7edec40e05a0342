// Test helper: a JSON SAX handler (nlohmann's interface) that writes down every event, so
// that two parsers can be compared event by event (tests/util, fuzz/json_sax_fuzz.cpp).
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ssmlink::testing {

class JsonEvents {
 public:
  bool null() { return add("null"); }
  bool boolean(bool value) { return add(value ? "true" : "false"); }
  bool number_integer(std::int64_t value) { return add("integer " + std::to_string(value)); }
  bool number_unsigned(std::uint64_t value) { return add("unsigned " + std::to_string(value)); }
  bool number_float(double, const std::string& text) { return add("float " + text); }
  bool string(std::string& value) { return add("string " + value); }
  bool binary(nlohmann::json::binary_t&) { return add("binary"); }
  bool start_object(std::size_t) { return add("{"); }
  bool key(std::string& name) { return add("key " + name); }
  bool end_object() { return add("}"); }
  bool start_array(std::size_t) { return add("["); }
  bool end_array() { return add("]"); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception&) {
    failed = true;
    return false;
  }

  std::vector<std::string> events;
  bool failed = false;

 private:
  bool add(std::string event) {
    events.push_back(std::move(event));
    return true;
  }
};

}  // namespace ssmlink::testing
