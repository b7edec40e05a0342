#include "cli/render_status.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

#include "cli/json_number.hpp"
#include "util/clock.hpp"
#include "util/strings.hpp"

namespace ssmlink::cli {

namespace {

constexpr const char* kNone = "—";  // no value: no TTL, no price, no tag

std::string usd(double value, int decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f USD", decimals, value);
  return buffer;
}

std::string services_of(const domain::StackPurpose& purpose) {
  std::vector<std::string> keys;
  for (domain::Service service : purpose.services)
    keys.emplace_back(domain::info(service).key);
  return keys.empty() ? kNone : join(keys, ",");
}

std::string expiry_of(const domain::StackRow& row) {
  if (!row.expires_in) return kNone;
  if (row.expired) return "expired";
  return "in " + format_duration(*row.expires_in);
}

// Columns as wide as their widest cell, counted in characters, not bytes ("—").
size_t display_width(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text)
    width += (c & 0xC0) != 0x80;
  return width;
}

struct Column {
  std::string header;
  bool right_aligned = false;
};

class StatusTable {
 public:
  explicit StatusTable(std::vector<Column> columns) : columns_(std::move(columns)) {
    std::vector<std::string> headers;
    for (const Column& column : columns_)
      headers.push_back(column.header);
    add(headers);
  }
  void add(std::vector<std::string> cells, std::vector<const char*> colors = {}) {
    colors.resize(cells.size(), nullptr);
    rows_.push_back({std::move(cells), std::move(colors)});
  }
  std::string render(bool color) const {
    std::vector<size_t> widths(columns_.size(), 0);
    for (const Row& row : rows_)
      for (size_t i = 0; i < row.cells.size(); ++i)
        widths[i] = std::max(widths[i], display_width(row.cells[i]));
    std::string text;
    for (const Row& row : rows_) {
      std::string line;
      for (size_t i = 0; i < row.cells.size(); ++i) {
        std::string pad(widths[i] - display_width(row.cells[i]), ' ');
        std::string cell = color && row.colors[i]
                               ? std::string(row.colors[i]) + row.cells[i] + "\033[0m"
                               : row.cells[i];
        line += columns_[i].right_aligned ? pad + cell : cell + pad;
        if (i + 1 < row.cells.size()) line += "  ";
      }
      line.erase(line.find_last_not_of(' ') + 1);
      text += line + "\n";
    }
    return text;
  }

 private:
  struct Row {
    std::vector<std::string> cells;
    std::vector<const char*> colors;
  };
  std::vector<Column> columns_;
  std::vector<Row> rows_;
};

bool many_regions(const workflows::StatusReport& report) {
  return report.regions.size() > 1;
}

const char* state_color(const std::string& status) {
  if (status.find("FAILED") != std::string::npos || status.find("ROLLBACK") != std::string::npos)
    return "\033[31m";
  return nullptr;
}

std::string stack_table(const workflows::StatusReport& report, bool color) {
  bool regions = many_regions(report);
  std::vector<Column> columns = {{"STACK"}};
  if (regions) columns.push_back({"REGION"});
  columns.insert(columns.end(), {{"STATE"},
                                 {"VPC"},
                                 {"AZS", true},
                                 {"SERVICES"},
                                 {"AGE", true},
                                 {"EXPIRES"},
                                 {"HOURLY", true},
                                 {"COST SO FAR", true}});
  StatusTable table(columns);
  for (const domain::StackRow& row : report.stacks) {
    std::vector<std::string> cells = {row.name};
    std::vector<const char*> colors = {nullptr};
    if (regions) {
      cells.push_back(row.region);
      colors.push_back(nullptr);
    }
    cells.insert(cells.end(),
                 {row.status, row.purpose.vpc_id.empty() ? kNone : row.purpose.vpc_id,
                  std::to_string(row.azs), services_of(row.purpose), format_duration(row.age),
                  expiry_of(row), row.hourly_usd ? usd(*row.hourly_usd, 3) : kNone,
                  row.cost_so_far_usd ? usd(*row.cost_so_far_usd, 2) : kNone});
    colors.insert(colors.end(), {state_color(row.status), nullptr, nullptr, nullptr, nullptr,
                                 row.expired ? "\033[33m" : nullptr, nullptr, nullptr});
    table.add(std::move(cells), std::move(colors));
  }
  return table.render(color);
}

std::string where(const workflows::StatusReport& report) {
  if (!many_regions(report)) return report.region;
  return "any of " + std::to_string(report.regions.size() - report.unreadable_regions.size()) +
         " regions read";
}

std::string notes(const workflows::StatusReport& report) {
  std::string text;
  size_t expired = 0;
  for (const domain::StackRow& row : report.stacks)
    expired += row.expired;
  if (expired == 1) text += "1 stack has expired: ssmlink down --expired\n";
  if (expired > 1)
    text += std::to_string(expired) + " stacks have expired: ssmlink down --expired\n";
  if (!report.unpriced_regions.empty()) {
    text += "No endpoint price for " + join(report.unpriced_regions, ", ") +
            " in data/pricing.json: HOURLY and COST SO FAR show " + kNone + ".\n";
  }
  for (const workflows::UnreadableRegion& region : report.unreadable_regions)
    text += region.region + " not read: " + region.error + "\n";
  return text;
}

nlohmann::ordered_json optional_usd(const std::optional<double>& value) {
  return value ? nlohmann::ordered_json(rounded_for_json(*value)) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json stack_json(const domain::StackRow& row) {
  using Json = nlohmann::ordered_json;
  const domain::StackPurpose& purpose = row.purpose;
  Json services = Json::array();
  for (domain::Service service : purpose.services)
    services.push_back(std::string(domain::info(service).key));
  return Json{{"name", row.name},
              {"stack_id", row.stack_id},
              {"status", row.status},
              {"region", row.region},
              {"vpc", purpose.vpc_id.empty() ? Json(nullptr) : Json(purpose.vpc_id)},
              {"subnets", purpose.subnet_ids},
              {"azs", row.azs},
              {"services", services},
              {"instance", purpose.instance_id ? Json(*purpose.instance_id) : Json(nullptr)},
              {"created", format_iso8601(row.created)},
              {"age_seconds", row.age.count()},
              {"expires_at",
               purpose.expires_at ? Json(format_iso8601(*purpose.expires_at)) : Json(nullptr)},
              {"expired", row.expired},
              {"hourly_usd", optional_usd(row.hourly_usd)},
              {"cost_so_far_usd", optional_usd(row.cost_so_far_usd)}};
}

}  // namespace

std::string format_duration(std::chrono::seconds duration) {
  long minutes = std::max(0L, static_cast<long>(duration.count())) / 60;
  long hours = minutes / 60;
  if (hours >= 24) return std::to_string(hours / 24) + "d " + std::to_string(hours % 24) + "h";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%ld:%02ld", hours, minutes % 60);
  return buffer;
}

std::string status_text(const workflows::StatusReport& report, bool color) {
  std::string text;
  if (report.stacks.empty()) {
    text = "No ssmlink stacks in " + where(report) + ".\n";
  } else {
    text = stack_table(report, color);
  }
  return text + notes(report);
}

nlohmann::ordered_json status_json(const workflows::StatusReport& report) {
  using Json = nlohmann::ordered_json;
  Json stacks = Json::array();
  for (const domain::StackRow& row : report.stacks)
    stacks.push_back(stack_json(row));
  Json unreadable = Json::array();
  for (const workflows::UnreadableRegion& region : report.unreadable_regions)
    unreadable.push_back(Json{{"region", region.region}, {"error", region.error}});
  return Json{{"region", report.region},
              {"regions", report.regions},
              {"stacks", stacks},
              {"unreadable_regions", unreadable},
              {"unpriced_regions", report.unpriced_regions}};
}

}  // namespace ssmlink::cli
