// Test helper: ssmlink's command line run in the test's process against an emulator, with
// the emulator's test keys and nothing of the machine's AWS configuration; and (from
// seed_ids.hpp) the IDs of the seed scenario the tests use. Header-only: only the cli
// suite links ssmlink's command line.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "tests/support/seed_ids.hpp"
#include "util/environment.hpp"

namespace ssmlink::testing {

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
  nlohmann::json json() const { return nlohmann::json::parse(out); }
};

// `endpoint_url` is the emulator's; `extra` adds or overrides variables.
inline CliRun run_ssmlink(const std::vector<std::string>& args, const std::string& endpoint_url,
                          const std::string& home,
                          const std::map<std::string, std::string>& extra = {}) {
  std::map<std::string, std::string> vars{{"HOME", home},
                                          {"AWS_ACCESS_KEY_ID", "test"},
                                          {"AWS_SECRET_ACCESS_KEY", "test"},
                                          {"AWS_REGION", "us-east-1"},
                                          {"AWS_ENDPOINT_URL", endpoint_url}};
  for (const auto& [name, value] : extra)
    vars[name] = value;
  MapEnvironment env(vars);
  std::ostringstream out, err;
  int code = cli::run(args, out, err, env);
  return {code, out.str(), err.str()};
}

}  // namespace ssmlink::testing
