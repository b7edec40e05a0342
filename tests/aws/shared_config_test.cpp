#include "aws/shared_config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/errors.hpp"
#include "tests/support/error_of.hpp"
#include "tests/support/temp_dir.hpp"

namespace ssmlink::aws {
namespace {

using testing::error_of;
using ::testing::HasSubstr;

SharedConfig parse_config(const std::string& text) {
  return SharedConfig::parse(text, "");
}

std::string config_error(const std::string& config, const std::string& credentials = "") {
  return error_of<ConfigError>([&] { SharedConfig::parse(config, credentials); });
}

TEST(SharedConfig, ReadsProfilesFromTheConfigFile) {
  auto config = parse_config(
      "[default]\n"
      "region = eu-west-1\n"
      "[profile dev]\n"
      "region=us-east-2\n"
      "output   =   json  \n"
      "[profile \"my team\"]\n"
      "region = ap-northeast-1\n"
      "[profile   spaced   ]\n"
      "region = eu-north-1\n");
  EXPECT_EQ(config.config_file_value("default", "region"), "eu-west-1");
  EXPECT_EQ(config.config_file_value("dev", "region"), "us-east-2");
  EXPECT_EQ(config.config_file_value("dev", "output"), "json");
  EXPECT_EQ(config.config_file_value("my team", "region"), "ap-northeast-1");
  EXPECT_EQ(config.config_file_value("spaced", "region"), "eu-north-1");
  EXPECT_EQ(config.profile_names(),
            (std::vector<std::string>{"default", "dev", "my team", "spaced"}));
}

TEST(SharedConfig, SectionsWithoutTheWordProfileAreNotProfilesInTheConfigFile) {
  auto config = parse_config(
      "[dev]\nregion = us-east-1\n"
      "[preview]\ncloudfront = true\n"
      "[profilex]\nregion = us-east-1\n"
      "[profile a b]\nregion = us-east-1\n");
  EXPECT_FALSE(config.has_profile("dev"));
  EXPECT_FALSE(config.has_profile("preview"));
  EXPECT_FALSE(config.has_profile("profilex"));
  EXPECT_TRUE(config.profile_names().empty());
}

TEST(SharedConfig, CredentialsFileSectionsAreProfilesAsNamed) {
  auto config = SharedConfig::parse("",
                                    "[default]\naws_access_key_id = AKIADEFAULT\n"
                                    "[dev]\naws_access_key_id = AKIADEV\n"
                                    "[profile odd]\naws_access_key_id = AKIAODD\n");
  EXPECT_EQ(config.credentials_file_value("dev", "aws_access_key_id"), "AKIADEV");
  EXPECT_EQ(config.credentials_file_value("profile odd", "aws_access_key_id"), "AKIAODD");
  EXPECT_FALSE(config.config_file_value("dev", "aws_access_key_id"));
  EXPECT_TRUE(config.has_profile("dev"));
  EXPECT_FALSE(config.has_profile("odd"));
}

TEST(SharedConfig, CredentialsFileWinsPerSetting) {
  auto config = SharedConfig::parse("[profile dev]\nregion = eu-west-1\noutput = json\n",
                                    "[dev]\nregion = us-west-2\n");
  EXPECT_EQ(config.profile_value("dev", "region"), "us-west-2");
  EXPECT_EQ(config.profile_value("dev", "output"), "json");
  EXPECT_EQ(config.config_file_value("dev", "region"), "eu-west-1");
  EXPECT_FALSE(config.profile_value("dev", "missing"));
  EXPECT_FALSE(config.profile_value("nobody", "region"));
  EXPECT_EQ(config.profile_names(), std::vector<std::string>{"dev"});
}

TEST(SharedConfig, SkipsCommentsAndBlankLinesAndReadsWindowsLineEnds) {
  auto config = parse_config(
      "\xEF\xBB\xBF# written by hand\r\n"
      "; another comment\r\n"
      "\r\n"
      "[default]\r\n"
      "   # an indented comment\r\n"
      "region = eu-west-1\r\n"
      "\r\n"
      "output = text\r\n");
  EXPECT_EQ(config.config_file_value("default", "region"), "eu-west-1");
  EXPECT_EQ(config.config_file_value("default", "output"), "text");
}

TEST(SharedConfig, ReadsValuesAsBotocoreDoes) {
  auto config = parse_config(
      "[default]\n"
      "Region = eu-west-1\n"                           // keys are lower-cased
      "output: json\n"                                 // ':' is a delimiter too
      "credential_process = tool --mode=a:b # kept\n"  // first delimiter; no inline comments
      "empty =\n"
      "sso_start_url = https://example.awsapps.com/start\n");
  EXPECT_EQ(config.config_file_value("default", "region"), "eu-west-1");
  EXPECT_EQ(config.config_file_value("default", "output"), "json");
  EXPECT_EQ(config.config_file_value("default", "credential_process"), "tool --mode=a:b # kept");
  EXPECT_EQ(config.config_file_value("default", "empty"), "");
  EXPECT_EQ(config.config_file_value("default", "sso_start_url"),
            "https://example.awsapps.com/start");
}

TEST(SharedConfig, ReadsNestedSettings) {
  auto config = parse_config(
      "[profile dev]\n"
      "services = dev-endpoints\n"
      "s3 =\n"
      "  addressing_style = path\n"
      "\n"
      "  # a comment inside\n"
      "  signature_version = s3v4\n"
      "region = eu-west-1\n"
      "[services dev-endpoints]\n"
      "ec2 =\n"
      "    endpoint_url = http://127.0.0.1:4566\n"
      "sts =\n"
      "\tendpoint_url = http://127.0.0.1:4567\n");
  EXPECT_EQ(config.services_value("dev-endpoints", "ec2", "endpoint_url"), "http://127.0.0.1:4566");
  EXPECT_EQ(config.services_value("dev-endpoints", "sts", "endpoint_url"), "http://127.0.0.1:4567");
  EXPECT_FALSE(config.services_value("dev-endpoints", "ssm", "endpoint_url"));
  EXPECT_FALSE(config.services_value("other", "ec2", "endpoint_url"));
  EXPECT_FALSE(config.config_file_value("dev", "s3"));  // a nested block, not a value
  EXPECT_EQ(config.config_file_value("dev", "region"), "eu-west-1");
  EXPECT_EQ(config.config_file_value("dev", "services"), "dev-endpoints");
}

TEST(SharedConfig, IndentedLinesContinueAValue) {
  // configparser's multi-line values: an indented line under a setting with a value.
  auto config = parse_config(
      "[default]\n"
      "  region = eu-west-1\n"  // indented like its neighbours: a setting of its own
      "  credential_process = tool\n"
      "      --flag value\n");
  EXPECT_EQ(config.config_file_value("default", "region"), "eu-west-1");
  EXPECT_EQ(config.config_file_value("default", "credential_process"), "tool\n--flag value");
}

TEST(SharedConfig, ReadsSsoSessions) {
  auto config = parse_config(
      "[sso-session corp]\n"
      "sso_start_url = https://corp.awsapps.com/start\n"
      "sso_region = eu-west-1\n");
  EXPECT_TRUE(config.has_sso_session("corp"));
  EXPECT_FALSE(config.has_sso_session("other"));
  EXPECT_EQ(config.sso_session_value("corp", "sso_region"), "eu-west-1");
  EXPECT_FALSE(config.sso_session_value("corp", "sso_role_name"));
  EXPECT_FALSE(config.has_profile("corp"));
}

TEST(SharedConfig, LaterDefaultSectionReplacesTheEarlier) {
  auto config = parse_config(
      "[default]\nregion = eu-west-1\noutput = json\n"
      "[profile default]\nregion = us-east-1\n");
  EXPECT_EQ(config.config_file_value("default", "region"), "us-east-1");
  EXPECT_FALSE(config.config_file_value("default", "output"));
}

TEST(SharedConfig, SectionHeaderMayCarryAComment) {
  auto config = parse_config("[profile dev]   # the team's\nregion = eu-west-1\n");
  EXPECT_EQ(config.config_file_value("dev", "region"), "eu-west-1");
}

TEST(SharedConfig, RejectsALineThatIsNeitherSettingNorSection) {
  std::string text =
      "[default]\n"
      "region = eu-west-1\n"
      "\n"
      "# comment\n"
      "[profile dev]\n"
      "output = json\n"
      "foo\n";
  EXPECT_EQ(config_error(text),
            "~/.aws/config line 7: expected \"key = value\" or \"[section]\", found \"foo\"");
}

TEST(SharedConfig, RejectsBrokenSectionHeaders) {
  EXPECT_EQ(config_error("[default]\nregion = eu-west-1\n[profile dev\n"),
            "~/.aws/config line 3: expected \"key = value\" or \"[section]\", found "
            "\"[profile dev\"");
  EXPECT_THAT(config_error("[]\n"), HasSubstr("line 1: expected"));
  EXPECT_THAT(config_error("[ ]\n"), HasSubstr("line 1: expected"));
  EXPECT_THAT(config_error("[default] region = x\n"), HasSubstr("line 1: expected"));
}

TEST(SharedConfig, RejectsSettingsWithoutNameOrSection) {
  EXPECT_THAT(config_error("[default]\n= eu-west-1\n"), HasSubstr("line 2: expected"));
  EXPECT_EQ(config_error("# top\nregion = eu-west-1\n[default]\n"),
            "~/.aws/config line 2: \"region = eu-west-1\" comes before any [section]; put it "
            "under [default] or [profile NAME]");
}

TEST(SharedConfig, RejectsRepeatsLikeTheAwsCli) {
  EXPECT_EQ(config_error("[profile dev]\nregion = a\n\n[profile dev]\n"),
            "~/.aws/config line 4: section [profile dev] appears twice (first on line 1); "
            "merge the two into one");
  EXPECT_EQ(config_error("[default]\nregion = a\nREGION = b\n"),
            "~/.aws/config line 3: \"region\" is set twice in [default]; keep one");
}

TEST(SharedConfig, RejectsANestedLineWithoutEquals) {
  EXPECT_EQ(config_error("[services x]\nec2 =\n  endpoint_url\n"),
            "~/.aws/config line 3: expected an indented \"key = value\" under \"ec2 =\", found "
            "\"endpoint_url\"");
}

TEST(SharedConfig, NamesTheCredentialsFileInItsErrors) {
  EXPECT_EQ(error_of<ConfigError>([] {
              SharedConfig::parse("", "[dev]\naws_access_key_id\n", "/etc/config",
                                  "/home/me/creds");
            }),
            "/home/me/creds line 2: expected \"key = value\" or \"[section]\", found "
            "\"aws_access_key_id\"");
}

TEST(SharedConfig, EscapesControlCharactersAndCutsLongLines) {
  std::string message = config_error("[default]\nbad\x01\x1b[31mline\n");
  EXPECT_THAT(message, HasSubstr("found \"bad\\x01\\x1B[31mline\""));
  std::string long_line(500, 'x');
  message = config_error("[default]\n" + long_line + "\n");
  EXPECT_THAT(message, HasSubstr("found \"" + std::string(60, 'x') + "...\""));
  EXPECT_LT(message.size(), 200u);
}

TEST(SharedConfigLoad, ReadsTheDefaultFilesUnderHome) {
  testing::TempDir home;
  home.write(".aws/config", "[profile dev]\nregion = eu-west-1\n");
  home.write(".aws/credentials", "[dev]\naws_access_key_id = AKIADEV\n");
  MapEnvironment env;
  env.set("HOME", home.path());
  auto config = SharedConfig::load(env);
  EXPECT_EQ(config.profile_value("dev", "region"), "eu-west-1");
  EXPECT_EQ(config.profile_value("dev", "aws_access_key_id"), "AKIADEV");
  EXPECT_EQ(config.config_name(), "~/.aws/config");
  EXPECT_EQ(config.credentials_name(), "~/.aws/credentials");
}

TEST(SharedConfigLoad, FollowsTheVariablesWithTildeExpansion) {
  testing::TempDir home;
  home.write(".aws/config", "[profile ignored]\n");
  home.write("elsewhere/config", "[profile dev]\nregion = eu-west-1\n");
  std::string credentials = home.write("creds", "[dev]\naws_access_key_id = AKIADEV\n");
  MapEnvironment env({{"HOME", home.path()},
                      {"AWS_CONFIG_FILE", "~/elsewhere/config"},
                      {"AWS_SHARED_CREDENTIALS_FILE", credentials}});
  auto config = SharedConfig::load(env);
  EXPECT_EQ(config.profile_names(), std::vector<std::string>{"dev"});
  EXPECT_EQ(config.config_name(), "~/elsewhere/config");
  EXPECT_EQ(config.credentials_name(), credentials);
}

TEST(SharedConfigLoad, MissingFilesAreEmpty) {
  testing::TempDir home;
  MapEnvironment env({{"HOME", home.path()}, {"AWS_CONFIG_FILE", home.file("nope/config")}});
  auto config = SharedConfig::load(env);
  EXPECT_TRUE(config.profile_names().empty());
  // Without HOME the default files cannot be found, which is the same as missing.
  EXPECT_TRUE(SharedConfig::load(MapEnvironment()).profile_names().empty());
}

TEST(SharedConfigLoad, ErrorsNameThePathAsGiven) {
  testing::TempDir home;
  home.write("custom/config", "[default]\nregion = eu-west-1\noops\n");
  MapEnvironment env({{"HOME", home.path()}, {"AWS_CONFIG_FILE", "~/custom/config"}});
  EXPECT_EQ(error_of<ConfigError>([&] { SharedConfig::load(env); }),
            "~/custom/config line 3: expected \"key = value\" or \"[section]\", found \"oops\"");
}

TEST(SharedConfigLoad, ADirectoryIsNotAFile) {
  testing::TempDir home;
  home.write("dir/placeholder", "");
  MapEnvironment env({{"HOME", home.path()}, {"AWS_SHARED_CREDENTIALS_FILE", home.file("dir")}});
  EXPECT_EQ(error_of<ConfigError>([&] { SharedConfig::load(env); }),
            "cannot read " + home.file("dir") + ": it is a directory, not a file");
}

TEST(ResolveProfileName, FlagThenAwsProfileThenAwsDefaultProfileThenDefault) {
  MapEnvironment env;
  EXPECT_EQ(resolve_profile_name(std::nullopt, env), "default");
  env.set("AWS_DEFAULT_PROFILE", "old");
  EXPECT_EQ(resolve_profile_name(std::nullopt, env), "old");
  env.set("AWS_PROFILE", "new");
  EXPECT_EQ(resolve_profile_name(std::nullopt, env), "new");
  EXPECT_EQ(resolve_profile_name("flag", env), "flag");
  env.set("AWS_PROFILE", "");  // empty counts as unset
  EXPECT_EQ(resolve_profile_name(std::nullopt, env), "old");
}

}  // namespace
}  // namespace ssmlink::aws
