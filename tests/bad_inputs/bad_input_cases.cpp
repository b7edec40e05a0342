// The corpus's table. Expected exit codes are README.md's ("Errors and exit codes": 2 for
// bad usage or input, a malformed snapshot included; 1 when AWS fails); the expected text
// is the bad value itself, which the error line must name.
#include <string>

#include "tests/bad_inputs/bad_input_case.hpp"
#include "tests/support/seed_ids.hpp"

namespace ssmlink::testing {

namespace {

using Json = nlohmann::json;
using seed::kInstance;
using seed::kVpc;

const std::string kSnapshot = "{HOME}/snapshot.json";

// A snapshot with one change made to the seed's.
auto edited(std::function<void(Json&)> edit) {
  return [edit](const std::string& seed) {
    Json snapshot = Json::parse(seed);
    edit(snapshot);
    return snapshot.dump(2);
  };
}

// The seed's snapshot cut after `fraction` of its bytes.
auto truncated(double fraction) {
  return [fraction](const std::string& seed) {
    return seed.substr(0, static_cast<size_t>(static_cast<double>(seed.size()) * fraction));
  };
}

auto fixed(std::string text) {
  return [text](const std::string&) { return text; };
}

BadInputCase doctor_snapshot(std::string name, std::string error,
                             std::function<std::string(const std::string&)> snapshot,
                             std::string known_bug = {}) {
  return {.name = std::move(name),
          .args = {"doctor", "--snapshot", kSnapshot},
          .exit_code = 2,
          .error = std::move(error),
          .snapshot = std::move(snapshot),
          .known_bug = std::move(known_bug)};
}

BadInputCase with_config(std::string name, std::vector<std::string> args, std::string config,
                         std::string error, std::map<std::string, std::string> env = {}) {
  return {.name = std::move(name),
          .args = std::move(args),
          .exit_code = 2,
          .error = std::move(error),
          .env = std::move(env),
          .files = {{".aws/config", std::move(config)}}};
}

// The AWS keys of the environment stand in for any profile: cases about profiles go
// without them.
const std::map<std::string, std::string> kNoEnvironmentKeys = {{"AWS_ACCESS_KEY_ID", kUnset},
                                                               {"AWS_SECRET_ACCESS_KEY", kUnset}};

std::vector<BadInputCase> malformed_ids() {
  std::string long_name = "s" + std::string(128, 'x');
  return {
      {.name = "InstanceTooShort", .args = {"up", "--instance", "i-123"}, .error = "\"i-123\""},
      {.name = "InstanceSixteenDigits",
       .args = {"up", "--instance", "i-0a1b2c3d4e5f6789"},
       .error = "\"i-0a1b2c3d4e5f6789\""},
      {.name = "InstanceUpperCase",
       .args = {"doctor", "--instance", "i-0A1B2C3D4E5F67890"},
       .error = "\"i-0A1B2C3D4E5F67890\""},
      {.name = "InstanceOfAnotherKind",
       .args = {"up", "--instance", kVpc},
       .error = std::string("\"") + kVpc + "\""},
      {.name = "InstanceMissingValue", .args = {"up", "--instance"}, .error = "--instance"},
      {.name = "VpcNotHex", .args = {"template", "--vpc", "vpc-xyz"}, .error = "\"vpc-xyz\""},
      {.name = "VpcEmpty", .args = {"template", "--vpc", ""}, .error = "--vpc"},
      {.name = "DownVpcTooShort", .args = {"down", "--vpc", "vpc-12"}, .error = "\"vpc-12\""},
      {.name = "SubnetNotHex",
       .args = {"template", "--subnet", "subnet-zz"},
       .error = "\"subnet-zz\""},
      {.name = "SubnetTrailingSpace",
       .args = {"up", "--vpc", kVpc, "--subnet", "subnet-0123456789abcdef0 ", "--instance-sg",
                seed::kInstanceSg},
       .error = "\"subnet-0123456789abcdef0 \""},
      {.name = "SecurityGroupTooShort",
       .args = {"template", "--instance-sg", "sg-1"},
       .error = "\"sg-1\""},
      {.name = "SecurityGroupShellCharacters",
       .args = {"template", "--instance-sg", "sg-0aa11bb22cc33dd44;rm -rf"},
       .error = "sg-0aa11bb22cc33dd44;rm -rf"},
      {.name = "RouteTableNotHex",
       .args = {"template", "--services", "ssm,s3", "--route-table", "rtb-x"},
       .error = "\"rtb-x\""},
      {.name = "StackNameStartsWithDigit",
       .args = {"down", "--stack", "9bad"},
       .error = "\"9bad\""},
      {.name = "StackNameUnderscore", .args = {"down", "--stack", "a_b"}, .error = "\"a_b\""},
      {.name = "StackNameTooLong", .args = {"down", "--stack", long_name}, .error = "at most 128"},
      {.name = "StackNameWithSpace",
       .args = {"up", "--instance", kInstance, "--stack-name", "bad name"},
       .error = "\"bad name\""},
      {.name = "WatchedStackName", .args = {"status", "--watch", "!!"}, .error = "\"!!\""},
      {.name = "SourceCidrPrefixTooLong",
       .args = {"template", "--source-cidr", "10.0.0.0/33"},
       .error = "\"10.0.0.0/33\""},
      {.name = "SourceCidrNotACidr",
       .args = {"template", "--source-cidr", "banana"},
       .error = "\"banana\""},
  };
}

std::vector<BadInputCase> regions() {
  return {
      {.name = "RegionUnknownShape", .args = {"cost", "--region", "mars-1"}, .error = "\"mars-1\""},
      {.name = "RegionUnknownPartition",
       .args = {"cost", "--region", "zz-north-1"},
       .error = "\"zz-north-1\""},
      {.name = "RegionUpperCase",
       .args = {"template", "--resolved", "--vpc", kVpc, "--region", "US-EAST-1"},
       .error = "\"US-EAST-1\""},
      {.name = "RegionEmpty", .args = {"cost", "--region", ""}, .error = "--region: \"\""},
      {.name = "RegionWithSpaces",
       .args = {"whoami", "--region", "us east 1"},
       .error = "\"us east 1\""},
      {.name = "RegionWellFormedButUnpriced",
       .args = {"cost", "--region", "eu-north-9"},
       .error = "eu-north-9"},
      {.name = "RegionFromEnvironment",
       .args = {"whoami"},
       .error = "AWS_REGION: \"bogus\"",
       .env = {{"AWS_REGION", "bogus"}}},
      {.name = "RegionFromDefaultEnvironment",
       .args = {"whoami"},
       .error = "AWS_DEFAULT_REGION: \"bogus\"",
       .env = {{"AWS_REGION", kUnset}, {"AWS_DEFAULT_REGION", "bogus"}}},
      with_config("RegionFromProfile", {"whoami"}, "[default]\nregion = nowhere\n", "\"nowhere\"",
                  {{"AWS_REGION", kUnset}}),
      {.name = "RegionMissing",
       .args = {"whoami"},
       .error = "no region",
       .env = {{"AWS_REGION", kUnset}}},
  };
}

// Tags `template` must refuse (README: AWS's limits; keys aws: and ssmlink: are reserved,
// Name is --name's). Values it must keep exactly are in bad_input_test.cpp.
std::vector<BadInputCase> tags() {
  return {
      {.name = "TagWithoutEquals",
       .args = {"template", "--tag", "novalue"},
       .error = "\"novalue\""},
      {.name = "TagEmptyKey", .args = {"template", "--tag", "=v"}, .error = "\"=v\""},
      {.name = "TagAwsKey", .args = {"template", "--tag", "aws:x=1"}, .error = "\"aws:x=1\""},
      {.name = "TagSsmlinkKey",
       .args = {"template", "--tag", "ssmlink:managed=false"},
       .error = "\"ssmlink:managed=false\""},
      {.name = "TagNameKey", .args = {"template", "--tag", "Name=x"}, .error = "--name"},
      {.name = "TagValueTooLong",
       .args = {"template", "--tag", "k=" + std::string(257, 'v')},
       .error = "longer than 256"},
      {.name = "TagKeyTooLong",
       .args = {"template", "--tag", std::string(129, 'k') + "=v"},
       .error = "longer than 128"},
      {.name = "TagNotUtf8",
       .args = {"template", "--tag", "k=\xff\xfe"},
       .error = "not valid UTF-8"},
      {.name = "TagMissingValue", .args = {"template", "--tag"}, .error = "--tag"},
  };
}

std::vector<BadInputCase> aws_files() {
  const std::vector<std::string> whoami = {"whoami"};
  const std::vector<std::string> whoami_a = {"whoami", "--profile", "a"};
  const std::string role = "role_arn = arn:aws:iam::123456789012:role/x\n";
  return {
      with_config("ConfigUnclosedSection", whoami, "[default\nregion = us-east-1\n",
                  "~/.aws/config line 1"),
      with_config("ConfigLineWithoutEquals", whoami, "[default]\nregion us-east-1\n",
                  "\"region us-east-1\""),
      with_config("ConfigSectionTwice", whoami, "[default]\n[default]\n", "appears twice"),
      with_config("ConfigKeyTwice", whoami, "[default]\nregion = us-east-1\nregion = us-west-2\n",
                  "\"region\" is set twice"),
      with_config("ConfigBinary", whoami, std::string("\x00\x01\xff\n", 4), "~/.aws/config line 1"),
      with_config("ConfigMaxAttemptsWord", whoami, "[default]\nmax_attempts = lots\n", "\"lots\""),
      with_config("ConfigMaxAttemptsZero", whoami, "[default]\nmax_attempts = 0\n", "\"0\""),
      with_config("ConfigMaxAttemptsOverflow", whoami,
                  "[default]\nmax_attempts = 99999999999999999999\n", "\"99999999999999999999\""),
      {.name = "EnvironmentMaxAttempts",
       .args = whoami,
       .error = "AWS_MAX_ATTEMPTS: \"abc\"",
       .env = {{"AWS_MAX_ATTEMPTS", "abc"}}},
      with_config("ProfileLoop", whoami_a,
                  "[profile a]\n" + role + "source_profile = b\n[profile b]\n" + role +
                      "source_profile = a\n",
                  "a -> b -> a", kNoEnvironmentKeys),
      with_config("ProfileSourcesItself", whoami_a, "[profile a]\n" + role + "source_profile = a\n",
                  "a -> a", kNoEnvironmentKeys),
      with_config("SourceProfileMissing", whoami_a,
                  "[profile a]\n" + role + "source_profile = ghost\n", "ghost", kNoEnvironmentKeys),
      {.name = "MfaRoleRefused",
       .args = whoami_a,
       .error = "mfa_serial",
       .env = kNoEnvironmentKeys,
       .files = {{".aws/config",
                  "[profile a]\n" + role +
                      "source_profile = b\nmfa_serial = arn:aws:iam::123456789012:mfa/u\n"
                      "[profile b]\naws_access_key_id = test-b\naws_secret_access_key = " +
                      kCorpusSecret + "\n"}}},
      {.name = "ProfileMissingFromFlag",
       .args = {"whoami", "--profile", "nope"},
       .error = "profile nope",
       .files = {{".aws/config", "[profile a]\nregion = us-east-1\n"}}},
      {.name = "ProfileMissingFromEnvironment",
       .args = whoami,
       .error = "profile nope",
       .env = {{"AWS_PROFILE", "nope"},
               {"AWS_ACCESS_KEY_ID", kUnset},
               {"AWS_SECRET_ACCESS_KEY", kUnset}}},
      {.name = "CredentialsGarbage",
       .args = {"whoami", "--profile", "default"},
       .error = "~/.aws/credentials line 1",
       .files = {{".aws/credentials", "garbage\n"}}},
      {.name = "CredentialsKeyWithoutSecret",
       .args = {"whoami", "--profile", "default"},
       .error = "no aws_secret_access_key",
       .files = {{".aws/credentials", "[default]\naws_access_key_id = test-a\n"}}},
      {.name = "ConfigFileIsADirectory",
       .args = whoami,
       .error = "is a directory",
       .env = {{"AWS_CONFIG_FILE", "{HOME}"}}},
      {.name = "WebIdentityTokenFileIsADirectory",
       .args = whoami,
       .exit_code = 1,
       .error = "{HOME}",
       .env = {{"AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/x"},
               {"AWS_WEB_IDENTITY_TOKEN_FILE", "{HOME}"},
               {"AWS_ACCESS_KEY_ID", kUnset},
               {"AWS_SECRET_ACCESS_KEY", kUnset}}},
  };
}

std::vector<BadInputCase> snapshots() {
  return {
      doctor_snapshot("SnapshotEmpty", "truncated or not JSON", fixed("")),
      doctor_snapshot("SnapshotTruncatedEarly", "truncated or not JSON", truncated(0.02)),
      doctor_snapshot("SnapshotTruncatedHalfway", "truncated or not JSON", truncated(0.5)),
      doctor_snapshot("SnapshotLastByteMissing", "truncated or not JSON",
                      [](const std::string& s) { return s.substr(0, s.find_last_of('}')); }),
      doctor_snapshot("SnapshotBinary", "truncated or not JSON",
                      fixed(std::string("\x00\x01\xff\xfe", 4))),
      doctor_snapshot("SnapshotDeeplyNested", "truncated or not JSON",
                      fixed(std::string(1000000, '['))),
      doctor_snapshot("SnapshotAnArray", "array", fixed("[1, 2]")),
      doctor_snapshot("SnapshotOtherFormat", "\"other\"",
                      edited([](Json& s) { s["format"] = "other"; })),
      doctor_snapshot("SnapshotFutureVersion", "99", edited([](Json& s) { s["version"] = 99; })),
      doctor_snapshot("SnapshotWithoutVpcs", "vpcs", edited([](Json& s) { s.erase("vpcs"); })),
      doctor_snapshot("SnapshotVpcsNotAnArray", "\"x\"", edited([](Json& s) { s["vpcs"] = "x"; })),
      doctor_snapshot("SnapshotPortOutOfRange", "1e+300", edited([](Json& s) {
                        s["security_groups"][0]["egress"][0]["from_port"] = 1e300;
                      })),
      doctor_snapshot("SnapshotDanglingVpcReference", "vpc-0f00d1e2c3b4a5968",
                      edited([](Json& s) { s["vpcs"][0]["id"] = "vpc-0123456789abcdef0"; })),
      doctor_snapshot("SnapshotBadSubnetCidr", "10.0.1.0/99",
                      edited([](Json& s) { s["subnets"][0]["cidr"] = "10.0.1.0/99"; })),
      {.name = "SnapshotMissing",
       .args = {"doctor", "--snapshot", "{HOME}/none.json"},
       .error = "{HOME}/none.json"},
      {.name = "SnapshotIsADirectory",
       .args = {"doctor", "--snapshot", "{HOME}"},
       .error = "{HOME}"},
  };
}

std::vector<BadInputCase> commands_and_options() {
  return {
      {.name = "CommandMisspelt", .args = {"tempalte"}, .error = "did you mean \"template\""},
      {.name = "CommandUnknown", .args = {"frobnicate"}, .error = "\"frobnicate\""},
      {.name = "CommandEmpty", .args = {""}, .error = "unknown command \"\""},
      {.name = "OptionUnknown", .args = {"template", "--frob"}, .error = "--frob"},
      {.name = "GlobalOptionUnknown", .args = {"--frob"}, .error = "--frob"},
      {.name = "ShortOptionUnknown", .args = {"-x"}, .error = "-x"},
      {.name = "ExtraArgument", .args = {"template", "extra-arg"}, .error = "extra-arg"},
      {.name = "TemplateFormat", .args = {"template", "--format", "xml"}, .error = "\"xml\""},
      {.name = "EgressMode", .args = {"template", "--egress", "some"}, .error = "\"some\""},
      {.name = "ServiceUnknown", .args = {"template", "--services", "ssm,foo"}, .error = "\"foo\""},
      {.name = "S3WithoutRouteTable",
       .args = {"template", "--services", "s3"},
       .error = "--route-table"},
      {.name = "OutputFormat", .args = {"status", "--output", "yaml"}, .error = "yaml"},
      {.name = "OutputFileInMissingFolder",
       .args = {"template", "-o", "{HOME}/no/such/folder/t.yaml"},
       .error = "{HOME}/no/such/folder/t.yaml"},
      {.name = "DownWithoutTarget", .args = {"down"}, .error = "--stack NAME"},
  };
}

std::vector<BadInputCase> numbers() {
  auto up_ttl = [](std::string name, std::string ttl, std::string known_bug = {}) {
    return BadInputCase{.name = std::move(name),
                        .args = {"up", "--instance", kInstance, "--ttl", ttl},
                        .error = "\"" + ttl + "\"",
                        .known_bug = std::move(known_bug)};
  };
  auto cost = [](std::string name, std::string flag, std::string value) {
    return BadInputCase{.name = std::move(name),
                        .args = {"cost", flag, value},
                        .error = flag + ": \"" + value + "\""};
  };
  return {
      up_ttl("TtlZeroWithoutUnit", "0"),
      up_ttl("TtlNegative", "-1h"),
      up_ttl("TtlWord", "abc"),
      up_ttl("TtlFraction", "1.5h"),
      up_ttl("TtlSeconds", "59s"),
      up_ttl("TtlOverflow", "99999999999h"),
      up_ttl("TtlAboveThirtyDays", "31d"),
      up_ttl("TtlZeroMinutes", "0m"),
      {.name = "OnlineTimeoutNegative",
       .args = {"up", "--instance", kInstance, "--online-timeout", "-5"},
       .error = "-5"},
      cost("HoursNegative", "--hours", "-1"),
      cost("HoursZero", "--hours", "0"),
      cost("HoursWord", "--hours", "abc"),
      cost("HoursNotANumber", "--hours", "nan"),
      cost("HoursInfinite", "--hours", "inf"),
      cost("HoursOverflow", "--hours", "1e400"),
      cost("GbNegative", "--gb", "-3"),
      cost("GbWord", "--gb", "x"),
      cost("GbOverflow", "--gb", "1e309"),
      cost("AzsZero", "--azs", "0"),
      cost("AzsTooMany", "--azs", "99"),
      cost("AzsFraction", "--azs", "1.5"),
      cost("NatGatewaysNegative", "--nat-gateways", "-1"),
      cost("PriceNegative", "--price-nat-hour", "-1"),
      {.name = "HoursHugeButFinite",
       .args = {"cost", "--hours", "1e300", "--output", "json"},
       .exit_code = 0},
  };
}

}  // namespace

std::vector<BadInputCase> bad_input_cases() {
  std::vector<BadInputCase> all;
  for (auto part : {malformed_ids(), regions(), tags(), aws_files(), snapshots(),
                    commands_and_options(), numbers()}) {
    all.insert(all.end(), part.begin(), part.end());
  }
  return all;
}

}  // namespace ssmlink::testing
