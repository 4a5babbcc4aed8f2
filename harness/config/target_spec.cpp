#include "config/target_spec.h"

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "config/config_error.h"
#include "config/json_node.h"

namespace tr::config {
namespace {

using std::string_view;

constexpr std::array<std::pair<string_view, Arch>, 6> kArchs{{
    {"armv6-m", Arch::armv6m},
    {"armv7-m", Arch::armv7m},
    {"armv7e-m", Arch::armv7em},
    {"armv8-m.base", Arch::armv8m_base},
    {"armv8-m.main", Arch::armv8m_main},
    {"armv8.1-m.main", Arch::armv81m_main},
}};
constexpr std::array<std::pair<string_view, ConsoleKind>, 1> kConsoles{{
    {"cmsdk-apb-uart", ConsoleKind::cmsdk_apb_uart},
}};
constexpr std::array<std::pair<string_view, TimestampSource>, 2> kTimestampSources{{
    {"systick", TimestampSource::systick},
    {"cmsdk-timer", TimestampSource::cmsdk_timer},
}};
constexpr std::array<std::pair<string_view, ProbeKind>, 3> kProbes{{
    {"qemu-gdbstub", ProbeKind::qemu_gdbstub},
    {"openocd", ProbeKind::openocd},
    {"pyocd", ProbeKind::pyocd},
}};
constexpr std::array<std::pair<string_view, TimeoutKind>, 4> kTimeouts{{
    {"boot", TimeoutKind::boot},
    {"command", TimeoutKind::command},
    {"flash", TimeoutKind::flash},
    {"infer", TimeoutKind::infer},
}};

template <class E, std::size_t N>
string_view name_of(const std::array<std::pair<string_view, E>, N>& table, E value) {
  for (const auto& [name, v] : table) {
    if (v == value) return name;
  }
  return "?";
}

constexpr std::uint64_t kMaxHz = 10'000'000'000ULL;
constexpr std::uint64_t kMaxTimeoutMs = 24ULL * 3600 * 1000;
constexpr int kMaxIcountShift = 10;  // QEMU's limit for -icount shift=N
// A timestamp pulse held low for more than a second is a typo.
constexpr std::uint64_t kMaxHoldUs = 1'000'000;

MemoryRegion parse_region(const JsonNode& node) {
  node.expect_object({"origin", "length"});
  MemoryRegion r{node["origin"].hex_u32(), node["length"].hex_u32()};
  if (r.length == 0) node["length"].fail("length must not be zero");
  if (std::uint64_t{r.origin} + r.length > 0x1'0000'0000ULL) {
    node.fail("region runs past the end of the 32-bit address space");
  }
  return r;
}

void parse_memory(const JsonNode& node, TargetSpec& t) {
  node.expect_object({"code", "ram", "slots"});
  t.code = parse_region(node["code"]);
  t.ram = parse_region(node["ram"]);
  t.slots = parse_region(node["slots"]);
}

FirmwareBuild parse_firmware(const JsonNode& node) {
  node.expect_object(
      {"port", "kernels", "cflags", "arena_bytes", "model_slot_bytes", "input_slot_bytes"});
  FirmwareBuild f;
  f.port = node["port"].identifier();
  if (auto k = node.find("kernels")) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kSets{
        {{"reference", "reference"}, {"dsp", "dsp"}, {"helium", "helium"}}};
    f.kernels = std::string(k->one_of(kSets, "kernel set"));
  }
  f.cflags = node["cflags"].strings();
  auto bytes = [&](string_view key) {
    return static_cast<std::uint32_t>(node[key].unsigned_integer(1, 0xFFFF'FFFFULL));
  };
  f.arena_bytes = bytes("arena_bytes");
  f.model_slot_bytes = bytes("model_slot_bytes");
  f.input_slot_bytes = bytes("input_slot_bytes");
  return f;
}

// The firmware places its arena in RAM and the model and input slots in the slot region.
void check_fits(const JsonNode& root, const TargetSpec& t) {
  const auto& f = t.firmware;
  if (std::uint64_t{f.model_slot_bytes} + f.input_slot_bytes > t.slots.length) {
    root["firmware"].fail("model_slot_bytes + input_slot_bytes (" +
                          std::to_string(std::uint64_t{f.model_slot_bytes} + f.input_slot_bytes) +
                          ") exceed memory.slots length (" + std::to_string(t.slots.length) + ")");
  }
  if (f.arena_bytes >= t.ram.length) {
    root["firmware"]["arena_bytes"].fail("arena (" + std::to_string(f.arena_bytes) +
                                         " bytes) does not fit in memory.ram (" +
                                         std::to_string(t.ram.length) + " bytes)");
  }
}

TimestampPin parse_timestamp_pin(const JsonNode& node) {
  node.expect_object({"register", "mask", "hold_us", "note"});
  TimestampPin p;
  p.data_out_register = node["register"].hex_u32();
  if (p.data_out_register % 4 != 0) {
    node["register"].fail("must be 4-byte aligned: the runner writes it as one 32-bit word");
  }
  p.mask = node["mask"].hex_u32();
  if (p.mask == 0) node["mask"].fail("mask 0x0 selects no pin; give the pin's bit, e.g. \"0x1\"");
  p.hold_us = static_cast<std::uint32_t>(node["hold_us"].unsigned_integer(1, kMaxHoldUs));
  if (auto note = node.find("note")) p.note = note->nonempty_string();
  return p;
}

void parse_peripherals(const JsonNode& root, TargetSpec& t) {
  const auto console = root["console"];
  console.expect_object({"kind", "address"});
  t.console_kind = console["kind"].one_of(kConsoles, "console kind");
  t.console_address = console["address"].hex_u32();

  const auto timestamp = root["timestamp"];
  timestamp.expect_object({"source", "hz"});
  t.timestamp_source = timestamp["source"].one_of(kTimestampSources, "timestamp source");
  t.timestamp_hz = timestamp["hz"].unsigned_integer(1, kMaxHz);

  if (auto pin = root.find("timestamp_pin")) t.timestamp_pin = parse_timestamp_pin(*pin);
  if (auto identity = root.find("identity")) t.identity = parse_chip_identity(*identity);

  const auto probe = root["probe"];
  probe.expect_object({"kind"});
  t.probe_kind = probe["kind"].one_of(kProbes, "probe kind");

  if (auto emulation = root.find("emulation")) {
    emulation->expect_object({"machine", "icount_shift"});
    t.emulation = Emulation{
        (*emulation)["machine"].nonempty_string(),
        static_cast<int>((*emulation)["icount_shift"].unsigned_integer(0, kMaxIcountShift))};
  }
}

void parse_timeouts(const JsonNode& node, TargetSpec& t) {
  node.expect_object({"boot", "command", "flash", "infer"});
  for (const auto& [key, kind] : kTimeouts) {
    t.timeouts[static_cast<int>(kind)] =
        std::chrono::milliseconds(node[key].unsigned_integer(1, kMaxTimeoutMs));
  }
}

}  // namespace

string_view to_string(Arch v) {
  return name_of(kArchs, v);
}
string_view to_string(ConsoleKind v) {
  return name_of(kConsoles, v);
}
string_view to_string(TimestampSource v) {
  return name_of(kTimestampSources, v);
}
string_view to_string(ProbeKind v) {
  return name_of(kProbes, v);
}
string_view to_string(TimeoutKind v) {
  return name_of(kTimeouts, v);
}

std::chrono::milliseconds TargetSpec::timeout(TimeoutKind kind) const {
  const auto base = static_cast<double>(timeouts[static_cast<int>(kind)].count());
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(base * timeout_scale)));
}

double timeout_scale_from_env() {
  const char* text = std::getenv("TINYRACK_TIMEOUT_SCALE");
  if (text == nullptr || *text == '\0') return 1.0;
  char* end = nullptr;
  errno = 0;
  const double scale = std::strtod(text, &end);
  if (end == text || *end != '\0' || errno != 0 || !std::isfinite(scale) || scale <= 0 ||
      scale > 1000) {
    throw ConfigError("environment", "TINYRACK_TIMEOUT_SCALE",
                      "'" + std::string(text) + "' is not a positive number up to 1000 (e.g. 2.5)");
  }
  return scale;
}

TargetSpec load_target(const std::filesystem::path& file) {
  const auto root = JsonNode::load(file);
  root.expect_object({"name", "description", "core", "arch", "clock_hz", "cycles_per_instruction",
                      "memory", "console", "timestamp", "timestamp_pin", "firmware", "probe",
                      "emulation", "power", "timeouts_ms", "identity"});
  TargetSpec t;
  t.file = file;
  t.name = root["name"].identifier();
  if (t.name != file.stem().string()) {
    root["name"].fail("name '" + t.name + "' must equal the file name '" + file.stem().string() +
                      "'");
  }
  t.description = root["description"].nonempty_string();
  t.core = root["core"].nonempty_string();
  t.arch = root["arch"].one_of(kArchs, "arch");
  t.clock_hz = root["clock_hz"].unsigned_integer(1, kMaxHz);

  const auto cpi = root["cycles_per_instruction"];
  cpi.expect_object({"value", "basis"});
  t.cycles_per_instruction = {cpi["value"].number(0.0, 100.0), cpi["basis"].nonempty_string()};

  parse_memory(root["memory"], t);
  parse_peripherals(root, t);
  t.firmware = parse_firmware(root["firmware"]);
  check_fits(root, t);
  parse_timeouts(root["timeouts_ms"], t);
  t.power = parse_power(root.find("power"), file.string());
  t.timeout_scale = timeout_scale_from_env();
  return t;
}

}  // namespace tr::config
