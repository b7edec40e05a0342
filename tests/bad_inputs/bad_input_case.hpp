// The bad-input corpus: ssmlink's real binary given malformed IDs, regions, tags, AWS
// config and credentials files, snapshots, commands, options and numbers. Each case is a
// command line with its environment and files, the exit code README.md documents and a
// piece of the one error line; every case is also checked for what must never happen
// (a crash, a hang, a stack trace, the secret key in the output).
#pragma once
#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "tests/support/process.hpp"

namespace ssmlink::testing {

// The corpus's credentials: a secret no output may contain.
inline constexpr const char* kCorpusAccessKey = "test-corpus-key";
inline constexpr const char* kCorpusSecret = "corpus-secret-7Qk2vX9pLm4Rt8Wz";
// An environment value that removes the variable from the base environment.
inline constexpr const char* kUnset = "<unset>";

struct BadInputCase {
  std::string name;  // the test's name: letters, digits, underscores
  // "{HOME}" in an argument or environment value is the case's empty temporary HOME.
  std::vector<std::string> args;
  int exit_code = 2;
  // Text the one "ssmlink: error: " line must contain; empty when the command succeeds.
  std::string error;
  std::map<std::string, std::string> env = {};    // over the base environment
  std::map<std::string, std::string> files = {};  // under HOME: relative path -> content
  // Writes HOME/snapshot.json from a snapshot of the seed scenario, as JSON text.
  std::function<std::string(const std::string& seed_snapshot)> snapshot = nullptr;
  // When ssmlink does not behave as documented: the bug, as reported. The case still
  // expects the documented behaviour; such cases run as KnownBugs/... so that CI can tell
  // them apart (ctest -E KnownBugs) until the product is fixed.
  std::string known_bug = {};
};

inline std::ostream& operator<<(std::ostream& out, const BadInputCase& c) {
  return out << c.name;
}

std::vector<BadInputCase> bad_input_cases();

// Runs ssmlink with the base environment (the corpus's keys, us-east-1, an endpoint URL on
// which nothing listens, the temporary HOME) changed by `env`.
ProcessResult run_corpus_command(const std::vector<std::string>& args,
                                 const std::map<std::string, std::string>& env,
                                 const std::string& home,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(20));

// The contract every case keeps: no crash, no hang, the documented exit code, exactly one
// "ssmlink: error: " line on stderr naming `error` (when it fails), nothing that looks
// like a stack trace or a sanitizer report, and never the secret key. With --debug the
// request log shares stderr: `error_line_only` false lets it.
void expect_contract(const ProcessResult& result, int exit_code, const std::string& error,
                     bool error_line_only = true);

}  // namespace ssmlink::testing
