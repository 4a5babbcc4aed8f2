#include "config/rack_spec.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "config/config_error.h"
#include "config/json_node.h"
#include "debug/probe_error.h"
#include "power/power_error.h"
#include "usb/usb_sysfs.h"

namespace tr::config {
namespace {

std::vector<std::string> known_targets(const std::filesystem::path& targets_dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(targets_dir, ec)) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  }
  return names;
}

TargetSpec resolve_target(const JsonNode& node, const std::filesystem::path& targets_dir) {
  const auto name = node.identifier();
  const auto file = targets_dir / (name + ".json");
  if (!std::filesystem::is_regular_file(file)) {
    node.fail_unknown("target", name, known_targets(targets_dir));
  }
  return load_target(file);
}

// The spec parser's message already quotes the spec and names the bad part.
power::MonitorSpec parse_monitor(const JsonNode& node, const BoardSpec& board) {
  power::MonitorSpec spec;
  try {
    spec = power::parse_monitor_spec(node.nonempty_string());
  } catch (const power::PowerError& e) {
    node.fail("board '" + board.name + "': " + e.what());
  }
  if (spec.kind == power::MonitorKind::modelled && !board.target.emulation) {
    node.fail("board '" + board.name + "': the modelled monitor needs an emulated target, and '" +
              board.target.name + "' is not emulated (name a measured monitor, e.g. ppk2:PORT)");
  }
  return spec;
}

// Serial numbers are printable ASCII without spaces (OpenOCD and pyOCD take them as one word);
// the USB path is sysfs' bus/port path, e.g. "1-2.3".
// The chip's unique ID as lowercase hex, in the target's unique_id byte order and length.
std::string parse_unique_id(const JsonNode& node, const BoardSpec& board) {
  std::string hex = node.nonempty_string();
  for (char& c : hex) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool digits = hex.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!digits || hex.size() % 2 != 0) {
    node.fail("board '" + board.name + "': unique_id '" + hex +
              "' is not an even number of hex digits (as `tinyrack run` reports it)");
  }
  if (!board.target.identity || !board.target.identity->unique_id) {
    node.fail("board '" + board.name + "': target '" + board.target.name +
              "' gives no unique_id address to read it from");
  }
  if (hex.size() != 2 * board.target.identity->unique_id->bytes) {
    node.fail("board '" + board.name + "': unique_id has " + std::to_string(hex.size() / 2) +
              " bytes, target '" + board.target.name + "' reads " +
              std::to_string(board.target.identity->unique_id->bytes));
  }
  return hex;
}

probe::ProbeSelector parse_probe(const JsonNode& node, const BoardSpec& board) {
  node.expect_object({"serial", "usb_path"});
  probe::ProbeSelector selector;
  if (auto serial = node.find("serial")) {
    selector.serial = serial->nonempty_string();
    for (char c : selector.serial) {
      if (c <= ' ' || c > '~') {
        serial->fail("board '" + board.name + "': serial '" + selector.serial +
                     "' has a space or non-printable character; copy it from `tinyrack probes`");
      }
    }
  }
  if (auto path = node.find("usb_path")) {
    selector.usb_path = path->nonempty_string();
    if (!usb::is_usb_path(selector.usb_path)) {
      path->fail("board '" + board.name + "': usb_path '" + selector.usb_path +
                 "' is not a USB bus/port path like 1-2 or 3-1.4 (see `tinyrack probes`)");
    }
  }
  if (selector.serial.empty() && selector.usb_path.empty()) {
    node.fail("board '" + board.name + "': a probe needs \"serial\", \"usb_path\" or both");
  }
  if (board.target.emulation) {
    node.fail("board '" + board.name + "': target '" + board.target.name +
              "' is emulated (QEMU plays its probe); remove \"probe\"");
  }
  return selector;
}

BoardSpec parse_board(const JsonNode& node, const std::filesystem::path& targets_dir) {
  node.expect_object({"name", "target", "tags", "monitor", "probe", "unique_id"});
  BoardSpec board;
  board.name = node["name"].identifier();
  board.target = resolve_target(node["target"], targets_dir);
  if (auto tags = node.find("tags")) {
    for (std::size_t i = 0; i < tags->array_size(); ++i) {
      board.tags.push_back((*tags)[i].identifier());
    }
  }
  if (auto monitor = node.find("monitor")) board.monitor = parse_monitor(*monitor, board);
  if (auto probe = node.find("probe")) board.probe = parse_probe(*probe, board);
  if (auto uid = node.find("unique_id")) board.unique_id = parse_unique_id(*uid, board);
  return board;
}

ProgramPaths parse_programs(const JsonNode& node) {
  node.expect_object({"qemu", "openocd", "pyocd_gdbserver"});
  ProgramPaths programs;
  if (auto v = node.find("qemu")) programs.qemu = v->nonempty_string();
  if (auto v = node.find("openocd")) programs.openocd = v->nonempty_string();
  if (auto v = node.find("pyocd_gdbserver")) programs.pyocd_gdbserver = v->nonempty_string();
  return programs;
}

}  // namespace

const BoardSpec* RackSpec::find_board(const std::string& board_name) const {
  auto it = std::find_if(boards.begin(), boards.end(),
                         [&](const BoardSpec& b) { return b.name == board_name; });
  return it == boards.end() ? nullptr : &*it;
}

probe::DiscoveredProbe bind_probe(const BoardSpec& board,
                                  const std::vector<probe::DiscoveredProbe>& connected) {
  if (!board.probe) {
    throw probe::ProbeError(probe::ProbeErrc::binding,
                            "board '" + board.name +
                                "' names no probe; add \"probe\": {\"serial\": ...} to its "
                                "rack entry (`tinyrack probes` lists the connected ones)");
  }
  return probe::bind_probe(board.name, *board.probe, connected);
}

RackSpec load_rack(const std::filesystem::path& file, const std::filesystem::path& targets_dir) {
  const auto root = JsonNode::load(file);
  root.expect_object({"name", "description", "boards", "programs"});
  RackSpec rack;
  rack.file = file;
  rack.name = root["name"].identifier();
  if (auto description = root.find("description")) rack.description = description->string();

  const auto boards = root["boards"];
  if (boards.array_size() == 0) boards.fail("a rack needs at least one board");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < boards.array_size(); ++i) {
    auto board = parse_board(boards[i], targets_dir);
    if (!seen.insert(board.name).second) {
      boards[i]["name"].fail("duplicate board name '" + board.name + "'");
    }
    rack.boards.push_back(std::move(board));
  }
  if (auto programs = root.find("programs")) rack.programs = parse_programs(*programs);
  return rack;
}

}  // namespace tr::config
