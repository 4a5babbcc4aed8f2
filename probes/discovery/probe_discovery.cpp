#include "discovery/probe_discovery.h"

#include "usb/usb_sysfs.h"

namespace tr::probe {

std::string DiscoveredProbe::describe() const {
  std::string s = std::string(to_string(kind));
  if (!model.empty()) s += " " + model;
  s += " " + vid_pid;
  s += serial.empty() ? " (no serial)" : " serial " + serial;
  return s + " at usb " + usb_path;
}

ProbeDiscovery find_debug_probes(const std::filesystem::path& sysfs_root) {
  auto scan = usb::scan_usb_devices(sysfs_root);
  ProbeDiscovery found;
  found.notes = std::move(scan.notes);
  for (const auto& device : scan.devices) {
    const auto identity = identify_probe(device);
    if (!identity) continue;
    DiscoveredProbe p;
    p.kind = identity->kind;
    p.model = identity->model;
    p.vid_pid = device.vid_pid();
    p.serial = device.serial;
    p.manufacturer = device.manufacturer;
    p.product = device.product;
    p.usb_path = device.path;
    for (const auto& intf : device.interfaces) {
      p.ttys.insert(p.ttys.end(), intf.ttys.begin(), intf.ttys.end());
    }
    if (p.serial.empty()) {
      p.note = "reports no serial number: bind it by \"usb_path\": \"" + p.usb_path + "\"";
    }
    found.probes.push_back(std::move(p));
  }
  return found;
}

}  // namespace tr::probe
