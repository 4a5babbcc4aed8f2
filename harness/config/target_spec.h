// A board kind (targets/<name>.json) as typed data: core, memory map, console, clock, firmware
// build flags, probe, optional emulation block, power profile and the deadlines every wait on it
// uses.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/chip_identity.h"
#include "config/power_profile.h"

namespace tr::config {

enum class Arch { armv6m, armv7m, armv7em, armv8m_base, armv8m_main, armv81m_main };
enum class ConsoleKind { cmsdk_apb_uart };
enum class TimestampSource { systick, cmsdk_timer };
enum class ProbeKind { qemu_gdbstub, openocd, pyocd };
enum class TimeoutKind { boot, command, flash, infer };

// The spellings used in target files (and reports).
std::string_view to_string(Arch);
std::string_view to_string(ConsoleKind);
std::string_view to_string(TimestampSource);
std::string_view to_string(ProbeKind);
std::string_view to_string(TimeoutKind);

struct MemoryRegion {
  std::uint32_t origin = 0;
  std::uint32_t length = 0;
};

struct CyclesPerInstruction {
  double value = 1.0;
  std::string basis;  // why this value: calibration source or an explicit assumption
};

struct FirmwareBuild {
  std::string port;  // firmware-runner/ports/<port>
  // Kernel set of the MAC ops (firmware-runner/engine/kernels/<set>), chosen at build time.
  std::string kernels = "reference";
  std::vector<std::string> cflags;
  std::uint32_t arena_bytes = 0;
  std::uint32_t model_slot_bytes = 0;
  std::uint32_t input_slot_bytes = 0;
};

// The energy-mode timestamp output: a GPIO data-out register the runner read-modify-writes
// (docs/protocol.md, "Energy mode"). Pulses are low for at least hold_us µs; the line idles high.
struct TimestampPin {
  std::uint32_t data_out_register = 0;  // 4-byte aligned
  std::uint32_t mask = 0;               // the pin's bit(s), non-zero
  std::uint32_t hold_us = 50;           // EEMBC filters pulses shorter than 50 µs
  std::string note;                     // where the address comes from, what the emulator does
};

struct Emulation {
  std::string machine;  // QEMU -machine
  int icount_shift = 0;
};

struct TargetSpec {
  std::string name;
  std::string description;
  std::string core;
  Arch arch = Arch::armv7em;
  std::uint64_t clock_hz = 0;
  CyclesPerInstruction cycles_per_instruction;
  MemoryRegion code, ram, slots;
  ConsoleKind console_kind = ConsoleKind::cmsdk_apb_uart;
  std::uint32_t console_address = 0;
  TimestampSource timestamp_source = TimestampSource::systick;
  std::uint64_t timestamp_hz = 0;
  std::optional<TimestampPin> timestamp_pin;  // absent: energy mode is unavailable
  FirmwareBuild firmware;
  ProbeKind probe_kind = ProbeKind::qemu_gdbstub;
  // What the chip must report through the probe before it is flashed (chip_identity.h).
  std::optional<ChipIdentity> identity;
  std::optional<Emulation> emulation;          // present for boards QEMU emulates
  PowerSpec power;                             // a real part's figures, or why there are none
  std::chrono::milliseconds timeouts[4] = {};  // unscaled, indexed by TimeoutKind
  double timeout_scale = 1.0;                  // TINYRACK_TIMEOUT_SCALE at load time
  std::filesystem::path file;                  // where it was loaded from

  // The deadline for one kind of wait, already multiplied by timeout_scale.
  std::chrono::milliseconds timeout(TimeoutKind kind) const;
};

// Loads and validates a target file; its "name" must equal the file stem. Also reads
// TINYRACK_TIMEOUT_SCALE. Throws ConfigError.
TargetSpec load_target(const std::filesystem::path& file);

// TINYRACK_TIMEOUT_SCALE: unset or empty -> 1; otherwise a positive finite number, else
// ConfigError naming the variable.
double timeout_scale_from_env();

}  // namespace tr::config
