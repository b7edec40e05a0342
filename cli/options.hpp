// Option helpers: every value is validated while parsing, so a bad one fails with
// "--flag: <what was wrong and what is accepted>" and exit code 2.
#pragma once
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "domain/result.hpp"

namespace ssmlink::cli {

// A CLI11 validator from a domain parser returning Result<T>.
template <typename Parse>
CLI::Validator checked_by(Parse parse, std::string description) {
  return CLI::Validator(
      [parse](std::string& value) -> std::string {
        auto result = parse(value);
        return result ? std::string() : result.error().message;
      },
      std::move(description));
}

CLI::Validator id_validator(domain::ResourceKind kind);

// Numbers as text, so that "abc" or "-3" get a message in our words.
domain::Result<double> parse_number(std::string_view text, double minimum, bool minimum_allowed,
                                    std::string_view expected);
domain::Result<int> parse_count(std::string_view text, int minimum, int maximum);

CLI::Option* add_repeatable(CLI::App& app, const std::string& name,
                            std::vector<std::string>& values, const std::string& help);

}  // namespace ssmlink::cli
