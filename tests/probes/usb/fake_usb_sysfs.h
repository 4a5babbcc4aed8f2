// A fake sysfs USB tree in a scratch directory, laid out as the real one: each device directory
// under devices/..., a symlink to it in bus/usb/devices, interface directories inside it (also
// linked from bus/usb/devices) and each CDC ACM tty under its interface.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/test_paths.h"

namespace tr::test {

class FakeUsbSysfs {
 public:
  explicit FakeUsbSysfs(const char* name) : root_(scratch_dir(name) / "sys") {
    std::filesystem::create_directories(root_ / "bus" / "usb" / "devices");
  }
  const std::filesystem::path& root() const { return root_; }

  static void put(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text << "\n";
  }

  // A device at bus/port path `path` ("1-2.3"); empty strings leave the attribute out.
  std::filesystem::path device(const std::string& path, const std::string& vid,
                               const std::string& pid, const std::string& serial,
                               const std::string& product,
                               const std::string& manufacturer = "Maker") {
    const auto dir = root_ / "devices" / "pci0000:00" / "0000:00:14.0" / "usb1" / path;
    put(dir / "idVendor", vid);
    put(dir / "idProduct", pid);
    if (!serial.empty()) put(dir / "serial", serial);
    if (!product.empty()) put(dir / "product", product);
    if (!manufacturer.empty()) put(dir / "manufacturer", manufacturer);
    put(dir / "busnum", path.substr(0, path.find('-')));
    put(dir / "devpath", path.substr(path.find('-') + 1));
    std::filesystem::create_directory_symlink(dir, root_ / "bus" / "usb" / "devices" / path);
    return dir;
  }

  // Interface `number` of `device`, with its string (empty: none) and a tty (empty: none).
  std::filesystem::path interface(const std::filesystem::path& device, int number,
                                  const std::string& label, const std::string& tty = "") {
    const std::string name = device.filename().string() + ":1." + std::to_string(number);
    const auto dir = device / name;
    char hex[8];
    std::snprintf(hex, sizeof hex, "%02x", number);
    put(dir / "bInterfaceNumber", hex);
    if (!label.empty()) put(dir / "interface", label);
    if (!tty.empty()) {
      std::filesystem::create_directories(dir / "tty" / tty);
      put(dir / "tty" / tty / "dev", "166:0");
    }
    std::filesystem::create_directory_symlink(dir, root_ / "bus" / "usb" / "devices" / name);
    return dir;
  }

 private:
  std::filesystem::path root_;
};

}  // namespace tr::test
