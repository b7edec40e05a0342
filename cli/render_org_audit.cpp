#include "cli/render_org_audit.hpp"

namespace ssmlink::cli {

namespace {

std::string account_label(const workflows::RegionAudit& audit) {
  return audit.account_name.empty() ? audit.account_id
                                    : audit.account_id + " (" + audit.account_name + ")";
}

// "1 account", "2 accounts".
std::string counted(size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

}  // namespace

std::string unreadable_line(const workflows::RegionAudit& audit) {
  return account_label(audit) + ' ' + (audit.region.empty() ? "(every region)" : audit.region) +
         " cannot be read: " + audit.unreadable;
}

nlohmann::ordered_json region_audit_json(const workflows::RegionAudit& audit) {
  nlohmann::ordered_json item;
  item["account"] = audit.account_id;
  if (!audit.account_name.empty()) item["accountName"] = audit.account_name;
  if (!audit.region.empty()) item["region"] = audit.region;
  if (!audit.unreadable.empty()) {
    item["unreadable"] = audit.unreadable;
    return item;
  }
  item["checked"] = audit.checked;
  item["blocked"] = nlohmann::ordered_json::array();
  for (const auto& blocked : audit.blocked) {
    item["blocked"].push_back({{"instance", blocked.instance_id},
                               {"vpc", blocked.vpc_id},
                               {"check", blocked.check},
                               {"reason", blocked.reason}});
  }
  return item;
}

nlohmann::ordered_json org_totals_json(const workflows::OrgAuditTotals& totals) {
  return {{"accounts", totals.accounts}, {"unreadableAccounts", totals.unreadable_accounts},
          {"regions", totals.regions},   {"unreadableRegions", totals.unreadable_regions},
          {"checked", totals.checked},   {"blocked", totals.blocked}};
}

void OrgAuditPrinter::add(const workflows::RegionAudit& audit) {
  if (style_.json) {
    if (style_.stream) {
      out_ << region_audit_json(audit).dump() << '\n' << std::flush;
    } else {
      results_.push_back(region_audit_json(audit));
    }
    return;
  }
  if (!audit.unreadable.empty()) {
    out_ << unreadable_line(audit) << '\n';
    return;
  }
  for (const auto& blocked : audit.blocked) {
    out_ << account_label(audit) << ' ' << audit.region << ' ' << blocked.instance_id << ' '
         << blocked.check << ": " << blocked.reason << '\n';
  }
  out_ << std::flush;
}

void OrgAuditPrinter::finish(const workflows::OrgAuditTotals& totals) {
  if (style_.json) {
    if (style_.stream) {
      out_ << nlohmann::ordered_json{{"totals", org_totals_json(totals)}}.dump() << '\n';
    } else {
      nlohmann::ordered_json document;
      document["results"] = std::move(results_);
      document["totals"] = org_totals_json(totals);
      out_ << document.dump(2) << '\n';
    }
    return;
  }
  out_ << counted(totals.accounts, "account") << ", " << counted(totals.regions, "account-region")
       << " read: " << counted(totals.checked, "instance") << " checked, " << totals.blocked
       << " cannot be reached";
  if (totals.unreadable_accounts || totals.unreadable_regions) {
    out_ << "; " << counted(totals.unreadable_accounts, "account") << " and "
         << counted(totals.unreadable_regions, "region") << " could not be read";
  }
  out_ << ".\n";
}

}  // namespace ssmlink::cli
