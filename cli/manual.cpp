#include "cli/manual.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "util/strings.hpp"
#include "util/version.hpp"

namespace ssmlink::cli {

namespace {

// Plain text in roff: a backslash is \e; a line starting with . or ' would be a request.
std::string roff(const std::string& text) {
  std::string escaped;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) escaped += "\\&";
    if (c == '\\') {
      escaped += "\\e";
    } else {
      escaped += c;
    }
    line_start = c == '\n';
  }
  return escaped;
}

// Something to type (an option, a command): its hyphens are minus signs, so that what is
// copied from the page runs (man-pages(7)).
std::string literal(const std::string& text) {
  std::string escaped;
  for (char c : roff(text))
    escaped += c == '-' ? std::string("\\-") : std::string(1, c);
  return escaped;
}

std::string upper(std::string text) {
  for (char& c : text)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// --help's one-liners start in lower case; a man page's paragraphs are sentences.
std::string sentence(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string page_name(const CommandDoc& command) {
  return command.name.empty() ? "ssmlink" : "ssmlink-" + command.name;
}

std::string synopsis(const CommandDoc& command) {
  if (command.name.empty()) {
    return ".B ssmlink\n.RI [ options ]\n.I command\n.RI [ command\\ options ]\n";
  }
  std::string text = ".B ssmlink " + command.name + "\n.RI [ options ]\n";
  for (const auto& option : command.options) {
    if (!option.positional) continue;
    if (option.takes_the_rest) text += ".B \\-\\-\n";  // exec: the remote command's words
    text += ".I " + literal(option.names[0]) + "\n";
  }
  return text;
}

void option_entries(std::ostream& out, const CommandDoc& command, const std::string& group) {
  for (const auto& option : command.options) {
    if (option.group != group || option.positional) continue;
    out << ".TP\n";
    std::vector<std::string> names;
    for (const auto& name : option.names)
      names.push_back("\\fB" + literal(name) + "\\fR");
    out << join(names, ", ");
    if (!option.is_flag()) out << " \\fI" + roff(option.value_name) + "\\fR";
    out << "\n" << roff(option.help);
    if (!option.default_value.empty()) out << " (default: " << roff(option.default_value) << ")";
    out << "\n";
  }
}

void options_section(std::ostream& out, const CommandDoc& command) {
  out << ".SH OPTIONS\n";
  for (const auto& option : command.options) {
    if (!option.positional) continue;
    out << ".TP\n\\fI" << roff(option.names[0]) << "\\fR\n" << roff(option.help) << "\n";
  }
  std::vector<std::string> groups;
  for (const auto& option : command.options) {
    if (!option.positional && std::ranges::find(groups, option.group) == groups.end())
      groups.push_back(option.group);
  }
  for (const auto& group : groups) {
    if (group != "Options") out << ".SS " << roff(group) << "\n";
    option_entries(out, command, group);
  }
  out << ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nprint the help and exit\n";
  if (command.name.empty()) out << ".TP\n\\fB\\-\\-version\\fR\nprint the version and exit\n";
}

// "Exit codes: 0 success, 1 the AWS operation failed, 2 ..." as a paragraph.
std::string exit_status(const CommandDoc& command, const CommandDoc& root) {
  std::string text = !command.exit_codes.empty() ? command.exit_codes : root.exit_codes;
  text = text.substr(std::string("Exit codes:").size());
  return roff(sentence(trim(text))) + "\n";
}

void environment_section(std::ostream& out) {
  out << ".SH ENVIRONMENT\n"
         "As the AWS CLI reads them; a command-line option wins over a variable, a variable\n"
         "over the profile's setting.\n";
  for (const auto& variable : environment_variables()) {
    out << ".TP\n.B " << roff(variable.name) << "\n" << roff(variable.meaning) << "\n";
  }
}

void files_section(std::ostream& out) {
  out << ".SH FILES\n"
         ".TP\n.I ~/.aws/config\n"
         "profiles: region, credentials (role_arn, source_profile, credential_process, sso_*,\n"
         "web_identity_token_file), endpoint_url, [services] sections, retry_mode, max_attempts\n"
         "(AWS_CONFIG_FILE moves it)\n"
         ".TP\n.I ~/.aws/credentials\n"
         "access keys by profile (AWS_SHARED_CREDENTIALS_FILE moves it)\n"
         ".TP\n.I ~/.aws/sso/cache/\n"
         "IAM Identity Center tokens left by \\fBaws sso login\\fR\n";
}

void examples_section(std::ostream& out, const std::vector<std::string>& examples) {
  if (examples.empty()) return;
  out << ".SH EXAMPLES\n.PP\n.nf\n.RS 4\n";
  for (const auto& line : examples)
    out << literal(line) << "\n";
  out << ".RE\n.fi\n";
}

void see_also(std::ostream& out, const CommandLineDoc& doc, const CommandDoc& command) {
  std::vector<std::string> pages;
  if (!command.name.empty()) pages.push_back(".BR ssmlink (1)");
  for (const auto& other : doc.commands) {
    if (other.name != command.name) pages.push_back(".BR " + literal(page_name(other)) + " (1)");
  }
  pages.push_back(".BR aws (1)");
  out << ".SH SEE ALSO\n";
  for (size_t i = 0; i < pages.size(); ++i)
    out << pages[i] << (i + 1 < pages.size() ? ",\n" : "\n");
}

// ssmlink(1): the tool, its commands, and one example of each.
void root_description(std::ostream& out, const CommandLineDoc& doc) {
  out << ".SH DESCRIPTION\n"
         "ssmlink opens a path for AWS Systems Manager Session Manager into a private VPC\n"
         "(the interface endpoints ssm, ssmmessages and ec2messages, and a least-privilege\n"
         "security group, as one CloudFormation stack), checks every prerequisite, opens\n"
         "shells, commands and port forwards over it with its own Session Manager client, and\n"
         "closes the path again. Called as \\fBsession\\-manager\\-plugin\\fR it stands in for\n"
         "AWS's plugin under \\fBaws ssm start\\-session\\fR.\n"
         ".SS Commands\n";
  for (const auto& command : doc.commands) {
    out << ".TP\n.B " << literal(command.name) << "\n"
        << roff(command.summary) << "; see\n.BR " << literal(page_name(command)) << " (1).\n";
  }
}

std::vector<std::string> tour(const CommandLineDoc& doc) {
  std::vector<std::string> lines;
  for (const auto& command : doc.commands) {
    if (!command.examples.empty()) lines.push_back(command.examples.front());
  }
  return lines;
}

std::string page(const CommandLineDoc& doc, const CommandDoc& command, const std::string& date) {
  std::ostringstream out;
  std::string name = page_name(command);
  std::string summary = command.summary;
  if (command.name.empty()) summary = summary.substr(summary.find(": ") + 2);  // "ssmlink 0.1.0: "
  out << ".\\\" Generated from ssmlink's command-line definitions (cli/manual.cpp); do not edit.\n"
      << ".TH " << literal(upper(name)) << " 1 \"" << date << "\" \"ssmlink " << kVersion
      << "\" \"ssmlink manual\"\n"
      // No hyphenation, ragged right: option and command names stay whole.
      << ".nh\n.ad l\n"
      << ".SH NAME\n"
      << literal(name) << " \\- " << roff(summary) << "\n"
      << ".SH SYNOPSIS\n"
      << synopsis(command);
  if (command.name.empty()) {
    root_description(out, doc);
  } else {
    out << ".SH DESCRIPTION\n" << roff(sentence(summary)) << ".\n";
    if (!trim(command.notes).empty()) out << ".PP\n" << roff(trim(command.notes)) << "\n";
  }
  options_section(out, command);
  out << ".SH EXIT STATUS\n" << exit_status(command, doc.root);
  environment_section(out);
  files_section(out);
  examples_section(out, command.name.empty() ? tour(doc) : command.examples);
  see_also(out, doc, command);
  return out.str();
}

std::vector<std::string> paragraphs(const std::string& text) {
  std::vector<std::string> result(1);
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) {
      if (!result.back().empty()) result.emplace_back();
    } else {
      result.back() += line + "\n";
    }
  }
  if (result.back().empty()) result.pop_back();
  return result;
}

// "  --fault-op SERVICE:Operation=KIND[@RATE]" then lines indented further: one .TP entry.
void emulator_options(std::ostream& out, const std::string& block) {
  std::istringstream lines(block);
  std::string line;
  std::getline(lines, line);  // "options:"
  while (std::getline(lines, line)) {
    std::string text = trim(line);
    if (line.starts_with("  --")) {
      auto gap = text.find("  ");
      std::string head = text.substr(0, gap);
      auto space = head.find(' ');
      out << ".TP\n\\fB" << literal(head.substr(0, space)) << "\\fR";
      if (space != std::string::npos) out << " \\fI" << roff(head.substr(space + 1)) << "\\fR";
      out << "\n";
      if (gap != std::string::npos) out << roff(trim(text.substr(gap))) << "\n";
    } else {
      out << roff(text) << "\n";
    }
  }
}

void verbatim(std::ostream& out, const std::string& block, size_t indent = 0) {
  out << ".PP\n.nf\n";
  std::istringstream lines(block);
  for (std::string line; std::getline(lines, line);)
    out << literal(line.substr(std::min({indent, line.find_first_not_of(' '), line.size()})))
        << "\n";
  out << ".fi\n";
}

}  // namespace

ManPage emulator_man_page(const std::string& usage, const std::string& date) {
  std::vector<std::string> parts = paragraphs(usage);
  std::ostringstream out;
  out << ".\\\" Generated from ssmlink-emulator --help (cli/manual.cpp); do not edit.\n"
      << ".TH SSMLINK\\-EMULATOR 1 \"" << date << "\" \"ssmlink " << kVersion
      << "\" \"ssmlink manual\"\n.nh\n.ad l\n"
      << ".SH NAME\nssmlink\\-emulator \\- a loopback AWS for tests and demos\n"
      << ".SH SYNOPSIS\n.B ssmlink\\-emulator\n.RI [ options ]\n";
  std::string exit_status, examples, interfaces;
  out << ".SH DESCRIPTION\n";
  for (size_t i = 1; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (part.starts_with("options:")) {
      out << ".SH OPTIONS\n";
      emulator_options(out, part);
    } else if (part.starts_with("exit status:")) {
      exit_status = sentence(trim(part.substr(std::string("exit status:").size())));
    } else if (part.starts_with("examples:")) {
      examples = part.substr(part.find('\n') + 1);
    } else if (i == 1) {
      out << roff(part);
    } else {
      interfaces += part;
    }
  }
  if (!interfaces.empty()) {
    out << ".SH INTERFACES\n";
    verbatim(out, interfaces);
  }
  out << ".SH EXIT STATUS\n" << roff(exit_status) << "\n";
  if (!examples.empty()) {
    out << ".SH EXAMPLES\n";
    verbatim(out, examples, 2);
  }
  out << ".SH SEE ALSO\n.BR ssmlink (1),\n.BR ssmlink\\-demo (1),\n.BR aws (1)\n";
  return {"ssmlink-emulator.1", out.str()};
}

const std::vector<EnvironmentVariable>& environment_variables() {
  static const std::vector<EnvironmentVariable> variables = {
      {"AWS_PROFILE", "the profile to use (--profile wins)"},
      {"AWS_DEFAULT_PROFILE", "the profile, when AWS_PROFILE is not set"},
      {"AWS_REGION", "the region (--region wins)"},
      {"AWS_DEFAULT_REGION", "the region, when AWS_REGION is not set"},
      {"AWS_ACCESS_KEY_ID", "access key ID (with AWS_SECRET_ACCESS_KEY)"},
      {"AWS_SECRET_ACCESS_KEY", "secret access key; never printed, even with --debug"},
      {"AWS_SESSION_TOKEN", "session token of temporary credentials"},
      {"AWS_SECURITY_TOKEN", "older name of AWS_SESSION_TOKEN"},
      {"AWS_CREDENTIAL_EXPIRATION", "when the credentials in the environment expire (ISO 8601)"},
      {"AWS_ROLE_ARN", "role to assume with a web identity token"},
      {"AWS_WEB_IDENTITY_TOKEN_FILE", "file holding the web identity (OIDC) token"},
      {"AWS_ROLE_SESSION_NAME", "session name for that role"},
      {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "ECS task credentials path"},
      {"AWS_CONTAINER_CREDENTIALS_FULL_URI", "container credentials URL (EKS Pod Identity)"},
      {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "authorization header for that URL"},
      {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "file holding that header"},
      {"AWS_EC2_METADATA_DISABLED", "true: do not ask the instance metadata service"},
      {"AWS_EC2_METADATA_SERVICE_ENDPOINT", "the instance metadata service's URL"},
      {"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv4 or IPv6 for the metadata service"},
      {"AWS_METADATA_SERVICE_TIMEOUT", "seconds to wait for the metadata service"},
      {"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "attempts at the metadata service"},
      {"AWS_CONFIG_FILE", "the config file (default ~/.aws/config)"},
      {"AWS_SHARED_CREDENTIALS_FILE", "the credentials file (default ~/.aws/credentials)"},
      {"AWS_ENDPOINT_URL", "send every AWS call to this URL (--endpoint-url wins)"},
      {"AWS_ENDPOINT_URL_<SERVICE>",
       "one service's URL, e.g. AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL_SSO"},
      {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
       "true: ignore the endpoint URLs of the environment and config file"},
      {"AWS_CA_BUNDLE", "PEM file of CA certificates to trust (verification stays on)"},
      {"AWS_RETRY_MODE", "standard or adaptive retries"},
      {"AWS_MAX_ATTEMPTS", "attempts per AWS call, the first included"},
      {"HTTPS_PROXY, https_proxy, HTTP_PROXY, http_proxy, ALL_PROXY, all_proxy",
       "proxy for AWS calls and Session Manager's WebSocket"},
      {"NO_PROXY, no_proxy", "hosts reached without the proxy"},
      {"AWS_SSM_START_SESSION_RESPONSE",
       "as session-manager-plugin: the StartSession answer, from the AWS CLI"},
      {"NO_COLOR", "no colour in the output (as --no-color)"},
      {"HOME", "where ~/.aws is"},
  };
  return variables;
}

std::vector<ManPage> man_pages(const CommandLineDoc& doc, const std::string& date) {
  std::vector<ManPage> pages;
  pages.push_back({"ssmlink.1", page(doc, doc.root, date)});
  for (const auto& command : doc.commands)
    pages.push_back({page_name(command) + ".1", page(doc, command, date)});
  return pages;
}

}  // namespace ssmlink::cli
