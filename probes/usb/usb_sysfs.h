// The USB devices sysfs lists under <root>/bus/usb/devices, read once into plain structs:
// VID:PID, strings, bus path ("1-2.3"), interfaces with their strings and tty nodes. Shared by
// power-monitor and debug-probe discovery. Nothing is opened; nothing here throws for a strange
// tree: an attribute that cannot be read is left empty, and a device whose IDs are malformed is
// skipped with a note.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tr::usb {

struct UsbInterface {
  std::string name;               // the interface directory, e.g. "1-2:1.0"
  int number = -1;                // bInterfaceNumber (or the digits after the '.'); -1 if unknown
  std::string label;              // the interface string ("CMSIS-DAP v2"), empty if none
  std::vector<std::string> ttys;  // "/dev/ttyACM0" for each tty the interface carries
};

struct UsbDevice {
  std::filesystem::path dir;  // as listed under bus/usb/devices
  std::string path;           // the bus/port path, e.g. "1-2.3" (the directory name)
  std::string vid;            // four lower-case hex digits
  std::string pid;
  std::string serial;
  std::string manufacturer;
  std::string product;
  std::string busnum;
  std::string devpath;                   // "2.3": the port path within the bus
  std::vector<UsbInterface> interfaces;  // in interface-number order

  std::string vid_pid() const { return vid + ":" + pid; }
};

struct UsbScan {
  std::vector<UsbDevice> devices;  // in directory-name order
  std::vector<std::string> notes;  // one line per skipped entry, saying why
};

// Scans `sysfs_root`/bus/usb/devices. Interface entries ("1-2:1.0") and root hubs' missing IDs
// are not devices and are passed over silently; a device directory with an idVendor or idProduct
// that is not four hex digits is skipped with a note.
UsbScan scan_usb_devices(const std::filesystem::path& sysfs_root);

// The attribute file's first line with trailing white space removed; empty if unreadable.
std::string read_attribute(const std::filesystem::path& file);

// The entries of `dir`, sorted by name; empty if it cannot be listed.
std::vector<std::filesystem::path> sorted_entries(const std::filesystem::path& dir);

// True for a USB bus/port path as sysfs and `adapter usb location` spell it: "<bus>-<port>"
// followed by ".<port>" per hub level, all decimal ("1-2", "3-1.4.2").
bool is_usb_path(const std::string& text);

}  // namespace tr::usb
