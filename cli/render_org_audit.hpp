// doctor --org's report: a line for every instance that cannot be reached (the first
// blocking check) and every account or region that could not be read, as they come; then
// the totals. --output json: one document at the end; with --stream, JSON lines as they
// come and a last line with the totals.
#pragma once
#include <nlohmann/json.hpp>
#include <ostream>

#include "workflows/org_audit.hpp"

namespace ssmlink::cli {

class OrgAuditPrinter {
 public:
  struct Style {
    bool json = false;
    bool stream = false;
  };
  OrgAuditPrinter(std::ostream& out, Style style) : out_(out), style_(style) {}

  void add(const workflows::RegionAudit& audit);
  void finish(const workflows::OrgAuditTotals& totals);

 private:
  std::ostream& out_;
  Style style_;
  nlohmann::ordered_json results_ = nlohmann::ordered_json::array();  // --output json only
};

// "111122223333 (member-0005) (every region) cannot be read: <why>".
std::string unreadable_line(const workflows::RegionAudit& audit);

nlohmann::ordered_json region_audit_json(const workflows::RegionAudit& audit);
nlohmann::ordered_json org_totals_json(const workflows::OrgAuditTotals& totals);

}  // namespace ssmlink::cli
