#include "util/sigv4.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/paths.hpp"
#include "util/clock.hpp"
#include "util/crypto.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace ssmlink::sigv4 {
namespace {

namespace fs = std::filesystem;

// The pieces, on inputs the vectors leave out.

TEST(Sigv4Scope, IsDateRegionServiceAndTerminator) {
  EXPECT_EQ((Scope{"20150830", "us-east-1", "ec2"}.string()),
            "20150830/us-east-1/ec2/aws4_request");
}

TEST(Sigv4AmzDate, IsCompactUtc) {
  Clock::TimePoint time;
  ASSERT_TRUE(parse_iso8601("2026-02-03T04:05:06+09:00", time));
  EXPECT_EQ(amz_date(time), "20260202T190506Z");
}

TEST(Sigv4CanonicalPath, EncodesWhatIsSentOnceMoreForEveryServiceButS3) {
  // AWS: "each path segment must be URI-encoded twice (except for Amazon S3)". The path
  // as sent is already encoded once, so its '%' is encoded again.
  EXPECT_EQ(canonical_path("/a%20b/c%2Fd", true), "/a%2520b/c%252Fd");
  EXPECT_EQ(canonical_path("/a%20b/c%2Fd", false), "/a%2520b/c%252Fd");
  EXPECT_EQ(canonical_path("/!$&'()*+,;=:@", true), "/%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40");
}

TEST(Sigv4CanonicalPath, NormalisingRemovesDotAndEmptySegments) {
  EXPECT_EQ(canonical_path("", true), "/");
  EXPECT_EQ(canonical_path("/", true), "/");
  EXPECT_EQ(canonical_path("/a/b/../../..", true), "/");
  EXPECT_EQ(canonical_path("/a/./b//c/", true), "/a/b/c/");
  EXPECT_EQ(canonical_path("/a/b/..", true), "/a");
  EXPECT_EQ(canonical_path("/a/.", true), "/a");
  EXPECT_EQ(canonical_path("/../a", true), "/a");
  EXPECT_EQ(canonical_path("/...", true), "/...");
  // Only literal dots are dot segments: encoded ones are data.
  EXPECT_EQ(canonical_path("/a/%2E%2E/b", true), "/a/%252E%252E/b");
}

TEST(Sigv4CanonicalPath, WithoutNormalisingKeepsEverySegment) {
  EXPECT_EQ(canonical_path("", false), "/");
  EXPECT_EQ(canonical_path("//a/./b/../", false), "//a/./b/../");
}

TEST(Sigv4CanonicalQuery, DecodesThenEncodesEachNameAndValue) {
  EXPECT_EQ(canonical_query(""), "");
  EXPECT_EQ(canonical_query("a=b%2fc"), "a=b%2Fc");  // hex digits become upper case
  EXPECT_EQ(canonical_query("a=b/c d*"), "a=b%2Fc%20d%2A");
  EXPECT_EQ(canonical_query("a=%7E%41"), "a=~A");  // unreserved characters are never encoded
  EXPECT_EQ(canonical_query("k=a=b"), "k=a%3Db");  // the first '=' splits name from value
}

TEST(Sigv4CanonicalQuery, PlusIsAPlusSign) {
  EXPECT_EQ(canonical_query("a=b+c"), "a=b%2Bc");
  EXPECT_EQ(canonical_query("a=b%2Bc"), "a=b%2Bc");
  EXPECT_EQ(canonical_query("a=b%20c"), "a=b%20c");
}

TEST(Sigv4CanonicalQuery, EmptyValuesKeepTheirEqualsSign) {
  EXPECT_EQ(canonical_query("b&a="), "a=&b=");
  EXPECT_EQ(canonical_query("a&&b=1&"), "a=&b=1");  // empty parameters are not parameters
}

TEST(Sigv4CanonicalQuery, ABrokenEscapeIsALiteralPercentSign) {
  EXPECT_EQ(canonical_query("a=%zz&b=%4&c=%"), "a=%25zz&b=%254&c=%25");
}

TEST(Sigv4CanonicalQuery, SortsByEncodedNameThenValue) {
  // Raw UTF-8 sorts after 'Z', but its encoding starts with '%' and sorts before it.
  EXPECT_EQ(canonical_query("Z=1&\xC3\xA9=2"), "%C3%A9=2&Z=1");
  EXPECT_EQ(canonical_query("a=2&a=10&A=3"), "A=3&a=10&a=2");
}

TEST(Sigv4CanonicalHeaderValue, TrimsAndCollapsesBlanks) {
  EXPECT_EQ(canonical_header_value(""), "");
  EXPECT_EQ(canonical_header_value(" \t "), "");
  EXPECT_EQ(canonical_header_value("  a \t b  "), "a b");
  EXPECT_EQ(canonical_header_value("value1\r\n  value2\n\tvalue3"), "value1 value2 value3");
  EXPECT_EQ(canonical_header_value("\"a   b\""), "\"a b\"");
  EXPECT_EQ(canonical_header_value("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(Sigv4SignedHeaderNames, AreLowerCaseSortedAndUniqueAndChosenByTheCaller) {
  Headers headers = {{"X-Amz-Date", "1"},
                     {"Host", "h"},
                     {"user-agent", "u"},
                     {"My-Header", "a"},
                     {"my-header", "b"}};
  auto names =
      signed_header_names(headers, [](std::string_view name) { return name != "user-agent"; });
  EXPECT_EQ(names, (std::vector<std::string>{"host", "my-header", "x-amz-date"}));
}

TEST(Sigv4CanonicalRequest, JoinsRepeatedHeadersInOrderAndLeavesAMissingOneEmpty) {
  Request request{"GET", "/", "", {{"A", " 2 "}, {"b", "x"}, {"a", "1"}}, sha256_hex("")};
  EXPECT_EQ(canonical_request(request, {"a", "c"}),
            "GET\n/\n\na:2,1\nc:\n\na;c\n" + sha256_hex(""));
}

TEST(Sigv4SigningKey, MatchesAwsDocumentedExample) {
  // "Examples of how to derive a signing key for Signature Version 4" (AWS General
  // Reference): secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20120215/us-east-1/iam.
  EXPECT_EQ(hex_encode(signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                   Scope{"20120215", "us-east-1", "iam"})),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST(Sigv4AuthorizationHeader, HasCredentialSignedHeadersAndSignature) {
  EXPECT_EQ(authorization_header("AKID", Scope{"20150830", "us-east-1", "ec2"},
                                 {"host", "x-amz-date"}, "abc"),
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/ec2/aws4_request, "
            "SignedHeaders=host;x-amz-date, Signature=abc");
}

const std::string sample_signature(64, 'a');

TEST(Sigv4ParseAuthorization, TakesApartWhatAuthorizationHeaderWrites) {
  Scope scope{"20150830", "us-east-1", "ec2"};
  auto parsed = parse_authorization(
      authorization_header("AKID", scope, {"host", "x-amz-date"}, sample_signature));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->access_key_id, "AKID");
  EXPECT_EQ(parsed->scope.string(), scope.string());
  EXPECT_EQ(parsed->signed_headers, (std::vector<std::string>{"host", "x-amz-date"}));
  EXPECT_EQ(parsed->signature, sample_signature);
}

TEST(Sigv4ParseAuthorization, AcceptsAnyOrderAndSpacing) {
  auto parsed =
      parse_authorization(" AWS4-HMAC-SHA256  Signature=" + sample_signature +
                          ",SignedHeaders=host ,  Credential=AKID/20150830/r/s/aws4_request ");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->access_key_id, "AKID");
  EXPECT_EQ(parsed->scope.region, "r");
  EXPECT_EQ(parsed->scope.service, "s");
  EXPECT_EQ(parsed->signed_headers, std::vector<std::string>{"host"});
}

TEST(Sigv4ParseAuthorization, RejectsMalformedHeaders) {
  const std::string credential = "Credential=AKID/20150830/us-east-1/ec2/aws4_request";
  const std::string signed_headers = "SignedHeaders=host;x-amz-date";
  const std::string signature = "Signature=" + sample_signature;
  auto header = [](const std::string& a, const std::string& b, const std::string& c) {
    return "AWS4-HMAC-SHA256 " + join({a, b, c}, ", ");
  };
  ASSERT_TRUE(parse_authorization(header(credential, signed_headers, signature)));
  for (const std::string& bad : {
           std::string(""),
           std::string("AWS4-HMAC-SHA256"),
           "AWS4-ECDSA-P256-SHA256 " + join({credential, signed_headers, signature}, ", "),
           "AWS4-HMAC-SHA256" + join({credential, signed_headers, signature}, ", "),
           "AWS4-HMAC-SHA256 " + join({credential, signed_headers}, ", "),
           header(credential, signed_headers, signature) + ", " + signature,
           header(credential, signed_headers, signature) + ", Extra=1",
           header(credential, signed_headers, signature) + ",",
           header("Credential=AKID/20150830/us-east-1/ec2", signed_headers, signature),
           header("Credential=AKID/20150830/us-east-1/ec2/aws5_request", signed_headers, signature),
           header("Credential=/20150830/us-east-1/ec2/aws4_request", signed_headers, signature),
           header("Credential=AKID/2015083/us-east-1/ec2/aws4_request", signed_headers, signature),
           header("Credential=AKID/20150830//ec2/aws4_request", signed_headers, signature),
           header("Credential=A/KID/20150830/us-east-1/ec2/aws4_request", signed_headers,
                  signature),
           header(credential, "SignedHeaders=", signature),
           header(credential, "SignedHeaders=host;;x-amz-date", signature),
           header(credential, "SignedHeaders=Host;x-amz-date", signature),
           header(credential, signed_headers, "Signature=" + sample_signature.substr(1)),
           header(credential, signed_headers, "Signature=" + std::string(64, 'A')),
           header(credential, signed_headers, "Signature=" + std::string(64, 'g')),
           header(credential, signed_headers, "Signature " + sample_signature),
       }) {
    EXPECT_FALSE(parse_authorization(bad)) << bad;
  }
}

// AWS's test suite, both copies (reference/sigv4-test-suite/README.md). Each case is
// signed from its request and compared byte for byte with the expected canonical request,
// string to sign and signature; each signed request is also verified as a server would.
//
// What the suites hold that is not compared, and why:
// - aws-c-auth/v4a/: SigV4a (ECDSA P-256, region sets). EC2, CloudFormation, SSM and STS
//   take SigV4, so ssmlink never signs with SigV4a.
// - aws-c-auth/v4/<case>/query-*.txt: presigned URLs (the signature in the query string).
//   ssmlink signs with headers only.
// - aws-sig-v4-test-suite/get-vanilla-with-session-token/*.sreq: a known error in the
//   suite, it carries get-vanilla's signature. The .authz is right (aws-c-auth agrees); the
//   verification test checks that this .sreq is rejected.
// None of the cases is S3-only: the unnormalised paths of aws-c-auth are checked with
// normalisation off.

const fs::path suite_root = testing::source_path("reference/sigv4-test-suite");
const fs::path classic_root = suite_root / "aws-sig-v4-test-suite";
const fs::path aws_c_auth_root = suite_root / "aws-c-auth";

constexpr size_t classic_case_count = 34;
constexpr size_t aws_c_auth_case_count = 38;

const std::string example_secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const Scope example_scope{"20150830", "us-east-1", "service"};
const std::string example_amz_date = "20150830T123600Z";

// An HTTP/1.1 message as the suites write it: "METHOD target HTTP/1.1", then "Name:value"
// lines (a line that starts with a blank continues the value above it), then after the
// first empty line, the body.
struct HttpMessage {
  std::string method;
  std::string path;
  std::string query;
  Headers headers;
  std::string body;
};

HttpMessage parse_http_message(const std::string& text) {
  HttpMessage message;
  size_t blank_line = text.find("\n\n");
  if (blank_line != std::string::npos) message.body = text.substr(blank_line + 2);
  std::vector<std::string> lines = split(std::string_view(text).substr(0, blank_line), '\n');
  if (lines.back().empty()) lines.pop_back();  // the head's own final newline
  if (lines.empty()) throw std::runtime_error("empty HTTP message");
  // The target may hold spaces (get-space), so the version is after the last one.
  const std::string& request_line = lines.front();
  size_t first_space = request_line.find(' ');
  size_t last_space = request_line.rfind(' ');
  if (first_space == last_space) throw std::runtime_error("no request line: " + request_line);
  message.method = request_line.substr(0, first_space);
  std::string target = request_line.substr(first_space + 1, last_space - first_space - 1);
  size_t question = target.find('?');
  message.path = target.substr(0, question);
  if (question != std::string::npos) message.query = target.substr(question + 1);
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.starts_with(' ') || line.starts_with('\t')) {
      if (message.headers.empty()) throw std::runtime_error("folded line first: " + line);
      message.headers.back().second += "\n" + line;  // a folded line, kept as sent
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string::npos) throw std::runtime_error("not a header: " + line);
    message.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  return message;
}

HttpMessage read_http_message(const fs::path& file) {
  return parse_http_message(read_file(file.string()));
}

std::string read_text(const fs::path& file) {
  return read_file(file.string());
}

Request request_of(const HttpMessage& message) {
  return {message.method, message.path, message.query, message.headers, sha256_hex(message.body)};
}

std::optional<std::string> header_value(const Headers& headers, std::string_view lower_case_name) {
  for (const auto& [name, value] : headers) {
    if (to_lower(name) == lower_case_name) return canonical_header_value(value);
  }
  return std::nullopt;
}

std::vector<std::string> every_header_name(const Headers& headers) {
  return signed_header_names(headers, [](std::string_view) { return true; });
}

// What a server does: take the Authorization header apart, rebuild the canonical request
// from the headers it names, and compare signatures. Empty when the signature holds.
std::string verification_failure(const HttpMessage& signed_message, bool normalize_path) {
  auto header = header_value(signed_message.headers, "authorization");
  if (!header) return "no Authorization header";
  auto authorization = parse_authorization(*header);
  if (!authorization) return "malformed Authorization header: " + *header;
  if (authorization->access_key_id != "AKIDEXAMPLE") return "unknown access key";
  auto date = header_value(signed_message.headers, "x-amz-date");
  if (!date || date->substr(0, 8) != authorization->scope.date) return "date outside the scope";
  SigningInput input{authorization->access_key_id,  example_secret, *date, authorization->scope,
                     authorization->signed_headers, normalize_path};
  std::string computed = sign(request_of(signed_message), input).signature;
  if (computed == authorization->signature) return "";
  return "signature mismatch: sent " + authorization->signature + ", computed " + computed;
}

std::string test_name(const fs::path& path) {
  return path.lexically_relative(suite_root).string();
}

// The classic suite: one folder per case, holding <folder>.req, .creq, .sts, .authz and
// .sreq; folders without a .req group cases (normalize-path/, post-sts-token/).

std::vector<fs::path> classic_cases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::recursive_directory_iterator(classic_root)) {
    if (entry.path().extension() == ".req") cases.push_back(entry.path().parent_path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

fs::path classic_file(const fs::path& case_directory, const std::string& extension) {
  return case_directory / (case_directory.filename().string() + extension);
}

TEST(Sigv4ClassicSuite, EveryFileIsACaseFileOrDocumentation) {
  const std::set<std::string> case_extensions = {".req", ".creq", ".sts", ".authz", ".sreq"};
  const std::set<std::string> documentation = {
      "LICENSE", "NOTICE", "normalize-path/normalize-path.txt", "post-sts-token/readme.txt"};
  size_t case_files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(classic_root)) {
    if (entry.is_directory()) continue;
    const fs::path& path = entry.path();
    std::string relative = path.lexically_relative(classic_root).generic_string();
    bool is_case_file = case_extensions.count(path.extension().string()) == 1 &&
                        path.stem() == path.parent_path().filename();
    EXPECT_TRUE(is_case_file || documentation.count(relative) == 1) << relative;
    if (is_case_file) ++case_files;
  }
  EXPECT_EQ(case_files, classic_case_count * case_extensions.size());
}

// get-vanilla-with-session-token's .req lacks the X-Amz-Security-Token header that its
// .creq signs; the suite's README gives the token.
void add_what_the_request_file_lacks(const fs::path& case_directory, Headers& headers) {
  if (case_directory.filename() == "get-vanilla-with-session-token") {
    headers.emplace_back("X-Amz-Security-Token",
                         "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267");
  }
}

TEST(Sigv4ClassicSuite, SignsEveryCaseAsExpected) {
  size_t checked = 0;
  for (const fs::path& case_directory : classic_cases()) {
    SCOPED_TRACE(test_name(case_directory));
    HttpMessage message = read_http_message(classic_file(case_directory, ".req"));
    add_what_the_request_file_lacks(case_directory, message.headers);
    SigningInput input{"AKIDEXAMPLE", example_secret, example_amz_date, example_scope,
                       every_header_name(message.headers)};
    SigningResult result = sign(request_of(message), input);
    EXPECT_EQ(result.canonical_request, read_text(classic_file(case_directory, ".creq")));
    EXPECT_EQ(result.string_to_sign, read_text(classic_file(case_directory, ".sts")));
    EXPECT_EQ(result.authorization, read_text(classic_file(case_directory, ".authz")));
    ++checked;
  }
  EXPECT_EQ(checked, classic_case_count);
}

TEST(Sigv4ClassicSuite, VerifiesEverySignedRequest) {
  const fs::path wrong_sreq = classic_root / "get-vanilla-with-session-token";
  size_t checked = 0;
  for (const fs::path& case_directory : classic_cases()) {
    SCOPED_TRACE(test_name(case_directory));
    HttpMessage signed_message = read_http_message(classic_file(case_directory, ".sreq"));
    std::string failure = verification_failure(signed_message, true);
    if (case_directory == wrong_sreq) {
      EXPECT_EQ(failure,
                "signature mismatch: sent "
                "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31, computed "
                "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8");
    } else {
      EXPECT_EQ(failure, "");
      EXPECT_EQ(header_value(signed_message.headers, "authorization"),
                read_text(classic_file(case_directory, ".authz")));
    }
    ++checked;
  }
  EXPECT_EQ(checked, classic_case_count);
}

// aws-c-auth's suite: v4/<case>/ holds request.txt, context.json and the expected results,
// header-*.txt for header signing and query-*.txt for presigned URLs.

const std::set<std::string> header_signing_files = {"request.txt",
                                                    "context.json",
                                                    "header-canonical-request.txt",
                                                    "header-string-to-sign.txt",
                                                    "header-signature.txt",
                                                    "header-signed-request.txt"};
const std::set<std::string> presigned_url_files = {
    "query-canonical-request.txt", "query-string-to-sign.txt", "query-signature.txt",
    "query-signed-request.txt"};

std::vector<fs::path> aws_c_auth_cases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(aws_c_auth_root / "v4")) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

TEST(Sigv4AwsCAuthSuite, EveryFileIsKnown) {
  std::set<std::string> top;
  for (const auto& entry : fs::directory_iterator(aws_c_auth_root)) {
    top.insert(entry.path().filename().string());
  }
  EXPECT_EQ(top, (std::set<std::string>{"LICENSE", "NOTICE", "v4", "v4a"}));
  size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(aws_c_auth_root / "v4")) {
    SCOPED_TRACE(test_name(entry.path()));
    ASSERT_TRUE(entry.is_directory());
    std::set<std::string> files;
    for (const auto& file : fs::directory_iterator(entry.path())) {
      files.insert(file.path().filename().string());
    }
    std::set<std::string> expected = header_signing_files;
    expected.insert(presigned_url_files.begin(), presigned_url_files.end());
    EXPECT_EQ(files, expected);
    ++cases;
  }
  EXPECT_EQ(cases, aws_c_auth_case_count);
}

struct AwsCAuthContext {
  SigningInput input;
  std::string session_token;
  bool omit_session_token = false;
  bool sign_body = false;
};

AwsCAuthContext read_context(const fs::path& case_directory) {
  auto json = nlohmann::json::parse(read_text(case_directory / "context.json"));
  Clock::TimePoint time;
  if (!parse_iso8601(json.at("timestamp").get<std::string>(), time)) {
    throw std::runtime_error("bad timestamp in " + case_directory.string());
  }
  AwsCAuthContext context;
  const auto& credentials = json.at("credentials");
  context.input.access_key_id = credentials.at("access_key_id").get<std::string>();
  context.input.secret_access_key = credentials.at("secret_access_key").get<std::string>();
  context.session_token = credentials.value("token", "");
  context.input.amz_date = amz_date(time);
  context.input.scope = {context.input.amz_date.substr(0, 8), json.at("region").get<std::string>(),
                         json.at("service").get<std::string>()};
  context.input.normalize_path = json.at("normalize").get<bool>();
  context.omit_session_token = json.value("omit_session_token", false);
  context.sign_body = json.at("sign_body").get<bool>();
  return context;
}

// aws-c-auth adds these headers while signing, so its request.txt files lack them.
void add_signing_headers(const AwsCAuthContext& context, HttpMessage& message) {
  message.headers.emplace_back("X-Amz-Date", context.input.amz_date);
  if (!context.session_token.empty() && !context.omit_session_token) {
    message.headers.emplace_back("X-Amz-Security-Token", context.session_token);
  }
  if (context.sign_body)
    message.headers.emplace_back("x-amz-content-sha256", sha256_hex(message.body));
}

TEST(Sigv4AwsCAuthSuite, SignsEveryHeaderCaseAsExpected) {
  size_t checked = 0;
  for (const fs::path& case_directory : aws_c_auth_cases()) {
    SCOPED_TRACE(test_name(case_directory));
    AwsCAuthContext context = read_context(case_directory);
    HttpMessage message = read_http_message(case_directory / "request.txt");
    add_signing_headers(context, message);
    context.input.signed_headers = every_header_name(message.headers);
    SigningResult result = sign(request_of(message), context.input);
    EXPECT_EQ(result.canonical_request, read_text(case_directory / "header-canonical-request.txt"));
    EXPECT_EQ(result.string_to_sign, read_text(case_directory / "header-string-to-sign.txt"));
    EXPECT_EQ(result.signature, read_text(case_directory / "header-signature.txt"));
    HttpMessage signed_message = read_http_message(case_directory / "header-signed-request.txt");
    EXPECT_EQ(header_value(signed_message.headers, "authorization"), result.authorization);
    ++checked;
  }
  EXPECT_EQ(checked, aws_c_auth_case_count);
}

TEST(Sigv4AwsCAuthSuite, VerifiesEverySignedRequest) {
  size_t checked = 0;
  for (const fs::path& case_directory : aws_c_auth_cases()) {
    SCOPED_TRACE(test_name(case_directory));
    bool normalize = read_context(case_directory).input.normalize_path;
    HttpMessage signed_message = read_http_message(case_directory / "header-signed-request.txt");
    EXPECT_EQ(verification_failure(signed_message, normalize), "");
    ++checked;
  }
  EXPECT_EQ(checked, aws_c_auth_case_count);
}

TEST(Sigv4Verification, RejectsAChangedRequest) {
  const fs::path case_directory = classic_root / "post-x-www-form-urlencoded";
  HttpMessage signed_message = read_http_message(classic_file(case_directory, ".sreq"));
  ASSERT_EQ(verification_failure(signed_message, true), "");
  for (const auto& change : std::vector<std::function<void(HttpMessage&)>>{
           [](HttpMessage& m) { m.body += "&Param2=value2"; },
           [](HttpMessage& m) { m.method = "PUT"; }, [](HttpMessage& m) { m.path = "/other"; },
           [](HttpMessage& m) { m.query = "a=b"; },
           [](HttpMessage& m) { m.headers.at(0).second = "text/plain"; },  // Content-Type
           [](HttpMessage& m) { m.headers.at(1).second = "example.amazonaws.org"; },  // Host
       }) {
    HttpMessage changed = signed_message;
    change(changed);
    EXPECT_NE(verification_failure(changed, true), "");
  }
}

}  // namespace
}  // namespace ssmlink::sigv4
