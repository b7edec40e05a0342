// Read access to environment variables, behind an interface so that tests can
// hand a fixed set to code that would otherwise read the process environment.
#pragma once
#include <map>
#include <optional>
#include <string>

namespace ssmlink {

class Environment {
 public:
  virtual ~Environment() = default;
  // The variable's value; an empty value counts as unset, as in the AWS CLI.
  virtual std::optional<std::string> get(const std::string& name) const = 0;
};

class ProcessEnvironment final : public Environment {
 public:
  std::optional<std::string> get(const std::string& name) const override;
};

class MapEnvironment final : public Environment {
 public:
  MapEnvironment() = default;
  explicit MapEnvironment(std::map<std::string, std::string> vars) : vars_(std::move(vars)) {}
  std::optional<std::string> get(const std::string& name) const override;
  void set(const std::string& name, std::string value) { vars_[name] = std::move(value); }
  void unset(const std::string& name) { vars_.erase(name); }

 private:
  std::map<std::string, std::string> vars_;
};

}  // namespace ssmlink
