#include "config/target_spec.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config_test_support.h"
#include "support/test_paths.h"

using namespace tr::config;
using namespace tr::config::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;

namespace {

std::filesystem::path committed(const std::string& name) {
  return tr::test::source_dir() / "targets" / (name + ".json");
}

// Loads qemu-m4.json with one edit applied; returns the error message.
std::string error_after_edit(const std::string& pointer, const std::optional<json>& value,
                             std::filesystem::path* written = nullptr) {
  auto doc = read_json(committed("qemu-m4"));
  edit(doc, pointer, value);
  const auto file = write_json(tr::test::scratch_dir("target") / "qemu-m4.json", doc);
  if (written) *written = file;
  return config_error([&] { load_target(file); });
}

}  // namespace

TEST_CASE("the committed target files load", "[config][target]") {
  ScopedEnv scale("TINYRACK_TIMEOUT_SCALE", nullptr);
  const auto m4 = load_target(committed("qemu-m4"));
  CHECK(m4.name == "qemu-m4");
  CHECK(m4.core == "cortex-m4");
  CHECK(m4.arch == Arch::armv7em);
  CHECK(m4.clock_hz == 25'000'000u);
  CHECK(m4.cycles_per_instruction.value == 1.0);
  CHECK_FALSE(m4.cycles_per_instruction.basis.empty());
  CHECK(m4.ram.origin == 0x20000000u);
  CHECK(m4.ram.length == 0x00300000u);
  CHECK(m4.slots.origin == 0x20300000u);
  CHECK(m4.console_kind == ConsoleKind::cmsdk_apb_uart);
  CHECK(m4.console_address == 0x40004000u);
  CHECK(m4.timestamp_source == TimestampSource::systick);
  CHECK(m4.firmware.port == "qemu-mps2");
  CHECK(m4.firmware.cflags.size() == 4);
  CHECK(m4.firmware.model_slot_bytes == 983040u);
  CHECK(m4.probe_kind == ProbeKind::qemu_gdbstub);
  REQUIRE(m4.emulation);
  CHECK(m4.emulation->machine == "mps2-an386");
  CHECK(m4.emulation->icount_shift == 0);
  CHECK(m4.timeout(TimeoutKind::boot) == std::chrono::milliseconds(10000));
  CHECK(m4.timeout(TimeoutKind::infer) == std::chrono::milliseconds(120000));

  const auto m55 = load_target(committed("qemu-m55"));
  CHECK(m55.arch == Arch::armv81m_main);
  CHECK(m55.code.origin == 0x10000000u);
  CHECK(m55.console_address == 0x59303000u);
  CHECK(m55.emulation->machine == "mps3-an547");

  const auto m7 = load_target(committed("qemu-m7"));
  CHECK(m7.emulation->machine == "mps2-an500");
  CHECK(to_string(m7.arch) == "armv7e-m");
  CHECK(to_string(m7.probe_kind) == "qemu-gdbstub");
}

TEST_CASE("the emulation block is optional", "[config][target]") {
  auto doc = read_json(committed("qemu-m4"));
  doc.erase("emulation");
  const auto file = write_json(tr::test::scratch_dir("target") / "qemu-m4.json", doc);
  CHECK_FALSE(load_target(file).emulation.has_value());
}

TEST_CASE("the timestamp pin of energy mode is read, and optional", "[config][target][energy]") {
  const auto m4 = load_target(committed("qemu-m4"));
  REQUIRE(m4.timestamp_pin.has_value());
  CHECK(m4.timestamp_pin->data_out_register == 0x40010004u);
  CHECK(m4.timestamp_pin->mask == 0x1u);
  CHECK(m4.timestamp_pin->hold_us >= 50u);  // EEMBC's timestamp-hold-us
  auto doc = read_json(committed("qemu-m4"));
  doc.erase("timestamp_pin");
  const auto file = write_json(tr::test::scratch_dir("target") / "qemu-m4.json", doc);
  CHECK_FALSE(load_target(file).timestamp_pin.has_value());
}

TEST_CASE("the chip identity is read, with the default CPUID mask", "[config][target][probe]") {
  const auto m4 = load_target(committed("qemu-m4"));
  REQUIRE(m4.identity.has_value());
  CHECK(m4.identity->cpuid == 0x410FC240u);
  CHECK(m4.identity->cpuid_mask == 0xFF00FFF0u);  // variant and revision are not compared
  CHECK_FALSE(m4.identity->unique_id);
  auto doc = read_json(committed("qemu-m4"));
  doc["identity"]["cpuid_mask"] = "0xFFFFFFFF";
  doc["identity"]["unique_id"] = {{"address", "0x1FFF7590"}, {"bytes", 12}};
  const auto file = write_json(tr::test::scratch_dir("target") / "qemu-m4.json", doc);
  const auto edited = load_target(file);
  CHECK(edited.identity->cpuid_mask == 0xFFFFFFFFu);
  REQUIRE(edited.identity->unique_id);
  CHECK(edited.identity->unique_id->address == 0x1FFF7590u);
  CHECK(edited.identity->unique_id->bytes == 12u);
}

TEST_CASE("target errors name the file and the JSON pointer", "[config][target]") {
  struct Case {
    std::string pointer;
    std::optional<json> value;  // nullopt: remove the key
    std::string location;
    std::string problem;
  };
  const std::vector<Case> cases = {
      {"/colour", json("red"), "/colour", "unknown key 'colour' (allowed: arch, clock_hz"},
      {"/console/baud", json(115200), "/console/baud",
       "unknown key 'baud' (allowed: address, kind)"},
      {"/timeouts_ms/boot", std::nullopt, "/timeouts_ms", "missing required key 'boot'"},
      {"/memory", std::nullopt, "(root)", "missing required key 'memory'"},
      {"/clock_hz", json("fast"), "/clock_hz", "expected an integer, got a string"},
      {"/clock_hz", json(0), "/clock_hz", "value 0 is out of range"},
      {"/clock_hz", json(2.5), "/clock_hz", "expected an integer, got a number"},
      {"/timeouts_ms/infer", json(-5), "/timeouts_ms/infer", "value -5 is out of range"},
      {"/emulation/icount_shift", json(11), "/emulation/icount_shift", "out of range"},
      {"/cycles_per_instruction/value", json(0), "/cycles_per_instruction/value", "out of range"},
      {"/cycles_per_instruction/basis", json(""), "/cycles_per_instruction/basis",
       "must not be empty"},
      {"/memory/ram/origin", json("0xZZ"), "/memory/ram/origin",
       "'0xZZ' is not a 32-bit hex number"},
      {"/memory/ram/origin", json("20000000"), "/memory/ram/origin", "not a 32-bit hex number"},
      {"/memory/ram/origin", json("0x100000000"), "/memory/ram/origin", "not a 32-bit hex number"},
      {"/memory/code/length", json(4096), "/memory/code/length", "expected a string"},
      {"/memory/slots/length", json("0x0"), "/memory/slots/length", "must not be zero"},
      {"/memory/ram/length", json("0xF0000000"), "/memory/ram", "past the end"},
      {"/console/kind", json("pl011"), "/console/kind",
       "unknown console kind 'pl011' (known: cmsdk-apb-uart)"},
      {"/probe/kind", json("jlink"), "/probe/kind",
       "unknown probe kind 'jlink' (known: openocd, pyocd, qemu-gdbstub)"},
      {"/arch", json("armv9-a"), "/arch", "unknown arch 'armv9-a'"},
      {"/firmware/cflags/1", json(3), "/firmware/cflags/1", "expected a string, got an integer"},
      {"/firmware/port", json("Qemu_MPS2"), "/firmware/port", "is not a valid name"},
      {"/firmware/model_slot_bytes", json(2000000), "/firmware",
       "exceed memory.slots length (1048576)"},
      {"/firmware/arena_bytes", json(0x300000), "/firmware/arena_bytes", "does not fit"},
      {"/name", json("qemu-m5"), "/name", "must equal the file name 'qemu-m4'"},
      {"/memory/ram", json::array(), "/memory/ram", "expected an object, got an array"},
      {"/timestamp_pin/register", json("0x40010002"), "/timestamp_pin/register",
       "must be 4-byte aligned"},
      {"/timestamp_pin/mask", json("0x0"), "/timestamp_pin/mask", "selects no pin"},
      {"/timestamp_pin/hold_us", json(0), "/timestamp_pin/hold_us", "out of range"},
      {"/timestamp_pin/hold_us", std::nullopt, "/timestamp_pin", "missing required key 'hold_us'"},
      {"/timestamp_pin/level", json("low"), "/timestamp_pin/level", "unknown key 'level'"},
      {"/identity/cpuid", std::nullopt, "/identity", "missing required key 'cpuid'"},
      {"/identity/cpuid", json("M4"), "/identity/cpuid", "not a 32-bit hex number"},
      {"/identity/cpuid_mask", json("0xFF000000"), "/identity/cpuid_mask",
       "must keep the part number bits"},
      {"/identity/unique_id", json({{"address", "0x1FFF7590"}, {"bytes", 0}}),
       "/identity/unique_id/bytes", "out of range"},
      {"/identity/unique_id", json({{"address", "0x1FFF7590"}, {"bytes", 33}}),
       "/identity/unique_id/bytes", "out of range"},
      {"/identity/unique_id", json({{"bytes", 12}}), "/identity/unique_id",
       "missing required key 'address'"},
  };
  for (const auto& c : cases) {
    INFO("edit " << c.pointer);
    std::filesystem::path file;
    const auto message = error_after_edit(c.pointer, c.value, &file);
    CHECK_THAT(message, StartsWith(file.string() + ": " + c.location + ": "));
    CHECK_THAT(message, Contains(c.problem));
  }
}

TEST_CASE("invalid JSON reports line and column", "[config][target]") {
  const auto file = write_text(tr::test::scratch_dir("target") / "qemu-m4.json",
                               "{\n  \"name\": \"qemu-m4\",\n  \"core\" \"cortex-m4\"\n}\n");
  const auto message = config_error([&] { load_target(file); });
  CHECK_THAT(message, Contains(file.string() + ": line 3, column"));
  CHECK_THAT(message, Contains("invalid JSON"));
}

TEST_CASE("a missing target file is an error naming it", "[config][target]") {
  const auto file = tr::test::scratch_dir("target") / "absent.json";
  CHECK_THAT(config_error([&] { load_target(file); }),
             Contains(file.string() + ": (file): cannot open file"));
}

TEST_CASE("TINYRACK_TIMEOUT_SCALE multiplies every timeout", "[config][target][timeout]") {
  SECTION("unset means 1") {
    ScopedEnv scale("TINYRACK_TIMEOUT_SCALE", nullptr);
    CHECK(timeout_scale_from_env() == 1.0);
    CHECK(load_target(committed("qemu-m7")).timeout(TimeoutKind::command).count() == 5000);
  }
  SECTION("a fractional scale") {
    ScopedEnv scale("TINYRACK_TIMEOUT_SCALE", "2.5");
    const auto t = load_target(committed("qemu-m7"));
    CHECK(t.timeout(TimeoutKind::command).count() == 12500);
    CHECK(t.timeout(TimeoutKind::flash).count() == 75000);
  }
  SECTION("an integer scale") {
    ScopedEnv scale("TINYRACK_TIMEOUT_SCALE", "3");
    CHECK(load_target(committed("qemu-m55")).timeout(TimeoutKind::boot).count() == 30000);
  }
  SECTION("bad values are errors naming the variable") {
    for (const char* bad : {"abc", "0", "-1", "2x", "nan", "inf"}) {
      INFO("TINYRACK_TIMEOUT_SCALE=" << bad);
      ScopedEnv scale("TINYRACK_TIMEOUT_SCALE", bad);
      CHECK_THAT(config_error([] { timeout_scale_from_env(); }),
                 Contains("environment: TINYRACK_TIMEOUT_SCALE: '" + std::string(bad) + "'"));
      CHECK_THROWS_AS(load_target(committed("qemu-m4")), ConfigError);
    }
  }
}
