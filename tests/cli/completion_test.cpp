// The completion scripts, run by the shells themselves: bash's completion function is
// called as bash calls it (COMP_WORDS, COMP_CWORD) and fish is asked `complete -C`; zsh's
// script is checked by `zsh -n` (its completion system needs a terminal).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/ssmlink_run.hpp"
#include "tests/support/temp_dir.hpp"

namespace ssmlink::testing {
namespace {

using namespace std::chrono_literals;

bool installed(const std::string& program) {
  return std::filesystem::exists("/usr/bin/" + program) ||
         std::filesystem::exists("/bin/" + program);
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> result;
  for (std::string word; in >> word;)
    result.push_back(word);
  return result;
}

class Completion : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(home_.file("config")) << "[default]\nregion = eu-west-1\n"
                                        << "[profile dev]\n[profile ops-admin]\n";
    std::ofstream(home_.file("credentials")) << "[ci]\naws_access_key_id = AKIDEXAMPLE\n";
  }

  std::string script(const std::string& shell) {
    CliRun run = run_ssmlink({"completion", shell}, "http://127.0.0.1:1", home_.path());
    EXPECT_EQ(run.code, 0) << run.err;
    std::string path = home_.file("completion." + shell);
    std::ofstream(path) << run.out;
    return path;
  }

  std::vector<std::string> environment() const {
    std::string ssmlink_dir = std::filesystem::path(binary_path("ssmlink")).parent_path();
    return {"HOME=" + home_.path(), "PATH=" + ssmlink_dir + ":/usr/bin:/bin",
            "AWS_CONFIG_FILE=" + home_.file("config"),
            "AWS_SHARED_CREDENTIALS_FILE=" + home_.file("credentials")};
  }

  // What bash offers for the command line `line`, completing its last word ('' for none).
  std::vector<std::string> bash(const std::string& line) {
    std::string program = "source '" + script("bash") + "'; COMP_WORDS=(" + line +
                          "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _ssmlink; "
                          "printf '%s\\n' \"${COMPREPLY[@]}\"";
    ProcessResult result = run_process({"/bin/bash", "-c", program}, environment(), 10s);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return words(result.out);
  }

  std::vector<std::string> fish(const std::string& line) {
    std::string program = "source '" + script("fish") + "'; complete -C '" + line + "'";
    ProcessResult result = run_process({"/usr/bin/fish", "-c", program}, environment(), 10s);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::vector<std::string> candidates;
    std::istringstream in(result.out);
    for (std::string entry; std::getline(in, entry);)
      candidates.push_back(entry.substr(0, entry.find('\t')));  // without the description
    return candidates;
  }

  TempDir home_;
};

using Words = std::vector<std::string>;

TEST_F(Completion, BashRegistersItsFunctionForSsmlink) {
  ProcessResult result =
      run_process({"/bin/bash", "-c", "source '" + script("bash") + "'; complete -p ssmlink"},
                  environment(), 10s);
  EXPECT_EQ(result.out, "complete -F _ssmlink ssmlink\n") << result.err;
}

TEST_F(Completion, BashOffersEveryCommandThenEachCommandsOptions) {
  EXPECT_EQ(bash("ssmlink ''"),
            (Words{"template", "cost", "demo", "whoami", "doctor", "snapshot", "up", "down",
                   "status", "connect", "exec", "forward", "completion"}));
  EXPECT_EQ(bash("ssmlink do"), (Words{"doctor", "down"}));
  EXPECT_EQ(bash("ssmlink up --ser"), Words{"--services"});
  EXPECT_EQ(bash("ssmlink up --no-"),
            (Words{"--no-private-dns", "--no-wait-online", "--no-color"}));
  EXPECT_EQ(bash("ssmlink --ver"), Words{"--version"});
  EXPECT_EQ(bash("ssmlink completion ''"), (Words{"bash", "zsh", "fish"}));
  EXPECT_EQ(bash("ssmlink completion --"), (Words{"--help"}));
  // An option of another command is not offered.
  EXPECT_EQ(bash("ssmlink down --ser"), Words{});
}

TEST_F(Completion, BashOffersTheValuesAnOptionTakes) {
  EXPECT_EQ(bash("ssmlink up --egress ''"), (Words{"none", "https", "all"}));
  EXPECT_EQ(bash("ssmlink template --format ''"), (Words{"yaml", "json"}));
  EXPECT_EQ(bash("ssmlink status --output j"), Words{"json"});
  // --output=j: bash splits the word at '='.
  EXPECT_EQ(bash("ssmlink status --output = j"), Words{"json"});
  EXPECT_EQ(bash("ssmlink status --output ="), (Words{"text", "json"}));
  // A free value (an ID) gets nothing, not the options.
  EXPECT_EQ(bash("ssmlink up --instance ''"), Words{});
}

TEST_F(Completion, BashCompletesTheServicesListItemByItem) {
  EXPECT_EQ(bash("ssmlink up --services ''"),
            (Words{"ssm", "ssmmessages", "ec2messages", "kms", "logs", "s3"}));
  EXPECT_EQ(bash("ssmlink up --services ssm,ssmm"), Words{"ssm,ssmmessages"});
  EXPECT_EQ(bash("ssmlink cost --services ssm,ssmmessages,k"), Words{"ssm,ssmmessages,kms"});
}

TEST_F(Completion, BashOffersTheProfilesOfBothAwsFiles) {
  EXPECT_EQ(bash("ssmlink up --profile ''"), (Words{"ci", "default", "dev", "ops-admin"}));
  EXPECT_EQ(bash("ssmlink --profile o"), Words{"ops-admin"});
}

TEST_F(Completion, BashOffersThePartitionsRegions) {
  EXPECT_EQ(bash("ssmlink doctor --region eu-west-"),
            (Words{"eu-west-1", "eu-west-2", "eu-west-3"}));
  EXPECT_EQ(bash("ssmlink doctor --region cn-"), (Words{"cn-north-1", "cn-northwest-1"}));
  EXPECT_EQ(bash("ssmlink doctor --region us-gov-"), (Words{"us-gov-east-1", "us-gov-west-1"}));
}

TEST_F(Completion, BashLeavesExecsRemoteCommandAlone) {
  EXPECT_EQ(bash("ssmlink exec --instance i-0a1b2c3d4e5f67890 -- --ser"), Words{});
}

TEST_F(Completion, BashOffersFileNamesForFiles) {
  std::ofstream(home_.file("seen-snapshot.json")) << "{}";
  EXPECT_EQ(bash("ssmlink doctor --snapshot " + home_.file("seen-")),
            Words{home_.file("seen-snapshot.json")});
}

TEST_F(Completion, ZshScriptIsValidZsh) {
  if (!installed("zsh")) GTEST_SKIP() << "zsh is not installed (scripts/setup.sh installs it)";
  std::string path = script("zsh");
  ProcessResult result = run_process({"/usr/bin/zsh", "-n", path}, environment(), 10s);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  // Loaded by compinit's way (autoload from $fpath), it defines the completion function.
  std::filesystem::create_directory(home_.file("zfunc"));
  std::filesystem::copy_file(path, home_.file("zfunc/_ssmlink"));
  result = run_process(
      {"/usr/bin/zsh", "-f", "-c",
       "fpath=(" + home_.file("zfunc") + " $fpath); autoload -U compinit && compinit -u -d " +
           home_.file("zcompdump") + " && print -r -- $_comps[ssmlink]"},
      environment(), 20s);
  EXPECT_EQ(result.out, "_ssmlink\n") << result.err;
}

TEST_F(Completion, FishOffersCommandsOptionsAndValues) {
  if (!installed("fish")) GTEST_SKIP() << "fish is not installed (scripts/setup.sh installs it)";
  ProcessResult check = run_process({"/usr/bin/fish", "-n", script("fish")}, environment(), 10s);
  EXPECT_EQ(check.exit_code, 0) << check.err;
  Words commands = fish("ssmlink ");
  EXPECT_NE(std::ranges::find(commands, "forward"), commands.end());
  EXPECT_EQ(commands.size(), 13u);
  EXPECT_EQ(fish("ssmlink up --ser"), Words{"--services"});
  EXPECT_EQ(fish("ssmlink completion "), (Words{"bash", "fish", "zsh"}));
  EXPECT_EQ(fish("ssmlink up --egress "), (Words{"all", "https", "none"}));
  EXPECT_EQ(fish("ssmlink up --services ssm,ssmm"), Words{"ssm,ssmmessages"});
  EXPECT_EQ(fish("ssmlink --profile "), (Words{"ci", "default", "dev", "ops-admin"}));
  EXPECT_EQ(fish("ssmlink status --region eu-west-"),
            (Words{"eu-west-1", "eu-west-2", "eu-west-3"}));
}

TEST_F(Completion, ProfilesAreListedFromTheAwsFiles) {
  CliRun run = run_ssmlink({"completion", "--profiles"}, "http://127.0.0.1:1", home_.path(),
                           {{"AWS_CONFIG_FILE", home_.file("config")},
                            {"AWS_SHARED_CREDENTIALS_FILE", home_.file("credentials")}});
  EXPECT_EQ(run.code, 0);
  EXPECT_EQ(run.out, "ci\ndefault\ndev\nops-admin\n");
}

TEST_F(Completion, AShellItDoesNotKnowIsAUsageError) {
  CliRun run = run_ssmlink({"completion", "tcsh"}, "http://127.0.0.1:1", home_.path());
  EXPECT_EQ(run.code, 2);
  EXPECT_NE(run.err.find("tcsh"), std::string::npos) << run.err;
  run = run_ssmlink({"completion"}, "http://127.0.0.1:1", home_.path());
  EXPECT_EQ(run.code, 2);
  EXPECT_NE(run.err.find("ssmlink completion bash|zsh|fish"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace ssmlink::testing
