// Test helpers for cloud/: XML response text turned into what AwsClient returns, and fake
// transports that answer a service class's calls with canned responses and record each
// request. Header-only: every test suite compiles tests/support/*.cpp, and only the cloud
// suite links pugixml.
#pragma once
#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/client.hpp"
#include "cloud/calls.hpp"

namespace ssmlink::testing {

// A parsed XML text; a fixture that is not well-formed XML fails loudly.
class XmlText {
 public:
  explicit XmlText(std::string_view xml) : document_(std::make_shared<pugi::xml_document>()) {
    pugi::xml_parse_result parsed = document_->load_buffer(xml.data(), xml.size());
    if (!parsed)
      throw std::runtime_error(std::string("fixture is not XML: ") + parsed.description());
  }
  pugi::xml_node root() const { return document_->document_element(); }
  // The query protocol's result wrapper, e.g. <DescribeStacksResult>.
  pugi::xml_node child(const char* name) const { return root().child(name); }
  std::shared_ptr<pugi::xml_document> document() const { return document_; }

 private:
  std::shared_ptr<pugi::xml_document> document_;
};

// As AwsClient::query returns it: the <ActionResult> element for the query protocol, the
// root for EC2 (whose responses have no result wrapper).
inline aws::XmlResponse xml_response(std::string_view xml, const std::string& action) {
  XmlText text(xml);
  pugi::xml_node result = text.child((action + "Result").c_str());
  if (!result) result = text.root();
  return aws::XmlResponse(text.document(), result, "request-id");
}

struct RecordedQuery {
  std::string action;
  aws::QueryParams params;
};

// Answers query calls with the responses given, in order; running out is a test failure.
class FakeQueryService {
 public:
  void respond(std::string xml) { state_->responses.push_back(std::move(xml)); }
  const std::vector<RecordedQuery>& calls() const { return state_->calls; }

  cloud::QueryCall call() const {
    return [state = state_](const std::string& action, const aws::QueryParams& params) {
      state->calls.push_back({action, params});
      if (state->responses.empty()) throw std::logic_error("no canned response for " + action);
      std::string xml = std::move(state->responses.front());
      state->responses.pop_front();
      return xml_response(xml, action);
    };
  }

 private:
  struct State {
    std::deque<std::string> responses;
    std::vector<RecordedQuery> calls;
  };
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

struct RecordedJson {
  std::string operation;
  nlohmann::json input;
};

// The same for JSON 1.1 calls.
class FakeJsonService {
 public:
  void respond(std::string_view json) { state_->responses.push_back(nlohmann::json::parse(json)); }
  const std::vector<RecordedJson>& calls() const { return state_->calls; }

  cloud::JsonCall call() const {
    return [state = state_](const std::string& operation, const nlohmann::json& input) {
      state->calls.push_back({operation, input});
      if (state->responses.empty()) throw std::logic_error("no canned response for " + operation);
      nlohmann::json output = std::move(state->responses.front());
      state->responses.pop_front();
      return output;
    };
  }

 private:
  struct State {
    std::deque<nlohmann::json> responses;
    std::vector<RecordedJson> calls;
  };
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

}  // namespace ssmlink::testing
