#include "domain/agent_identity.hpp"

#include <optional>

#include "domain/agent_versions.hpp"
#include "domain/partitions.hpp"
#include "util/strings.hpp"

namespace ssmlink::domain {

const std::vector<std::string>& agent_actions(bool with_ec2messages) {
  // AmazonSSMManagedInstanceCore's Session Manager part (awsdocs,
  // getting-started-create-iam-instance-profile.md), and ec2messages for older agents.
  static const std::vector<std::string> modern = {
      "ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel",
      "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
      "ssmmessages:OpenDataChannel",
  };
  static const std::vector<std::string> with_ec2 = [] {
    std::vector<std::string> actions = modern;
    for (const char* action :
         {"ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage", "ec2messages:FailMessage",
          "ec2messages:GetEndpoint", "ec2messages:GetMessages", "ec2messages:SendReply"}) {
      actions.emplace_back(action);
    }
    return actions;
  }();
  return with_ec2messages ? with_ec2 : modern;
}

namespace {

std::string partition_id(const std::string& region) {
  const Partition* partition = partition_of(region);
  return partition ? partition->id : "aws";
}

}  // namespace

std::string kms_key_arn(const std::string& key, const std::string& region,
                        const std::string& account) {
  if (key.starts_with("arn:")) return key;
  if (key.starts_with("alias/")) return "*";
  return "arn:" + partition_id(region) + ":kms:" + region + ":" + account + ":key/" + key;
}

std::string instance_arn(const std::string& region, const std::string& account,
                         const std::string& instance_id) {
  return "arn:" + partition_id(region) + ":ec2:" + region + ":" + account + ":instance/" +
         instance_id;
}

namespace {

constexpr std::string_view kCorePolicy = "AmazonSSMManagedInstanceCore";

// The account of an IAM ARN: arn:aws:iam::123456789012:role/x -> 123456789012.
std::string account_of(std::string_view arn) {
  auto parts = split(std::string(arn), ':');
  return parts.size() > 4 ? parts[4] : "";
}

std::string quoted_json(const std::string& json) {
  return "'" + json + "'";
}

// What one role may do for the agent: the first action that is not allowed, if any.
struct RoleAnswer {
  std::string action;
  Evaluation evaluation;
  std::vector<std::string> problems;  // unreadable or unparsable policies
  bool allowed() const { return action.empty(); }
};

class IdentityRun {
 public:
  IdentityRun(const IdentityCheck& check, std::vector<Finding>& findings)
      : check_(check),
        inventory_(check.inventory),
        instance_(check.instance),
        findings_(findings),
        partition_(partition_id(inventory_.region)) {}

  void run() {
    if (!inventory_.iam_read) {
      legacy_profile_check();
      return;
    }
    const InventoryRole* profile_role =
        instance_.instance_profile_arn ? profile_role_or_report() : nullptr;
    bool profile_works = profile_role && judge_role(*profile_role, "ec2.amazonaws.com", false);
    std::optional<bool> host_management = host_management_works(profile_works);
    bool falls_back = !profile_works && host_management.value_or(false);
    if (!instance_.instance_profile_arn) {
      no_profile(host_management);
    } else if (falls_back) {
      report_fallback(profile_role);
    } else if (profile_role && (!profile_works || keeps_ok())) {
      judge_role(*profile_role, "ec2.amazonaws.com", true);  // its findings, now
    }
    const InventoryRole* agent_role = falls_back ? host_management_role_ : profile_role;
    if (agent_role) check_kms(*agent_role);
  }

 private:
  void add(Finding finding) { findings_.push_back(std::move(finding)); }
  bool keeps_ok() const { return check_.keep_ok; }

  std::string instance_arn(const InventoryRole& role) const {
    return domain::instance_arn(inventory_.region, account_of(role.arn), instance_.id);
  }

  std::string attach_core(const std::string& role) const {
    return "aws iam attach-role-policy --role-name " + role + " --policy-arn arn:" + partition_ +
           ":iam::aws:policy/" + std::string(kCorePolicy);
  }

  // A snapshot of version 1 has no IAM facts: say what was and was not checked.
  void legacy_profile_check() {
    if (instance_.instance_profile_arn) {
      if (!keeps_ok()) return;
      add({"instance.profile",
           Severity::Ok,
           *instance_.instance_profile_arn,
           "IAM was not read (a snapshot of version 1): the role needs "
           "AmazonSSMManagedInstanceCore (or its permissions).",
           {instance_.id},
           ""});
      return;
    }
    add(missing_profile("Default Host Management Configuration was not read."));
  }

  Finding missing_profile(const std::string& why) const {
    std::string setting = "arn:" + partition_ + ":ssm:" + inventory_.region + ":" +
                          "<account>:servicesetting" + std::string(kHostManagementSetting);
    return {"instance.profile",
            Severity::Error,
            instance_.id + " has no instance profile",
            "The agent needs credentials with the SSM core permissions. " + why,
            {instance_.id},
            "aws ec2 associate-iam-instance-profile --instance-id " + instance_.id +
                " --iam-instance-profile Name=<a profile whose role has " +
                std::string(kCorePolicy) +
                ">\nor turn on Default Host Management: aws ssm update-service-setting "
                "--setting-id " +
                setting +
                " --setting-value "
                "service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole"};
  }

  // The role of the instance's profile, or a finding saying why there is none to judge.
  const InventoryRole* profile_role_or_report() {
    const std::string& arn = *instance_.instance_profile_arn;
    std::string name(iam_name(arn));
    const InventoryInstanceProfile* profile = check_.iam.profile(arn);
    if (!profile || profile->error) {
      std::string error = profile ? *profile->error : "it was not read";
      bool missing = error.find("NoSuchEntity") != std::string::npos;
      add({"iam.role",
           missing ? Severity::Error : Severity::Warning,
           missing ? "the instance profile " + name + " does not exist"
                   : "the instance profile " + name + " could not be read",
           error + (missing ? "" : ". Its role's permissions were not checked."),
           {instance_.id, arn},
           missing ? "aws ec2 replace-iam-instance-profile-association (attach a profile that "
                     "exists, whose role has " +
                         std::string(kCorePolicy) + ")"
                   : "allow iam:GetInstanceProfile to the caller, or check by hand: aws iam "
                     "get-instance-profile --instance-profile-name " +
                         name});
      return nullptr;
    }
    if (profile->role_names.empty()) {
      add({"iam.role",
           Severity::Error,
           "the instance profile " + name + " has no role",
           "Without a role the agent gets no credentials.",
           {instance_.id, arn},
           "aws iam add-role-to-instance-profile --instance-profile-name " + name +
               " --role-name <a role with " + std::string(kCorePolicy) + ">"});
      return nullptr;
    }
    const InventoryRole* role = check_.iam.role(profile->role_names.front());
    if (!role) {
      add({"iam.role",
           Severity::Warning,
           "the role " + profile->role_names.front() + " was not read",
           "Its permissions were not checked.",
           {instance_.id, arn},
           "aws iam list-attached-role-policies --role-name " + profile->role_names.front()});
      return nullptr;
    }
    if (keeps_ok()) {
      add({"instance.profile", Severity::Ok, arn, "role " + role->name, {instance_.id}, ""});
    }
    return role;
  }

  // Whether Default Host Management gives the agent a working role; none: cannot tell.
  // Findings come only when it matters: the profile's role does not work.
  std::optional<bool> host_management_works(bool profile_works) {
    if (inventory_.failed("ssm:GetServiceSetting")) return std::nullopt;
    if (!inventory_.host_management_role) return false;
    if (instance_.http_tokens != "required") return false;
    if (check_.managed && !check_.managed->agent_version.empty() &&
        compare_versions(check_.managed->agent_version, kAgentWithDefaultHostManagement) < 0) {
      return false;
    }
    const InventoryRole* role = check_.iam.role(*inventory_.host_management_role);
    if (!role) return std::nullopt;
    host_management_role_ = role;
    if (profile_works) return true;
    return judge_role(*role, "ssm.amazonaws.com", !instance_.instance_profile_arn);
  }

  // No profile: Default Host Management is the agent's only way in.
  void no_profile(std::optional<bool> host_management) {
    if (const Unreadable* failure = inventory_.failed("ssm:GetServiceSetting")) {
      add({"instance.profile",
           Severity::Warning,
           instance_.id + " has no instance profile, and Default Host Management could not "
                          "be read",
           failure->error + ". Without either the agent has no credentials.",
           {instance_.id},
           "allow ssm:GetServiceSetting to the caller, or check by hand: aws ssm "
           "get-service-setting --setting-id " +
               std::string(kHostManagementSetting)});
      return;
    }
    if (!inventory_.host_management_role) {
      add(missing_profile("Default Host Management Configuration is off in " + inventory_.region +
                          "."));
      return;
    }
    const std::string& role = *inventory_.host_management_role;
    if (instance_.http_tokens != "required") {
      add({"instance.profile",
           Severity::Error,
           instance_.id + " has no instance profile, and Default Host Management needs IMDSv2",
           "Default Host Management (role " + role +
               ") gives credentials only to instances that require IMDSv2; " + instance_.id +
               " allows IMDSv1.",
           {instance_.id},
           "aws ec2 modify-instance-metadata-options --instance-id " + instance_.id +
               " --http-tokens required --http-endpoint enabled"});
      return;
    }
    if (check_.managed && !check_.managed->agent_version.empty() &&
        compare_versions(check_.managed->agent_version, kAgentWithDefaultHostManagement) < 0) {
      add({"instance.profile",
           Severity::Error,
           instance_.id + " has no instance profile, and its agent " +
               check_.managed->agent_version + " predates Default Host Management",
           "Default Host Management needs SSM Agent " +
               std::string(kAgentWithDefaultHostManagement) + " or later.",
           {instance_.id},
           "update SSM Agent on " + instance_.id + ", or attach an instance profile"});
      return;
    }
    if (!host_management) {
      add({"iam.role",
           Severity::Warning,
           "Default Host Management's role " + role + " was not read",
           "Its permissions were not checked; the instance has no profile to fall back on.",
           {instance_.id},
           "aws iam list-attached-role-policies --role-name " + std::string(iam_name(role))});
      return;
    }
    if (*host_management && keeps_ok()) {
      add({"instance.profile",
           Severity::Ok,
           "no instance profile: Default Host Management gives the agent role " + role,
           std::string("The instance requires IMDSv2, as Default Host Management needs") +
               (check_.managed ? "." : "; it also needs SSM Agent 3.2.582.0 or later."),
           {instance_.id},
           ""});
    }
  }

  void report_fallback(const InventoryRole* profile_role) {
    if (!profile_role || !keeps_ok()) return;
    add({"iam.permissions",
         Severity::Info,
         "the profile's role " + profile_role->name +
             " lacks the agent's permissions; Default Host Management's role " +
             host_management_role_->name + " has them",
         "The agent falls back to Default Host Management's credentials.",
         {instance_.id, profile_role->arn},
         attach_core(profile_role->name)});
  }

  RoleAnswer answer_for(const InventoryRole& role) const {
    RoleAnswer answer;
    answer.problems = check_.iam.policies_of(role).problems;
    bool with_ec2messages =
        !check_.managed || agent_needs_ec2messages(check_.managed->agent_version);
    const auto& refused = check_.iam.first_refused(role, agent_actions(with_ec2messages));
    if (!refused) return answer;
    answer.action = refused->action;
    answer.evaluation = refused->evaluation;
    // A statement scoped to ARNs cannot be judged against "any resource": ask again with
    // the instance's own ARN (rare, so not worth caching per instance), and go on from there.
    if (answer.evaluation.decision == Decision::CannotTell &&
        answer.action == "ssm:UpdateInstanceInformation") {
      Evaluation own = domain::evaluate(check_.iam.policies_of(role).policies, answer.action,
                                        instance_arn(role));
      if (own.decision == Decision::Allowed) {
        for (const auto& action : agent_actions(with_ec2messages)) {
          if (action == answer.action) continue;
          Evaluation next = check_.iam.evaluate(role, action, "*");
          if (next.decision != Decision::Allowed) {
            answer.action = action;
            answer.evaluation = next;
            return answer;
          }
        }
        answer.action.clear();
        return answer;
      }
      answer.evaluation = own;
    }
    return answer;
  }

  // Whether `role` works for the agent (trusted by `service`, every action allowed); with
  // `report`, findings say what is wrong or, if nothing, that it is fine.
  bool judge_role(const InventoryRole& role, const std::string& service, bool report) {
    std::vector<std::string> resources = {instance_.id, role.arn};
    if (role.error) {
      bool missing = role.error->find("NoSuchEntity") != std::string::npos;
      if (report) {
        add({"iam.role", missing ? Severity::Error : Severity::Warning,
             missing ? "the role " + role.name + " does not exist"
                     : "the role " + role.name + " could not be read",
             *role.error + (missing ? "" : ". Its permissions were not checked."), resources,
             missing ? "create the role with " + std::string(kCorePolicy) +
                           " and a trust policy for " + service
                     : "allow iam:GetRole, iam:ListAttachedRolePolicies, iam:ListRolePolicies, "
                       "iam:GetRolePolicy, iam:GetPolicy and iam:GetPolicyVersion to the "
                       "caller, or check by hand: aws iam list-attached-role-policies "
                       "--role-name " +
                           role.name});
      }
      return false;
    }
    Evaluation trust = check_.iam.trust(role, service);
    if (trust.decision != Decision::Allowed) {
      if (report) report_trust(role, service, trust, resources);
      return false;
    }
    RoleAnswer answer = answer_for(role);
    if (answer.allowed() && answer.problems.empty()) {
      if (report && keeps_ok()) {
        add({"iam.permissions", Severity::Ok, "role " + role.name + " may make the agent's calls",
             "Checked: " +
                 join(agent_actions(!check_.managed ||
                                    agent_needs_ec2messages(check_.managed->agent_version)),
                      ", ") +
                 ".",
             resources, ""});
      }
      return true;
    }
    if (report) report_permissions(role, answer, resources);
    return false;
  }

  void report_trust(const InventoryRole& role, const std::string& service, const Evaluation& trust,
                    const std::vector<std::string>& resources) {
    std::string document =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        "\"Principal\":{\"Service\":\"" +
        service + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    bool cannot_tell = trust.decision == Decision::CannotTell;
    add({"iam.trust", cannot_tell ? Severity::Warning : Severity::Error,
         cannot_tell ? "whether " + service + " may assume role " + role.name +
                           " depends on a condition or could not be read"
                     : "role " + role.name + " does not let " + service + " assume it",
         "The trust policy decides who may take the role: without " + service +
             " the agent gets no credentials.",
         resources,
         "aws iam update-assume-role-policy --role-name " + role.name + " --policy-document " +
             quoted_json(document)});
  }

  void report_permissions(const InventoryRole& role, const RoleAnswer& answer,
                          const std::vector<std::string>& resources) {
    const Evaluation& evaluation = answer.evaluation;
    std::string problems =
        answer.problems.empty()
            ? ""
            : " Some policies could not be used: " + join(answer.problems, "; ") + ".";
    bool denied = !answer.allowed() && evaluation.decision == Decision::ExplicitDeny;
    bool cannot_tell =
        !denied && (!answer.problems.empty() || evaluation.decision == Decision::CannotTell ||
                    optional_for_agent(answer.action));
    if (cannot_tell) {
      std::string action = answer.allowed() ? "the agent's calls" : answer.action;
      std::string why = !answer.allowed() && evaluation.decision == Decision::CannotTell
                            ? " depends on a condition in " + evaluation.policy
                            : " cannot be judged";
      if (optional_for_agent(answer.action) && evaluation.decision != Decision::CannotTell) {
        why =
            " is not allowed; agents before 3.3.40.0 need it, and SSM does not know this "
            "agent's version";
      }
      add({"iam.permissions", Severity::Warning,
           "whether role " + role.name + " may call " + action + why,
           "Check it by hand." + problems, resources,
           "aws iam simulate-principal-policy --policy-source-arn " + role.arn +
               " --action-names " + (answer.allowed() ? agent_actions(false)[0] : answer.action)});
      return;
    }
    std::string title;
    std::string fix;
    if (denied && evaluation.by_boundary) {
      title = "role " + role.name + " may not call " + answer.action +
              ": its permissions boundary " + evaluation.policy + " denies it";
      fix = "aws iam delete-role-permissions-boundary --role-name " + role.name + " (or allow " +
            answer.action + " in the boundary)";
    } else if (denied) {
      title = "role " + role.name + " may not call " + answer.action + ": " + evaluation.policy +
              (evaluation.sid.empty() ? "" : " (statement " + evaluation.sid + ")") + " denies it";
      fix = evaluation.policy.starts_with("inline policy ")
                ? "aws iam delete-role-policy --role-name " + role.name + " --policy-name " +
                      evaluation.policy.substr(14) + " (or narrow its Deny)"
                : "aws iam detach-role-policy --role-name " + role.name + " --policy-arn " +
                      evaluation.policy + " (or narrow its Deny)";
    } else if (evaluation.by_boundary) {
      title = "role " + role.name + " may not call " + answer.action +
              ": its permissions boundary " + evaluation.policy + " does not allow it";
      fix = "aws iam delete-role-permissions-boundary --role-name " + role.name + " (or allow " +
            answer.action + " in the boundary)";
    } else {
      title = "role " + role.name + " may not call " + answer.action + ": no policy allows it";
      fix = attach_core(role.name);
    }
    add({"iam.permissions", Severity::Error, title,
         "The agent needs " + join(agent_actions(false), ", ") +
             " (and ec2messages:* before agent 3.3.40.0)." + problems,
         resources, fix});
  }

  // ec2messages, when SSM does not know the agent's version: newer agents do without it.
  bool optional_for_agent(const std::string& action) const {
    return action.starts_with("ec2messages:") && !check_.managed;
  }

  // kms:Decrypt on the preferences' key, for the role the agent uses.
  void check_kms(const InventoryRole& role) {
    if (!inventory_.session_preferences || inventory_.session_preferences->kms_key_id.empty())
      return;
    const std::string& key = inventory_.session_preferences->kms_key_id;
    std::string key_arn = kms_key_arn(key, inventory_.region, account_of(role.arn));
    Evaluation evaluation = check_.iam.evaluate(role, "kms:Decrypt", key_arn);
    std::vector<std::string> resources = {instance_.id, role.arn};
    if (evaluation.decision == Decision::Allowed && check_.iam.policies_of(role).problems.empty()) {
      if (keeps_ok()) {
        add({"kms.decrypt", Severity::Ok, "role " + role.name + " may use KMS key " + key, "",
             resources, ""});
      }
    } else {
      bool cannot_tell = evaluation.decision == Decision::CannotTell ||
                         (evaluation.decision != Decision::ExplicitDeny &&
                          !check_.iam.policies_of(role).problems.empty());
      std::string document =
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          "\"Action\":\"kms:Decrypt\",\"Resource\":\"" +
          (key_arn == "*" ? key : key_arn) + "\"}]}";
      add({"kms.decrypt", cannot_tell ? Severity::Warning : Severity::Error,
           cannot_tell
               ? "whether role " + role.name + " may use KMS key " + key + " cannot be told offline"
               : "role " + role.name + " may not call kms:Decrypt on KMS key " + key +
                     (evaluation.policy.empty() ? "" : " (" + evaluation.policy + ")"),
           "The Session Manager preferences encrypt sessions with this key: the instance comes "
           "Online, but sessions fail to start.",
           resources,
           "aws iam put-role-policy --role-name " + role.name +
               " --policy-name ssm-session-kms --policy-document " + quoted_json(document)});
    }
    if (!keeps_ok()) return;  // a note: doctor --all shows only problems
    add({"kms.caller",
         Severity::Info,
         "whoever starts a session needs kms:GenerateDataKey on KMS key " + key,
         "Session data is encrypted with a data key made for the person starting the session "
         "(doctor --check-caller checks the caller).",
         {},
         ""});
  }

  const IdentityCheck& check_;
  const Inventory& inventory_;
  const InventoryInstance& instance_;
  std::vector<Finding>& findings_;
  std::string partition_;
  const InventoryRole* host_management_role_ = nullptr;
};

}  // namespace

void check_agent_identity(const IdentityCheck& check, std::vector<Finding>& findings) {
  IdentityRun(check, findings).run();
}

}  // namespace ssmlink::domain
