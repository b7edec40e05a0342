// The man pages: every command has one, each says what --help says, man renders them
// without a warning, and ENVIRONMENT names every variable the code reads.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "cli/app.hpp"
#include "cli/command_docs.hpp"
#include "cli/manual.hpp"
#include "emulator/options.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace ssmlink::testing {
namespace {

using namespace std::chrono_literals;

class ManPages : public ::testing::Test {
 protected:
  ManPages() : command_line_(cli::build_command_line(context_)) {
    doc_ = cli::describe(*command_line_.app);
    pages_ = cli::man_pages(doc_, "2026-12-06");
  }

  const cli::ManPage& page(const std::string& file_name) const {
    for (const auto& page : pages_) {
      if (page.file_name == file_name) return page;
    }
    throw std::runtime_error("no page " + file_name);
  }

  std::ostringstream out_, err_;
  MapEnvironment env_{std::map<std::string, std::string>{}};
  cli::Context context_{out_, err_, env_, false, {}};
  cli::CommandLine command_line_;
  cli::CommandLineDoc doc_;
  std::vector<cli::ManPage> pages_;
};

TEST_F(ManPages, OnePerCommandAndOneForSsmlink) {
  std::set<std::string> names;
  for (const auto& page : pages_)
    names.insert(page.file_name);
  EXPECT_TRUE(names.contains("ssmlink.1"));
  for (const auto& [command, action] : command_line_.actions)
    EXPECT_TRUE(names.contains("ssmlink-" + command + ".1")) << command;
  EXPECT_EQ(names.size(), command_line_.actions.size() + 1);
}

TEST_F(ManPages, EachHasTheSectionsOfAManPage) {
  for (const auto& page : pages_) {
    for (const char* section : {"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS",
                                "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO"}) {
      EXPECT_NE(page.text.find(std::string("\n.SH ") + section + "\n"), std::string::npos)
          << page.file_name << " has no " << section;
    }
  }
}

// Each option --help lists is in the page, with its help text.
TEST_F(ManPages, SayWhatHelpSays) {
  for (const auto& command : doc_.commands) {
    const std::string& text = page("ssmlink-" + command.name + ".1").text;
    for (const auto& option : command.options) {
      std::string name = option.positional ? option.names[0] : option.long_name();
      std::string roff_name = std::regex_replace(name, std::regex("-"), "\\-");
      EXPECT_NE(text.find(roff_name), std::string::npos) << command.name << " " << name;
      std::string first_words = option.help.substr(0, option.help.find(' ', 10));
      EXPECT_NE(text.find(first_words), std::string::npos) << command.name << " " << name;
    }
    for (const auto& example : command.examples)
      EXPECT_NE(text.find(std::regex_replace(example, std::regex("-"), "\\-")), std::string::npos)
          << example;
  }
  EXPECT_NE(page("ssmlink-up.1").text.find("3 the preflight found a problem"), std::string::npos);
}

// exec's command comes after --; completion's shell is a plain argument.
TEST_F(ManPages, TheSynopsisPutsDashDashOnlyBeforeARemoteCommand) {
  EXPECT_NE(page("ssmlink-exec.1").text.find(".B \\-\\-\n.I command\n"), std::string::npos);
  const std::string& completion = page("ssmlink-completion.1").text;
  std::string synopsis = completion.substr(completion.find(".SH SYNOPSIS"));
  synopsis = synopsis.substr(0, synopsis.find(".SH DESCRIPTION"));
  EXPECT_EQ(synopsis, ".SH SYNOPSIS\n.B ssmlink completion\n.RI [ options ]\n.I shell\n");
}

TEST_F(ManPages, TheEmulatorsPageSaysWhatItsHelpSays) {
  std::string usage = emulator::usage();
  cli::ManPage page = cli::emulator_man_page(usage, "2026-12-06");
  EXPECT_EQ(page.file_name, "ssmlink-emulator.1");
  for (const char* section :
       {"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES", "SEE ALSO"}) {
    EXPECT_NE(page.text.find(std::string("\n.SH ") + section + "\n"), std::string::npos) << section;
  }
  std::regex option("\n  (--[a-z0-9-]+)");
  int options = 0;
  for (std::sregex_iterator it(usage.begin(), usage.end(), option), end; it != end; ++it) {
    std::string name = std::regex_replace((*it)[1].str(), std::regex("-"), "\\-");
    EXPECT_NE(page.text.find(".TP\n\\fB" + name + "\\fR"), std::string::npos) << name;
    ++options;
  }
  EXPECT_GT(options, 15);
}

TEST_F(ManPages, ManRendersThemWithoutWarnings) {
  if (!std::filesystem::exists("/usr/bin/man")) GTEST_SKIP() << "man-db is not installed";
  TempDir dir;
  pages_.push_back(cli::emulator_man_page(emulator::usage(), "2026-12-06"));
  for (const auto& page : pages_) {
    std::ofstream(dir.file(page.file_name)) << page.text;
    ProcessResult result =
        run_process({"/usr/bin/man", "--warnings", "-l", dir.file(page.file_name)},
                    {"MANWIDTH=80", "PATH=/usr/bin:/bin", "LANG=C.UTF-8"}, 30s);
    EXPECT_EQ(result.exit_code, 0) << page.file_name << ": " << result.err;
    EXPECT_EQ(result.err, "") << page.file_name;
    EXPECT_NE(result.out.find("NAME"), std::string::npos) << page.file_name;
  }
}

// The variables are read all over aws/ and cli/: a new one must reach ENVIRONMENT.
TEST_F(ManPages, EnvironmentNamesEveryVariableTheCodeReads) {
  std::set<std::string> documented;  // "NO_PROXY, no_proxy" is two
  for (const auto& variable : cli::environment_variables()) {
    std::istringstream names(variable.name);
    for (std::string name; std::getline(names >> std::ws, name, ',');)
      documented.insert(name);
  }
  std::regex literal("\"(AWS_[A-Z0-9_]*[A-Z0-9]|NO_COLOR|[A-Za-z]+_(proxy|PROXY))\"");
  std::set<std::string> missing;
  for (const char* folder : {"aws", "cli", "cloud", "workflows", "util", "session"}) {
    for (const auto& entry : std::filesystem::directory_iterator(source_path(folder))) {
      if (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp") continue;
      std::ifstream file(entry.path());
      std::stringstream text;
      text << file.rdbuf();
      std::string source = text.str();
      for (std::sregex_iterator it(source.begin(), source.end(), literal), end; it != end; ++it) {
        std::string name = (*it)[1];
        bool service_endpoint =
            name.starts_with("AWS_ENDPOINT_URL_");  // AWS_ENDPOINT_URL_<SERVICE>
        if (!service_endpoint && !documented.contains(name)) missing.insert(name);
      }
    }
  }
  EXPECT_TRUE(missing.empty()) << "not in ENVIRONMENT: " << *missing.begin();
}

}  // namespace
}  // namespace ssmlink::testing
