#include "usb/usb_sysfs.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>

namespace tr::usb {
namespace fs = std::filesystem;
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_hex4(const std::string& s) {
  return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c)) != 0;
         });
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// sysfs prints bInterfaceNumber as two hex digits; without it, the digits after the '.' of
// "<device>:<config>.<interface>" are the number.
int interface_number(const fs::path& dir, const std::string& name) {
  const std::string given = read_attribute(dir / "bInterfaceNumber");
  const auto dot = name.rfind('.');
  const std::string digits =
      !given.empty() ? given : (dot == std::string::npos ? "" : name.substr(dot + 1));
  const int base = given.empty() ? 10 : 16;
  if (digits.empty() || digits.size() > 4) return -1;
  int n = 0;
  for (char c : digits) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return -1;
    const int d =
        std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10);
    if (d >= base) return -1;
    n = n * base + d;
  }
  return n;
}

// `<device>:<config>.<interface>` directories inside the device directory.
std::vector<UsbInterface> interfaces_of(const fs::path& device_dir) {
  std::vector<UsbInterface> out;
  const std::string prefix = device_dir.filename().string() + ":";
  for (const auto& dir : sorted_entries(device_dir)) {
    const std::string name = dir.filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    UsbInterface intf;
    intf.name = name;
    intf.number = interface_number(dir, name);
    intf.label = read_attribute(dir / "interface");
    for (const auto& tty : sorted_entries(dir / "tty")) {
      intf.ttys.push_back("/dev/" + tty.filename().string());
    }
    out.push_back(std::move(intf));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.number < b.number; });
  return out;
}

}  // namespace

std::string read_attribute(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line)) return {};
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
  return line;
}

std::vector<fs::path> sorted_entries(const fs::path& dir) {
  std::vector<fs::path> entries;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    entries.push_back(it->path());
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

bool is_usb_path(const std::string& text) {
  const auto dash = text.find('-');
  if (dash == std::string::npos || !all_digits(text.substr(0, dash))) return false;
  std::string rest = text.substr(dash + 1);
  for (std::size_t start = 0;;) {
    const auto dot = rest.find('.', start);
    if (!all_digits(
            rest.substr(start, dot == std::string::npos ? std::string::npos : dot - start))) {
      return false;
    }
    if (dot == std::string::npos) return true;
    start = dot + 1;
  }
}

UsbScan scan_usb_devices(const fs::path& sysfs_root) {
  UsbScan scan;
  for (const auto& dir : sorted_entries(sysfs_root / "bus" / "usb" / "devices")) {
    const std::string name = dir.filename().string();
    if (name.find(':') != std::string::npos) continue;  // an interface, not a device
    const std::string vid = lower(read_attribute(dir / "idVendor"));
    const std::string pid = lower(read_attribute(dir / "idProduct"));
    if (vid.empty() && pid.empty()) continue;  // not a device directory, or unreadable
    if (!is_hex4(vid) || !is_hex4(pid)) {
      scan.notes.push_back("skipped USB device " + name + ": idVendor '" + vid + "' / idProduct '" +
                           pid + "' are not four hex digits each");
      continue;
    }
    UsbDevice d;
    d.dir = dir;
    d.path = name;
    d.vid = vid;
    d.pid = pid;
    d.serial = read_attribute(dir / "serial");
    d.manufacturer = read_attribute(dir / "manufacturer");
    d.product = read_attribute(dir / "product");
    d.busnum = read_attribute(dir / "busnum");
    d.devpath = read_attribute(dir / "devpath");
    d.interfaces = interfaces_of(dir);
    scan.devices.push_back(std::move(d));
  }
  return scan;
}

}  // namespace tr::usb
