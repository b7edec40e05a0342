// libFuzzer target: every cloud/ JSON parser (SSM) on arbitrary bytes. A parser may refuse
// a response only with aws::AwsError; any other exception, a crash or a sanitizer report
// is a bug.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "aws/errors.hpp"
#include "cloud/ssm_responses.hpp"

namespace {

template <typename Parse>
void run(Parse parse, const nlohmann::json& output) {
  try {
    parse(output);
  } catch (const ssmlink::aws::AwsError&) {
    // A refused response: what the parsers are for.
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Without exceptions: text that is not JSON becomes a "discarded" value, which the
  // parsers must refuse like any other wrong body.
  nlohmann::json output = nlohmann::json::parse(data, data + size, nullptr, false);
  run(ssmlink::cloud::parse_describe_instance_information, output);
  run(ssmlink::cloud::parse_get_document, output);
  return 0;
}
