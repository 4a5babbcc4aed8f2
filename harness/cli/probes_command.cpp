// `tinyrack probes`: the debug probes plugged into this machine (from sysfs, nothing is opened),
// each with what a rack board's "probe" selector needs: serial and USB path.
#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/text_table.h"
#include "discovery/probe_discovery.h"

namespace tr::cli {
namespace {

struct ProbesArgs {
  std::string sysfs = "/sys";
  bool json = false;
};

std::string or_dash(const std::string& s) {
  return s.empty() ? "-" : s;
}

nlohmann::json to_json(const probe::DiscoveredProbe& p) {
  return {{"kind", std::string(probe::to_string(p.kind))},
          {"model", p.model},
          {"vid_pid", p.vid_pid},
          {"serial", p.serial},
          {"manufacturer", p.manufacturer},
          {"product", p.product},
          {"usb_path", p.usb_path},
          {"tty", p.tty()},
          {"ttys", p.ttys},
          {"note", p.note}};
}

void print_table(const probe::ProbeDiscovery& found, std::ostream& out) {
  const std::vector<std::string> head = {"KIND", "MODEL", "VID:PID", "SERIAL", "USB PATH", "TTY"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : found.probes) {
    std::string ttys;
    for (const auto& t : p.ttys) ttys += (ttys.empty() ? "" : " ") + t;
    rows.push_back({std::string(probe::to_string(p.kind)), or_dash(p.model), p.vid_pid,
                    or_dash(p.serial), p.usb_path, or_dash(ttys)});
  }
  print_text_table(head, rows, out);
  // Strings and notes below the table: too long for a column.
  for (const auto& p : found.probes) {
    out << "  usb " << p.usb_path << ": " << or_dash(p.manufacturer) << " / " << or_dash(p.product);
    if (!p.note.empty()) out << "; " << p.note;
    out << "\n";
  }
}

}  // namespace

std::function<int()> add_probes_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "probes",
      "List the debug probes plugged into this machine, with their serials and USB paths");
  auto args = std::make_shared<ProbesArgs>();
  cmd->add_option("--sysfs", args->sysfs, "sysfs root to scan (default /sys)");
  cmd->add_flag("--json", args->json, "print JSON instead of a table");
  return [args]() -> int {
    const auto found = probe::find_debug_probes(args->sysfs);
    for (const auto& note : found.notes) std::cerr << "tinyrack probes: " << note << "\n";
    if (args->json) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& p : found.probes) list.push_back(to_json(p));
      std::cout << list.dump(2) << "\n";
      return kExitOk;
    }
    if (found.probes.empty()) {
      std::cout << "no debug probes found (looked for CMSIS-DAP, ST-Link and J-Link probes on USB "
                   "under "
                << args->sysfs << ")\n";
      return kExitOk;
    }
    print_table(found, std::cout);
    return kExitOk;
  };
}

}  // namespace tr::cli
