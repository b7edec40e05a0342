// ======================================================================================
// MALFORMED API RESPONSES: ENABLED ONLY WHERE THE EMULATOR HAS PER-OPERATION FAULTS.
// These cases need the emulator's
//   ssmlink-emulator --fault-op SERVICE:Operation=KIND
// (KIND: html, truncate, garbage, denied, unknown, throttle, 5xx, reset, hang). Where the
// emulator refuses the flag each case is skipped with a note. The expectations were
// checked against main's emulator and ssmlink of 2026-12-05 (547e4d0): doctor's side calls
// degrade to warnings, reads are retried within --api-timeout. A hang is left out: a held
// answer costs ssmlink's 60 s read timeout per attempt, too long for CI.
// ======================================================================================
//
// Each case starts an emulator (seed scenario, with the corpus's keys so that the secret
// check means something) with one faulty operation, runs one ssmlink command against it
// and holds it to the corpus's contract (bad_input_case.hpp): exit 1 ("the AWS operation
// failed") with one error line naming the operation, no crash, no hang, no secret.
#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/bad_inputs/bad_input_case.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/running_emulator.hpp"
#include "tests/support/seed_ids.hpp"
#include "tests/support/temp_dir.hpp"
#include "util/files.hpp"

namespace ssmlink::testing {

namespace {

using namespace std::chrono_literals;

struct ApiFaultCase {
  std::string name;
  std::string fault_op;  // SERVICE:Operation=KIND; the output must name the Operation
  std::vector<std::string> args;
  // 1: a call ssmlink cannot do without failed, one error line names it. 3: doctor went on
  // (README: a side call that fails turns its checks into warnings naming it) and the
  // seed's missing endpoints still block.
  int exit_code = 1;
  std::string known_bug = {};  // as in bad_input_case.hpp

  std::string operation() const {
    size_t colon = fault_op.find(':');
    return fault_op.substr(colon + 1, fault_op.find('=') - colon - 1);
  }
};

void PrintTo(const ApiFaultCase& c, std::ostream* out) {
  *out << c.fault_op;
}

// The seed scenario with the corpus's keys instead of test/test.
std::string corpus_scenario() {
  auto scenario = nlohmann::json::parse(read_file(source_path("emulator/scenarios/seed.json")));
  auto& key = scenario["account"]["accessKeys"][0];
  key["accessKeyId"] = kCorpusAccessKey;
  key["secretAccessKey"] = kCorpusSecret;
  return scenario.dump(2);
}

class ApiFault : public ::testing::TestWithParam<ApiFaultCase> {};

TEST_P(ApiFault, FailsCleanlyNamingTheOperation) {
  const ApiFaultCase& c = GetParam();
  TempDir home;
  std::string scenario = home.write("scenario.json", corpus_scenario());
  std::unique_ptr<RunningEmulator> emulator;
  try {
    emulator = std::make_unique<RunningEmulator>(std::vector<std::string>{
        "--scenario", scenario, "--provision-ms", "50", "--fault-op", c.fault_op});
  } catch (const std::runtime_error& error) {
    if (std::string(error.what()).find("--fault-op") != std::string::npos) {
      GTEST_SKIP() << "NOTE: ssmlink-emulator does not accept --fault-op yet; the "
                      "malformed-response case "
                   << c.fault_op << " is skipped (" << error.what() << ")";
    }
    throw;
  }
  // --api-timeout 5: a read that keeps failing is retried for 5 s, not the default 180.
  std::vector<std::string> args = c.args;
  args.insert(args.end(), {"--api-timeout", "5"});
  ProcessResult result = run_corpus_command(args, {{"AWS_ENDPOINT_URL", emulator->url()}},
                                            home.path(), std::chrono::seconds(60));
  SCOPED_TRACE(c.known_bug.empty() ? "--fault-op " + c.fault_op
                                   : "known product bug: " + c.known_bug);
  // stderr also holds --debug's log and the "Retrying ..." lines of reads tried again.
  if (c.exit_code == 1) {
    expect_contract(result, 1, c.operation(), false);
  } else {
    expect_contract(result, c.exit_code, "");
    EXPECT_NE(result.out.find(c.operation()), std::string::npos)
        << "no warning names " << c.operation() << ":\n"
        << result.out;
  }
}

const std::vector<std::string> kDoctor = {"doctor", "--instance", seed::kInstance};
const std::vector<std::string> kUp = {"up", "--instance", seed::kInstance, "--no-wait-online"};

std::string fault_case_name(const ::testing::TestParamInfo<ApiFaultCase>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(
    MalformedResponses, ApiFault,
    ::testing::Values(
        ApiFaultCase{"StsHtmlPage", "sts:GetCallerIdentity=html", {"whoami"}},
        ApiFaultCase{"StsTruncated", "sts:GetCallerIdentity=truncate", {"whoami"}},
        ApiFaultCase{"StsGarbage", "sts:GetCallerIdentity=garbage", {"whoami"}},
        ApiFaultCase{
            "StsDebugLogKeepsTheSecret", "sts:GetCallerIdentity=html", {"whoami", "--debug"}},
        ApiFaultCase{"SsmHtmlPageIsAWarning", "ssm:DescribeInstanceInformation=html", kDoctor, 3},
        ApiFaultCase{"SsmGarbageIsAWarning", "ssm:DescribeInstanceInformation=garbage", kDoctor, 3},
        ApiFaultCase{"Ec2Truncated", "ec2:DescribeInstances=truncate", kDoctor},
        ApiFaultCase{"Ec2UnknownError", "ec2:DescribeVpcs=unknown", kDoctor},
        ApiFaultCase{"Ec2DeniedInstances", "ec2:DescribeInstances=denied", kDoctor},
        ApiFaultCase{"Ec2GroupsFailingIsAWarning", "ec2:DescribeSecurityGroups=5xx", kDoctor, 3},
        ApiFaultCase{"CfnCreateStackHtml", "cloudformation:CreateStack=html", kUp},
        ApiFaultCase{"CfnCreateStackDenied", "cloudformation:CreateStack=denied", kUp},
        ApiFaultCase{
            "CfnDescribeStacksTruncated", "cloudformation:DescribeStacks=truncate", {"status"}},
        ApiFaultCase{
            "CfnDescribeStacksGarbage", "cloudformation:DescribeStacks=garbage", {"status"}}),
    fault_case_name);

// Once known bugs, now fixed: the target's subnets are essential (exit 1 naming the call),
// and unreadable route tables are a warning that names the call (nothing known blocks: 0).
INSTANTIATE_TEST_SUITE_P(TargetsSubnetsAndRoutes, ApiFault,
                         ::testing::Values(ApiFaultCase{"Ec2SubnetsAlwaysThrottled",
                                                        "ec2:DescribeSubnets=throttle", kDoctor, 1},
                                           ApiFaultCase{"Ec2RoutesResetIsAWarning",
                                                        "ec2:DescribeRouteTables=reset", kDoctor,
                                                        0}),
                         fault_case_name);

}  // namespace

}  // namespace ssmlink::testing
