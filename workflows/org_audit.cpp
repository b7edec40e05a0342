#include "workflows/org_audit.hpp"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "aws/errors.hpp"
#include "aws/service.hpp"
#include "cloud/ec2.hpp"
#include "cloud/organizations.hpp"
#include "cloud/sts.hpp"
#include "domain/inventory_index.hpp"
#include "domain/partitions.hpp"
#include "domain/snapshot.hpp"
#include "util/clock.hpp"
#include "util/files.hpp"
#include "util/version.hpp"
#include "workflows/doctor.hpp"
#include "workflows/errors.hpp"
#include "workflows/member_credentials.hpp"
#include "workflows/patience.hpp"

namespace ssmlink::workflows {

namespace {

struct AccountToAudit {
  std::string id;
  std::string name;
};

void add_unit_accounts(cloud::Organizations& organizations, const std::string& unit,
                       std::vector<AccountToAudit>& accounts) {
  for (const auto& account : organizations.list_accounts_for_parent(unit)) {
    if (account.status.empty() || account.status == "ACTIVE")
      accounts.push_back({account.id, account.name});
  }
  for (const auto& child : organizations.list_organizational_units_for_parent(unit))
    add_unit_accounts(organizations, child.id, accounts);
}

std::vector<AccountToAudit> accounts_to_audit(aws::Session& session, const OrgAuditRequest& request,
                                              Patience& patience) {
  std::vector<AccountToAudit> accounts;
  if (!request.account_ids.empty()) {
    for (const auto& id : request.account_ids)
      accounts.push_back({id, ""});
    return accounts;
  }
  aws::AwsClient client = session.client(aws::organizations_service());
  cloud::Organizations organizations(client);
  if (!request.unit_ids.empty()) {
    for (const auto& unit : request.unit_ids) {
      patience.run("Organizations ListAccountsForParent",
                   [&] { add_unit_accounts(organizations, unit, accounts); });
    }
    return accounts;
  }
  patience.run("Organizations ListAccounts", [&] {
    accounts.clear();
    organizations.visit_accounts([&](const cloud::OrganizationAccount& account) {
      if (account.status.empty() || account.status == "ACTIVE")
        accounts.push_back({account.id, account.name});
      return true;
    });
  });
  return accounts;
}

// Why an account or region could not be read, in words that say what to do.
std::string unreadable_reason(const aws::AwsError& error) {
  if (const auto* service = dynamic_cast<const aws::ServiceError*>(&error)) {
    if (service->code == "AuthFailure" || service->code == "UnrecognizedClientException" ||
        service->code == "OptInRequired") {
      return "the region is not enabled in this account (" + service->code +
             "); enable it or leave it out of --regions";
    }
    if (service->operation == "AssumeRole") {
      return "AssumeRole was refused (" + service->code + "): " + service->message;
    }
    return service->operation + " failed (" + service->code + "): " + service->message;
  }
  return error.what();
}

// The first error of each instance that has one: why it cannot be reached.
void diagnose_into(const domain::Inventory& inventory, const OrgAuditRequest& request,
                   RegionAudit& audit) {
  DoctorRequest doctor;
  doctor.target.all = true;
  doctor.services = request.services;
  doctor.include_ok = false;
  domain::InventoryIndex index(inventory);
  domain::DeploymentCollector deployments(index, request.services);
  auto summary = diagnose_inventory(inventory, doctor, [&](const domain::Diagnosis& diagnosis) {
    deployments.add(diagnosis);
    for (const auto& finding : diagnosis.findings) {
      if (finding.severity != domain::Severity::Error) continue;
      audit.blocked.push_back({diagnosis.instance_id, diagnosis.vpc_id, finding.id, finding.title});
      break;
    }
  });
  audit.checked = summary.checked;
  audit.deployments = deployments.take();
}

std::string snapshot_name(const RegionAudit& audit) {
  return audit.account_id + "-" + audit.region + ".json";
}

nlohmann::json index_line(const RegionAudit& audit) {
  nlohmann::json line = {{"account", audit.account_id}, {"accountName", audit.account_name}};
  if (!audit.region.empty()) line["region"] = audit.region;
  if (audit.unreadable.empty()) {
    line["snapshot"] = snapshot_name(audit);
  } else {
    line["unreadable"] = audit.unreadable;
  }
  return line;
}

// Totals as results come, in one place for the live and the offline audit.
void count(OrgAuditTotals& totals, const RegionAudit& audit) {
  if (audit.region.empty()) {
    ++totals.unreadable_accounts;
  } else if (!audit.unreadable.empty()) {
    ++totals.unreadable_regions;
  } else {
    ++totals.regions;
    totals.checked += audit.checked;
    totals.blocked += audit.blocked.size();
  }
}

class Auditor {
 public:
  Auditor(aws::Session& session, const OrgAuditRequest& request, const OrgAuditSinks& sinks,
          const std::atomic<bool>* interrupted, std::string own_account, std::ostream* index)
      : session_(session),
        request_(request),
        sinks_(sinks),
        interrupted_(interrupted),
        own_account_(std::move(own_account)),
        index_(index) {}

  void run(const std::vector<AccountToAudit>& accounts) {
    accounts_ = &accounts;
    size_t workers =
        std::max<size_t>(1, std::min<size_t>(request_.max_concurrency, accounts.size()));
    std::vector<std::thread> threads;
    for (size_t i = 0; i < workers; ++i)
      threads.emplace_back([this] { work(); });
    for (auto& thread : threads)
      thread.join();
    if (failure_) std::rethrow_exception(failure_);
  }

  const OrgAuditTotals& totals() const { return totals_; }

 private:
  void work() {
    while (true) {
      size_t index = next_.fetch_add(1);
      if (index >= accounts_->size() || stopping()) return;
      try {
        audit_account((*accounts_)[index]);
      } catch (...) {
        // Interrupted, or a bug: stop every worker and report it once.
        std::lock_guard lock(mutex_);
        if (!failure_) failure_ = std::current_exception();
        stop_ = true;
        return;
      }
      std::lock_guard lock(mutex_);
      ++totals_.accounts;
      if (sinks_.progress) sinks_.progress(totals_.accounts, accounts_->size());
    }
  }

  bool stopping() const { return stop_ || (interrupted_ && interrupted_->load()); }

  void emit(const RegionAudit& audit) {
    std::lock_guard lock(mutex_);
    count(totals_, audit);
    if (index_) *index_ << index_line(audit).dump() << '\n' << std::flush;
    if (sinks_.result) sinks_.result(audit);
  }

  Patience patience() const {
    return Patience(*session_.clock(), request_.api_timeout, interrupted_);
  }

  std::shared_ptr<aws::CredentialsProvider> credentials_for(const AccountToAudit& account,
                                                            Patience& patience) {
    return member_credentials(session_, account.id, own_account_,
                              {request_.role_name, request_.role_session_name}, patience);
  }

  void audit_account(const AccountToAudit& account) {
    Patience patience = this->patience();
    std::shared_ptr<aws::CredentialsProvider> credentials;
    std::vector<std::string> regions = request_.regions;
    try {
      credentials = credentials_for(account, patience);
      if (regions.empty()) {
        aws::Session home(session_, credentials, session_.region().region);
        aws::AwsClient client = home.client(aws::ec2_service());
        cloud::Ec2 ec2(client);
        regions =
            patience.run("EC2 DescribeRegions", [&] { return ec2.describe_enabled_regions(); });
      }
    } catch (const aws::AwsError& error) {
      emit({account.id, account.name, "", 0, {}, unreadable_reason(error)});
      return;
    }
    for (const auto& region : regions) {
      if (stopping()) return;
      emit(audit_region(account, region, credentials, patience));
    }
  }

  RegionAudit audit_region(const AccountToAudit& account, const std::string& region,
                           const std::shared_ptr<aws::CredentialsProvider>& credentials,
                           Patience& patience) {
    RegionAudit audit{account.id, account.name, region, 0, {}, ""};
    try {
      aws::Session session(session_, credentials, region);
      InventoryRequest everything;
      everything.all = true;
      domain::Inventory inventory = gather_inventory(session, everything, {&patience, true});
      if (request_.snapshot_dir) save(audit, inventory);
      diagnose_into(inventory, request_, audit);
    } catch (const aws::AwsError& error) {
      audit.blocked.clear();
      audit.unreadable = unreadable_reason(error);
    }
    return audit;
  }

  void save(const RegionAudit& audit, const domain::Inventory& inventory) {
    domain::SnapshotInfo info{kVersion, format_iso8601(session_.clock()->now()),
                              "account " + audit.account_id + " region " + audit.region};
    try {
      write_file_atomically(*request_.snapshot_dir + "/" + snapshot_name(audit),
                            domain::to_snapshot_json(inventory, info));
    } catch (const FileError& error) {
      throw UsageError(std::string(error.what()) + " (check -o)");
    }
  }

  aws::Session& session_;
  const OrgAuditRequest& request_;
  const OrgAuditSinks& sinks_;
  const std::atomic<bool>* interrupted_;
  std::string own_account_;
  std::ostream* index_;  // snapshot --org's index, written as results come; or null
  const std::vector<AccountToAudit>* accounts_ = nullptr;
  std::atomic<size_t> next_{0};
  std::mutex mutex_;
  OrgAuditTotals totals_;
  std::exception_ptr failure_;
  std::atomic<bool> stop_{false};
};

}  // namespace

OrgAuditTotals run_org_audit(aws::Session& session, const OrgAuditRequest& request,
                             const OrgAuditSinks& sinks, const std::atomic<bool>* interrupted) {
  Patience patience(*session.clock(), request.api_timeout, interrupted);
  aws::AwsClient sts_client = session.client(aws::sts_service());
  cloud::Sts sts(sts_client);
  std::string own_account =
      patience.run("STS GetCallerIdentity", [&] { return sts.get_caller_identity(); }).account;
  std::vector<AccountToAudit> accounts = accounts_to_audit(session, request, patience);
  if (sinks.progress) sinks.progress(0, accounts.size());
  std::ofstream index;
  if (request.snapshot_dir) {
    std::string path = *request.snapshot_dir + "/" + kOrgSnapshotIndex;
    index.open(path, std::ios::trunc);
    if (!index) throw UsageError("cannot write " + path + " (check -o: an existing directory)");
  }
  Auditor auditor(session, request, sinks, interrupted, own_account,
                  request.snapshot_dir ? &index : nullptr);
  auditor.run(accounts);
  if (interrupted && interrupted->load()) {
    // What was read is already out; the totals would pass for a whole audit.
    const OrgAuditTotals& totals = auditor.totals();
    throw Interrupted("interrupted after " + std::to_string(totals.accounts) + " of " +
                      std::to_string(accounts.size()) + " accounts (their results are above)");
  }
  return auditor.totals();
}

OrgAuditTotals run_org_audit_offline(const std::string& snapshot_dir,
                                     const OrgAuditRequest& request, const OrgAuditSinks& sinks) {
  std::string index_path = snapshot_dir + "/" + kOrgSnapshotIndex;
  std::ifstream index(index_path);
  if (!index) {
    throw UsageError("cannot read " + index_path +
                     " (--org --snapshot takes the directory snapshot --org -o wrote)");
  }
  auto wanted = [](const std::vector<std::string>& list, const std::string& value) {
    return list.empty() || value.empty() ||
           std::find(list.begin(), list.end(), value) != list.end();
  };
  OrgAuditTotals totals;
  std::set<std::string> accounts;
  size_t line_number = 0;
  for (std::string text; std::getline(index, text);) {
    ++line_number;
    std::string where = index_path + " line " + std::to_string(line_number);
    nlohmann::json line = nlohmann::json::parse(text, nullptr, false);
    if (!line.is_object() || !line.contains("account") || !line["account"].is_string())
      throw UsageError(where + ": not a line snapshot --org writes");
    RegionAudit audit;
    audit.account_id = line["account"];
    audit.account_name = line.value("accountName", "");
    audit.region = line.value("region", "");
    if (!wanted(request.account_ids, audit.account_id) || !wanted(request.regions, audit.region))
      continue;
    if (line.contains("unreadable")) {
      audit.unreadable = line.value("unreadable", "");
    } else {
      std::string file = line.value("snapshot", "");
      // Only a file beside the index: an index must not send doctor elsewhere.
      if (file.empty() || file.find('/') != std::string::npos)
        throw UsageError(where + ": \"" + file + "\" is not a snapshot file name");
      DoctorRequest doctor;
      doctor.snapshot_file = snapshot_dir + "/" + file;
      diagnose_into(load_inventory(nullptr, doctor), request, audit);
    }
    if (accounts.insert(audit.account_id).second) ++totals.accounts;
    count(totals, audit);
    if (sinks.result) sinks.result(audit);
  }
  return totals;
}

}  // namespace ssmlink::workflows
