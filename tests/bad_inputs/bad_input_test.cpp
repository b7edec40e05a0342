// Runs the bad-input corpus (bad_input_cases.cpp) against the real binary, and checks that
// tag values with YAML and JSON specials round-trip through `template` exactly, as
// README.md promises ("any characters, round-trip exactly").
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>

#include "tests/bad_inputs/bad_input_case.hpp"
#include "tests/support/cfn_yaml.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/running_emulator.hpp"
#include "tests/support/seed_ids.hpp"
#include "tests/support/temp_dir.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace ssmlink::testing {

namespace {

using namespace std::chrono_literals;

// http://127.0.0.1:PORT where PORT is bound but not listening: every connection is
// refused at once, so a command that gets as far as calling AWS fails fast, on loopback.
const std::string& refusing_endpoint() {
  static const std::string url = [] {
    int sock = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (sock < 0 || ::bind(sock, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("cannot bind a loopback port");
    }
    return "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));  // kept open
  }();
  return url;
}

std::string with_home(std::string text, const std::string& home) {
  for (size_t at = text.find("{HOME}"); at != std::string::npos; at = text.find("{HOME}", at)) {
    text.replace(at, 6, home);
    at += home.size();
  }
  return text;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// A snapshot of the seed scenario, taken once per test process, for the cases that
// damage one.
const std::string& seed_snapshot() {
  static std::once_flag once;
  static std::string text;
  std::call_once(once, [] {
    RunningEmulator emulator;
    TempDir home;
    std::string file = home.file("seed-snapshot.json");
    auto result =
        run_process({binary_path("ssmlink"), "snapshot", "--instance", seed::kInstance, "-o", file},
                    {"HOME=" + home.path(), "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test",
                     "AWS_REGION=us-east-1", "AWS_ENDPOINT_URL=" + emulator.url()},
                    60s);
    if (result.exit_code != 0) throw std::runtime_error("ssmlink snapshot failed: " + result.err);
    text = read_file(file);
  });
  return text;
}

}  // namespace

ProcessResult run_corpus_command(const std::vector<std::string>& args,
                                 const std::map<std::string, std::string>& env,
                                 const std::string& home, std::chrono::milliseconds timeout) {
  std::map<std::string, std::string> vars{{"HOME", home},
                                          {"PATH", "/usr/bin:/bin"},
                                          {"AWS_ACCESS_KEY_ID", kCorpusAccessKey},
                                          {"AWS_SECRET_ACCESS_KEY", kCorpusSecret},
                                          {"AWS_REGION", "us-east-1"},
                                          {"AWS_ENDPOINT_URL", refusing_endpoint()}};
  for (const auto& [name, value] : env) {
    if (value == kUnset) {
      vars.erase(name);
    } else {
      vars[name] = with_home(value, home);
    }
  }
  std::vector<std::string> environment;
  for (const auto& [name, value] : vars)
    environment.push_back(name + "=" + value);
  std::vector<std::string> argv{binary_path("ssmlink")};
  for (const auto& arg : args)
    argv.push_back(with_home(arg, home));
  return run_process(argv, environment, timeout);
}

void expect_contract(const ProcessResult& result, int exit_code, const std::string& error,
                     bool error_line_only) {
  ASSERT_FALSE(result.timed_out) << "hung: killed after its timeout\nstdout:\n"
                                 << result.out << "\nstderr:\n"
                                 << result.err;
  EXPECT_NE(result.exit_code, -1) << "ended by a signal (a crash)\nstderr:\n" << result.err;
  EXPECT_EQ(result.exit_code, exit_code) << "stdout:\n"
                                         << result.out << "\nstderr:\n"
                                         << result.err;
  const std::string prefix = "ssmlink: error: ";
  std::vector<std::string> lines = lines_of(result.err);
  auto errors = std::count_if(lines.begin(), lines.end(),
                              [&](const std::string& line) { return line.starts_with(prefix); });
  if (error.empty()) {
    EXPECT_EQ(errors, 0) << result.err;
  } else {
    EXPECT_EQ(errors, 1) << result.err;
    if (error_line_only) {
      EXPECT_EQ(lines.size(), 1u) << "stderr holds more than the error line:\n" << result.err;
    }
    EXPECT_NE(result.err.find(error), std::string::npos)
        << "the error does not name " << error << ":\n"
        << result.err;
  }
  for (const std::string* stream : {&result.out, &result.err}) {
    for (const char* trace :
         {"terminate called", "what():", "Segmentation fault", "Aborted", "AddressSanitizer",
          "runtime error:", "std::bad_alloc", "#0 0x", "unexpected failure"}) {
      EXPECT_EQ(stream->find(trace), std::string::npos)
          << "looks like a crash or a stack trace (" << trace << "):\n"
          << *stream;
    }
    EXPECT_EQ(stream->find(kCorpusSecret), std::string::npos) << "the secret key leaked:\n"
                                                              << *stream;
  }
}

class BadInput : public ::testing::TestWithParam<BadInputCase> {};

TEST_P(BadInput, ExitsAsDocumentedWithOneErrorLine) {
  const BadInputCase& c = GetParam();
  TempDir home;
  for (const auto& [path, content] : c.files)
    home.write(path, content);
  if (c.snapshot) home.write("snapshot.json", c.snapshot(seed_snapshot()));
  ProcessResult result = run_corpus_command(c.args, c.env, home.path());
  SCOPED_TRACE(c.known_bug.empty() ? "ssmlink " + join(c.args, " ")
                                   : "known product bug: " + c.known_bug);
  expect_contract(result, c.exit_code, with_home(c.error, home.path()));
}

std::vector<BadInputCase> cases_where(bool known_bug) {
  std::vector<BadInputCase> selected;
  for (auto& c : bad_input_cases()) {
    if (c.known_bug.empty() != known_bug) selected.push_back(std::move(c));
  }
  return selected;
}

std::string case_name(const ::testing::TestParamInfo<BadInputCase>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Documented, BadInput, ::testing::ValuesIn(cases_where(false)), case_name);
// Product bugs found and not fixed yet (each case says which); disabled so that CI stays
// green, run with --gtest_also_run_disabled_tests.
INSTANTIATE_TEST_SUITE_P(DISABLED_KnownBugs, BadInput, ::testing::ValuesIn(cases_where(true)),
                         case_name);

// Tag values that YAML or JSON would read as something else unless quoted or escaped.
struct TagValue {
  std::string name;
  std::string key;
  std::string value;
};

void PrintTo(const TagValue& tag, std::ostream* out) {
  *out << tag.name;
}

class TagRoundTrip : public ::testing::TestWithParam<TagValue> {};

TEST_P(TagRoundTrip, EveryResourceCarriesTheTagExactly) {
  const TagValue& tag = GetParam();
  for (std::string format : {"yaml", "json"}) {
    TempDir home;
    ProcessResult result = run_corpus_command(
        {"template", "--format", format, "--tag", tag.key + "=" + tag.value}, {}, home.path());
    expect_contract(result, 0, "");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    nlohmann::json document = format == "yaml" ? parse_cloudformation_yaml(result.out)
                                               : nlohmann::json::parse(result.out);
    int tagged = 0;
    for (const auto& [logical_id, resource] : document.at("Resources").items()) {
      int found = 0;
      for (const auto& item : resource["Properties"].value("Tags", nlohmann::json::array())) {
        if (item.at("Key") != tag.key) continue;
        ++found;
        EXPECT_EQ(item.at("Value").get<std::string>(), tag.value)
            << format << " " << logical_id << ":\n"
            << result.out;
      }
      EXPECT_EQ(found, 1) << format << " " << logical_id;
      tagged += found;
    }
    EXPECT_EQ(tagged, 4) << format << ": the group and the three endpoints";
  }
}

INSTANTIATE_TEST_SUITE_P(
    Template, TagRoundTrip,
    ::testing::Values(
        TagValue{"ColonSpace", "k", "a: b"}, TagValue{"JsonObject", "k", R"({"x":1})"},
        TagValue{"Newline", "k", "line\nbreak"},
        TagValue{"ControlBytes", "k", "\x01\x02\x1b[31m\x7f\t\r"},
        TagValue{"YamlIndicators", "k", "- [a, b] # c & *d !e %f @g `h'i\"j |k >l"},
        TagValue{"LooksLikeARef", "k", "!Ref VpcId"},
        TagValue{"LooksLikeASub", "k", "${AWS::Region}"}, TagValue{"YamlScalars", "k", "null"},
        TagValue{"Boolean", "k", "yes"}, TagValue{"Octal", "k", "0o17"},
        TagValue{"Tilde", "k", "~"}, TagValue{"Empty", "k", ""},
        TagValue{"Spaces", "k", "  padded  "}, TagValue{"Backslashes", "k", "C:\\path\\\\"},
        TagValue{"EqualsSigns", "k", "a=b=c"},
        TagValue{"Unicode", "k", "\xe6\x97\xa5\xe6\x9c\xac \xe2\x98\x83 \xf0\x9f\x9a\x80"},
        TagValue{"Longest", "k", std::string(256, 'v')},
        TagValue{"LongestMultibyte", "k",
                 [] {
                   std::string text;
                   for (int i = 0; i < 256; ++i)
                     text += "\xe2\x98\x83";
                   return text;
                 }()},
        TagValue{"KeyWithSpecials", "team: {ops}", "x"},
        TagValue{"KeyLongest", std::string(128, 'k'), "x"}),
    [](const ::testing::TestParamInfo<TagValue>& info) { return info.param.name; });

}  // namespace ssmlink::testing
