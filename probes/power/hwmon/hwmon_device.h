// Finding INA2xx chips under /sys/class/hwmon and reading their attributes. Attributes are
// read with open/read/close each time: a sysfs read asks the chip again, and the simulator's
// fake tree replaces whole files (an fd kept open would see the old file forever).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "power/hwmon/ina2xx_chip.h"

namespace tr::power::hwmon {

inline const std::filesystem::path kSysfsHwmon = "/sys/class/hwmon";

struct HwmonDevice {
  std::filesystem::path path;  // e.g. /sys/class/hwmon/hwmon3
  Ina2xxChip chip;
  long shunt_uohm = 0;                    // shunt_resistor (INA260: fixed 2000)
  std::optional<int> update_interval_ms;  // absent on INA219/220
};

// Every hwmonN under `root` whose `name` is an INA2xx chip, in path order. A missing root is
// an empty list; other hwmon devices (coretemp, nvme...) are skipped.
std::vector<HwmonDevice> find_ina2xx_devices(const std::filesystem::path& root = kSysfsHwmon);

// `selector`: "" = the only INA2xx device; "hwmon3"; an absolute path; or a chip name that
// only one device has. No match or an ambiguous one -> PowerError(config) listing what is
// there.
HwmonDevice resolve_ina2xx_device(const std::filesystem::path& root, const std::string& selector);

// Reads the device's attributes (chip, shunt, update_interval) from `path`.
// PowerError(config) when `path` is not an INA2xx hwmon directory.
HwmonDevice describe_ina2xx_device(const std::filesystem::path& path);

struct SysfsValue {
  std::optional<long> value;  // the integer, when the read worked and parsed
  int error = 0;              // errno of a failed open/read (ENOENT: file or device gone)
  std::string text;           // what was read (for messages)
};
SysfsValue read_sysfs_value(const std::filesystem::path& file);
std::optional<std::string> read_sysfs_text(const std::filesystem::path& file);  // trimmed
// Writes `value` + "\n". PowerError(config) naming the file and errno (EACCES: needs root).
void write_sysfs_value(const std::filesystem::path& file, long value);

}  // namespace tr::power::hwmon
