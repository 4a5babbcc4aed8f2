#include "config/rack_spec.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "config_test_support.h"
#include "debug/probe_error.h"
#include "discovery/probe_discovery.h"
#include "probes/usb/fake_usb_sysfs.h"
#include "support/test_paths.h"

using namespace tr::config;
using namespace tr::config::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;

namespace {

std::filesystem::path targets_dir() {
  return tr::test::source_dir() / "targets";
}
std::filesystem::path emulated_rack() {
  return tr::test::source_dir() / "racks" / "emulated.json";
}

std::string error_after_edit(const std::string& pointer, const std::optional<json>& value,
                             std::filesystem::path& file) {
  auto doc = read_json(emulated_rack());
  edit(doc, pointer, value);
  file = write_json(tr::test::scratch_dir("rack") / "emulated.json", doc);
  return config_error([&] { load_rack(file, targets_dir()); });
}

}  // namespace

TEST_CASE("the committed emulated rack loads with its targets", "[config][rack]") {
  const auto rack = load_rack(emulated_rack(), targets_dir());
  CHECK(rack.name == "emulated");
  REQUIRE(rack.boards.size() == 3);
  CHECK(rack.boards[0].name == "m4-0");
  CHECK(rack.boards[0].target.name == "qemu-m4");
  CHECK(rack.boards[1].target.emulation->machine == "mps2-an500");
  CHECK(rack.boards[2].target.name == "qemu-m55");
  CHECK(rack.boards[2].tags == std::vector<std::string>{"emulated"});
  CHECK(rack.programs.qemu == "qemu-system-arm");
  REQUIRE(rack.find_board("m7-0") != nullptr);
  CHECK(rack.find_board("m7-0")->target.core == "cortex-m7");
  CHECK(rack.find_board("m9-0") == nullptr);
}

TEST_CASE("programs and tags are optional", "[config][rack]") {
  auto doc = read_json(emulated_rack());
  doc.erase("programs");
  doc["boards"][0].erase("tags");
  const auto file = write_json(tr::test::scratch_dir("rack") / "r.json", doc);
  const auto rack = load_rack(file, targets_dir());
  CHECK(rack.programs.qemu == "qemu-system-arm");
  CHECK(rack.programs.openocd == "openocd");
  CHECK(rack.boards[0].tags.empty());
}

TEST_CASE("an unknown target lists the known ones", "[config][rack]") {
  // A private copy of the three targets, so a target added to the repository later keeps this
  // exact message stable.
  const auto dir = tr::test::scratch_dir("rack");
  for (const char* name : {"qemu-m4", "qemu-m7", "qemu-m55"}) {
    std::filesystem::create_directories(dir / "targets");
    std::filesystem::copy_file(targets_dir() / (std::string(name) + ".json"),
                               dir / "targets" / (std::string(name) + ".json"));
  }
  auto doc = read_json(emulated_rack());
  doc["boards"][2]["target"] = "qemu-m9";
  const auto file = write_json(dir / "emulated.json", doc);
  const auto message = config_error([&] { load_rack(file, dir / "targets"); });
  CHECK(message == file.string() +
                       ": /boards/2/target: unknown target 'qemu-m9' (known: qemu-m4, qemu-m55, "
                       "qemu-m7)");
}

TEST_CASE("rack errors name the file and the JSON pointer", "[config][rack]") {
  struct Case {
    std::string pointer;
    std::optional<json> value;
    std::string location;
    std::string problem;
  };
  const std::vector<Case> cases = {
      {"/boards/1/name", json("m4-0"), "/boards/1/name", "duplicate board name 'm4-0'"},
      {"/boards/0/name", json("M4_0"), "/boards/0/name", "'M4_0' is not a valid name"},
      {"/boards/0/debugger", json("x"), "/boards/0/debugger",
       "unknown key 'debugger' (allowed: monitor, name, probe, tags, target, unique_id)"},
      {"/boards/1/target", std::nullopt, "/boards/1", "missing required key 'target'"},
      {"/boards/2/tags/0", json(7), "/boards/2/tags/0", "expected a string, got an integer"},
      {"/boards", json::array(), "/boards", "a rack needs at least one board"},
      {"/boards", json::object(), "/boards", "expected an array, got an object"},
      {"/programs/gdb", json("gdb"), "/programs/gdb",
       "unknown key 'gdb' (allowed: openocd, pyocd_gdbserver, qemu)"},
      {"/programs/qemu", json(""), "/programs/qemu", "must not be empty"},
      {"/name", std::nullopt, "(root)", "missing required key 'name'"},
      {"/bords", json::array(), "/bords", "unknown key 'bords' (allowed: boards, description"},
  };
  for (const auto& c : cases) {
    INFO("edit " << c.pointer);
    std::filesystem::path file;
    const auto message = error_after_edit(c.pointer, c.value, file);
    CHECK_THAT(message, StartsWith(file.string() + ": " + c.location + ": "));
    CHECK_THAT(message, Contains(c.problem));
  }
}

TEST_CASE("an error inside a target file names that file", "[config][rack]") {
  const auto dir = tr::test::scratch_dir("rack");
  auto target = read_json(targets_dir() / "qemu-m4.json");
  target["clock_hz"] = "25 MHz";
  const auto target_file = write_json(dir / "targets" / "qemu-m4.json", target);
  const auto rack_file = write_json(
      dir / "rack.json",
      json{{"name", "one"}, {"boards", json::array({{{"name", "a"}, {"target", "qemu-m4"}}})}});
  CHECK_THAT(config_error([&] { load_rack(rack_file, dir / "targets"); }),
             Contains(target_file.string() + ": /clock_hz: expected an integer"));
}

TEST_CASE("boards may name a power monitor", "[config][rack][power]") {
  const auto dir = tr::test::scratch_dir("rack-monitor");
  // A real board: the m4 target without emulation, driven through OpenOCD.
  auto target = read_json(targets_dir() / "qemu-m4.json");
  target["name"] = "bench-m4";
  target.erase("emulation");
  target["probe"]["kind"] = "openocd";
  write_json(dir / "targets" / "bench-m4.json", target);
  for (const char* name : {"qemu-m4", "qemu-m7"}) {
    std::filesystem::copy_file(targets_dir() / (std::string(name) + ".json"),
                               dir / "targets" / (std::string(name) + ".json"));
  }
  auto doc = json{
      {"name", "bench"},
      {"boards", json::array({{{"name", "real"},
                               {"target", "bench-m4"},
                               {"monitor", "ppk2:/dev/ttyACM0,mode=ampere,pin=2"}},
                              {{"name", "emu"}, {"target", "qemu-m7"}, {"monitor", "modelled"}},
                              {{"name", "plain"}, {"target", "qemu-m4"}}})}};
  const auto rack = load_rack(write_json(dir / "bench.json", doc), dir / "targets");
  REQUIRE(rack.boards[0].monitor);
  CHECK(rack.boards[0].monitor->kind == tr::power::MonitorKind::ppk2);
  CHECK(rack.boards[0].monitor->address == "/dev/ttyACM0");
  CHECK(rack.boards[0].monitor->option("pin") == "2");
  REQUIRE(rack.boards[1].monitor);
  CHECK(rack.boards[1].monitor->kind == tr::power::MonitorKind::modelled);
  CHECK_FALSE(rack.boards[2].monitor);

  SECTION("a bad spec names the rack file, the board and the spec's error") {
    doc["boards"][0]["monitor"] = "ppk2:/dev/ttyACM0,volts=9";
    const auto file = write_json(dir / "bad.json", doc);
    const auto message = config_error([&] { load_rack(file, dir / "targets"); });
    CHECK_THAT(message, StartsWith(file.string() + ": /boards/0/monitor: board 'real': "));
    CHECK_THAT(message, Contains("monitor spec 'ppk2:/dev/ttyACM0,volts=9'"));
    CHECK_THAT(message, Contains("option 'volts' is 9, outside 0.8..5"));
  }
  SECTION("modelled needs an emulated target") {
    doc["boards"][0]["monitor"] = "modelled";
    const auto file = write_json(dir / "bad.json", doc);
    const auto message = config_error([&] { load_rack(file, dir / "targets"); });
    CHECK_THAT(message, StartsWith(file.string() + ": /boards/0/monitor: board 'real': "));
    CHECK_THAT(message, Contains("'bench-m4' is not emulated"));
  }
  SECTION("the monitor is a string") {
    doc["boards"][1]["monitor"] = 3;
    const auto file = write_json(dir / "bad.json", doc);
    CHECK_THAT(config_error([&] { load_rack(file, dir / "targets"); }),
               Contains("/boards/1/monitor: expected a string"));
  }
}

namespace {

// A rack of two real boards (the m4 target without emulation) and one emulated board.
struct ProbeRack {
  std::filesystem::path dir = tr::test::scratch_dir("rack-probe");
  json doc;

  ProbeRack() {
    auto target = read_json(targets_dir() / "qemu-m4.json");
    target["name"] = "bench-m4";
    target.erase("emulation");
    target["probe"]["kind"] = "openocd";
    target["identity"]["unique_id"] = {{"address", "0x1FFF7590"}, {"bytes", 12}};
    write_json(dir / "targets" / "bench-m4.json", target);
    std::filesystem::copy_file(targets_dir() / "qemu-m4.json", dir / "targets" / "qemu-m4.json");
    doc = json{{"name", "bench"},
               {"boards", json::array({{{"name", "a"},
                                        {"target", "bench-m4"},
                                        {"probe", {{"serial", "066DFF485550755187121723"}}}},
                                       {{"name", "b"},
                                        {"target", "bench-m4"},
                                        {"probe", {{"serial", "SAME"}, {"usb_path", "1-3.1"}}}},
                                       {{"name", "emu"}, {"target", "qemu-m4"}}})}};
  }
  RackSpec load() const { return load_rack(write_json(dir / "bench.json", doc), dir / "targets"); }
  std::string error() const {
    const auto file = write_json(dir / "bad.json", doc);
    return config_error([&] { load_rack(file, dir / "targets"); });
  }
};

}  // namespace

TEST_CASE("boards may name their debug probe by serial and USB path", "[config][rack][probe]") {
  ProbeRack r;
  const auto rack = r.load();
  REQUIRE(rack.boards[0].probe);
  CHECK(rack.boards[0].probe->serial == "066DFF485550755187121723");
  CHECK(rack.boards[0].probe->usb_path.empty());
  REQUIRE(rack.boards[1].probe);
  CHECK(rack.boards[1].probe->serial == "SAME");
  CHECK(rack.boards[1].probe->usb_path == "1-3.1");
  CHECK_FALSE(rack.boards[2].probe);

  struct Case {
    std::string pointer;
    json value;
    std::string location;
    std::string problem;
  };
  const std::vector<Case> cases = {
      {"/boards/0/probe", json("066DFF"), "/boards/0/probe", "expected an object"},
      {"/boards/0/probe", json::object(), "/boards/0/probe",
       "board 'a': a probe needs \"serial\", \"usb_path\" or both"},
      {"/boards/0/probe/serial", json("066D FF"), "/boards/0/probe/serial",
       "board 'a': serial '066D FF' has a space or non-printable character"},
      {"/boards/0/probe/serial", json(""), "/boards/0/probe/serial", "must not be empty"},
      {"/boards/0/probe/serial", json(42), "/boards/0/probe/serial", "expected a string"},
      {"/boards/1/probe/usb_path", json("1-3:1.0"), "/boards/1/probe/usb_path",
       "board 'b': usb_path '1-3:1.0' is not a USB bus/port path"},
      {"/boards/1/probe/usb_path", json("/dev/ttyACM0"), "/boards/1/probe/usb_path",
       "is not a USB bus/port path"},
      {"/boards/1/probe/port", json("1-3"), "/boards/1/probe/port",
       "unknown key 'port' (allowed: serial, usb_path)"},
      {"/boards/2/probe", json{{"serial", "X"}}, "/boards/2/probe",
       "board 'emu': target 'qemu-m4' is emulated"},
  };
  for (const auto& c : cases) {
    INFO("edit " << c.pointer);
    ProbeRack bad;
    edit(bad.doc, c.pointer, c.value);
    const auto message = bad.error();
    CHECK_THAT(message, StartsWith((bad.dir / "bad.json").string() + ": " + c.location + ": "));
    CHECK_THAT(message, Contains(c.problem));
  }
}

TEST_CASE("boards may give their chip's unique ID, checked against the target",
          "[config][rack][probe]") {
  ProbeRack r;
  r.doc["boards"][0]["unique_id"] = "0041003A3436510A37383931";
  const auto rack = r.load();
  CHECK(rack.boards[0].unique_id == "0041003a3436510a37383931");  // lowercase, as reported
  CHECK_FALSE(rack.boards[1].unique_id);

  struct Case {
    std::string pointer;
    json value;
    std::string problem;
  };
  const std::vector<Case> cases = {
      {"/boards/0/unique_id", json("0041003A3436510A3738393"),
       "board 'a': unique_id '0041003a3436510a3738393' is not an even number of hex digits"},
      {"/boards/0/unique_id", json("0041003A3436510A3738393G"), "is not an even number"},
      {"/boards/0/unique_id", json("0041003A"),
       "board 'a': unique_id has 4 bytes, target 'bench-m4' reads 12"},
      {"/boards/2/unique_id", json("00"),
       "board 'emu': target 'qemu-m4' gives no unique_id address to read it from"},
  };
  for (const auto& c : cases) {
    INFO("edit " << c.pointer);
    ProbeRack bad;
    edit(bad.doc, c.pointer, c.value);
    const auto message = bad.error();
    CHECK_THAT(message, StartsWith((bad.dir / "bad.json").string() + ": " + c.pointer + ": "));
    CHECK_THAT(message, Contains(c.problem));
  }
}

TEST_CASE("a rack board binds to the probe its selector names", "[config][rack][probe]") {
  tr::test::FakeUsbSysfs sys("rack-probe-sysfs");
  const auto nucleo = sys.device("1-2", "0483", "374b", "066DFF485550755187121723", "STM32 STLink");
  sys.interface(nucleo, 2, "ST-Link VCP Ctrl", "ttyACM0");
  sys.device("1-3.1", "0483", "374b", "SAME", "STM32 STLink");
  sys.device("1-3.2", "0483", "374b", "SAME", "STM32 STLink");
  const auto connected = tr::probe::find_debug_probes(sys.root()).probes;
  const auto rack = ProbeRack().load();

  const auto a = bind_probe(rack.boards[0], connected);
  CHECK(a.usb_path == "1-2");
  CHECK(a.tty() == "/dev/ttyACM0");
  CHECK(bind_probe(rack.boards[1], connected).usb_path == "1-3.1");
  try {
    bind_probe(rack.boards[2], connected);
    FAIL("an emulated board has no probe to bind");
  } catch (const tr::probe::ProbeError& e) {
    CHECK(e.code() == tr::probe::ProbeErrc::binding);
    CHECK_THAT(e.what(), Contains("board 'emu' names no probe"));
  }
  auto shared = rack.boards[1];
  shared.probe->usb_path.clear();
  try {
    bind_probe(shared, connected);
    FAIL("two probes share the serial");
  } catch (const tr::probe::ProbeError& e) {
    CHECK_THAT(e.what(), Contains("2 connected probes match"));
    CHECK_THAT(e.what(), Contains("at usb 1-3.2"));
  }
}
