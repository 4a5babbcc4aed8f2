// `tinyrack monitors`: the power monitors plugged into this machine (from sysfs, nothing is
// opened), each with the spec to pass to `tinyrack measure --monitor` or a rack's "monitor".
#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/text_table.h"
#include "power/discovery/monitor_discovery.h"

namespace tr::cli {
namespace {

struct MonitorsArgs {
  std::string sysfs = "/sys";
  bool json = false;
};

std::string ports_text(const power::DiscoveredMonitor& m) {
  std::string s;
  for (const auto& p : m.ports) s += (s.empty() ? "" : " ") + p.device;
  return s.empty() ? "-" : s;
}

nlohmann::json to_json(const power::DiscoveredMonitor& m) {
  nlohmann::json ports = nlohmann::json::array();
  for (const auto& p : m.ports) {
    ports.push_back({{"interface", p.interface}, {"number", p.number}, {"device", p.device}});
  }
  return {{"kind", m.kind},
          {"vid_pid", m.vid_pid},
          {"serial", m.serial},
          {"product", m.product},
          {"manufacturer", m.manufacturer},
          {"location", m.location},
          {"ports", ports},
          {"spec", m.spec},
          {"note", m.note}};
}

void print_table(const std::vector<power::DiscoveredMonitor>& found, std::ostream& out) {
  const std::vector<std::string> head = {"KIND", "VID:PID", "SERIAL", "PORTS", "SPEC"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& m : found) {
    rows.push_back({m.kind, m.vid_pid.empty() ? "-" : m.vid_pid, m.serial.empty() ? "-" : m.serial,
                    ports_text(m), m.spec.empty() ? "-" : m.spec});
  }
  print_text_table(head, rows, out);
  // Locations and notes below the table: too long for a column.
  for (const auto& m : found) {
    out << "  " << m.kind << " at " << m.location;
    if (!m.product.empty()) out << " (" << m.product << ")";
    if (!m.note.empty()) out << ": " << m.note;
    out << "\n";
  }
}

}  // namespace

std::function<int()> add_monitors_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "monitors", "List the power monitors plugged into this machine, with their --monitor specs");
  auto args = std::make_shared<MonitorsArgs>();
  cmd->add_option("--sysfs", args->sysfs, "sysfs root to scan (default /sys)");
  cmd->add_flag("--json", args->json, "print JSON instead of a table");
  return [args]() -> int {
    const auto found = power::discover_monitors(args->sysfs);
    if (args->json) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& m : found) list.push_back(to_json(m));
      std::cout << list.dump(2) << "\n";
      return kExitOk;
    }
    if (found.empty()) {
      std::cout << "no power monitors found (looked for PPK2, LPM01A, Joulescope on USB and "
                   "INA2xx hwmon devices under "
                << args->sysfs << ")\n";
      return kExitOk;
    }
    print_table(found, std::cout);
    return kExitOk;
  };
}

}  // namespace tr::cli
