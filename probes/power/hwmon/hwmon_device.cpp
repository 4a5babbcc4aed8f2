#include "power/hwmon/hwmon_device.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "power/power_error.h"

namespace tr::power::hwmon {
namespace fs = std::filesystem;

namespace {

std::string list_devices(const std::vector<HwmonDevice>& devices) {
  std::string out;
  for (const HwmonDevice& d : devices) {
    out += (out.empty() ? "" : ", ") + d.path.string() + " (" + d.chip.name + ")";
  }
  return out.empty() ? "none" : out;
}

}  // namespace

std::optional<std::string> read_sysfs_text(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  char buffer[128];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  ::close(fd);
  if (n < 0) return std::nullopt;
  std::string text(buffer, static_cast<std::size_t>(n));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

SysfsValue read_sysfs_value(const fs::path& file) {
  SysfsValue out;
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    out.error = errno;
    return out;
  }
  char buffer[64];
  const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
  out.error = n < 0 ? errno : 0;
  ::close(fd);
  if (n < 0) return out;
  out.text.assign(buffer, static_cast<std::size_t>(n));
  buffer[n] = '\0';
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(buffer, &end, 10);
  // One decimal integer and a newline: anything else is a half-written or foreign file.
  if (end != buffer && errno == 0 && (*end == '\n' || *end == '\0')) out.value = v;
  return out;
}

void write_sysfs_value(const fs::path& file, long value) {
  const std::string text = std::to_string(value) + "\n";
  const int fd = ::open(file.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  ssize_t n = -1;
  int error = errno;
  if (fd >= 0) {
    n = ::write(fd, text.data(), text.size());
    error = errno;
    ::close(fd);
  }
  if (n != static_cast<ssize_t>(text.size())) {
    throw PowerError(PowerErrc::config,
                     "hwmon: cannot write " + std::to_string(value) + " to " + file.string() +
                         ": " + std::strerror(error) +
                         (error == EACCES || error == EPERM
                              ? "; it needs root or a udev rule granting write access"
                              : ""));
  }
}

HwmonDevice describe_ina2xx_device(const fs::path& path) {
  const auto name = read_sysfs_text(path / "name");
  if (!name) {
    throw PowerError(PowerErrc::config,
                     "hwmon: " + path.string() + " has no readable 'name'; is it a hwmon device?");
  }
  auto chip = Ina2xxChip::from_name(*name);
  if (!chip) {
    throw PowerError(PowerErrc::config, "hwmon: " + path.string() + " is a '" + *name +
                                            "', not an INA2xx chip of the ina2xx driver");
  }
  HwmonDevice d{path, *chip, chip->fixed_shunt_uohm.value_or(10000), std::nullopt};
  if (auto shunt = read_sysfs_value(path / "shunt_resistor"); shunt.value) {
    d.shunt_uohm = *shunt.value;
  }
  if (auto interval = read_sysfs_value(path / "update_interval"); interval.value) {
    d.update_interval_ms = static_cast<int>(*interval.value);
  }
  return d;
}

std::vector<HwmonDevice> find_ina2xx_devices(const fs::path& root) {
  std::vector<HwmonDevice> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    const auto name = read_sysfs_text(entry.path() / "name");
    if (!name || !Ina2xxChip::from_name(*name)) continue;
    try {
      out.push_back(describe_ina2xx_device(entry.path()));
    } catch (const PowerError&) {
      // Vanished between the two reads: not there, then.
    }
  }
  std::sort(out.begin(), out.end(),
            [](const HwmonDevice& a, const HwmonDevice& b) { return a.path < b.path; });
  return out;
}

HwmonDevice resolve_ina2xx_device(const fs::path& root, const std::string& selector) {
  if (!selector.empty() && selector.find('/') != std::string::npos) {
    return describe_ina2xx_device(selector);
  }
  const std::vector<HwmonDevice> all = find_ina2xx_devices(root);
  std::vector<HwmonDevice> match;
  for (const HwmonDevice& d : all) {
    if (selector.empty() || d.path.filename() == selector || d.chip.name == selector) {
      match.push_back(d);
    }
  }
  if (match.size() == 1) return match.front();
  const std::string wanted = selector.empty() ? "INA2xx device" : "device '" + selector + "'";
  if (match.empty()) {
    throw PowerError(PowerErrc::config,
                     "hwmon: no " + wanted + " under " + root.string() +
                         " (INA2xx devices: " + list_devices(all) +
                         "); is the ina2xx driver bound (device tree or new_device)?");
  }
  throw PowerError(PowerErrc::config, "hwmon: " + std::to_string(match.size()) + " matches for " +
                                          wanted + " under " + root.string() + ": " +
                                          list_devices(match) + "; choose one by hwmonN or path");
}

}  // namespace tr::power::hwmon
