#include "discovery/probe_binding.h"

#include "debug/probe_error.h"

namespace tr::probe {
namespace {

std::string listing(const std::vector<const DiscoveredProbe*>& probes) {
  std::string s;
  for (const auto* p : probes) s += "\n  " + p->describe();
  return s;
}

}  // namespace

std::string ProbeSelector::describe() const {
  std::string s;
  if (!serial.empty()) s += "serial " + serial;
  if (!usb_path.empty()) s += (s.empty() ? "" : ", ") + std::string("usb_path ") + usb_path;
  return s.empty() ? "(empty selector)" : s;
}

bool ProbeSelector::matches(const DiscoveredProbe& probe) const {
  if (serial.empty() && usb_path.empty()) return false;
  if (!serial.empty() && probe.serial != serial) return false;
  if (!usb_path.empty() && probe.usb_path != usb_path) return false;
  return true;
}

DiscoveredProbe bind_probe(const std::string& board, const ProbeSelector& selector,
                           const std::vector<DiscoveredProbe>& connected) {
  const std::string who = "board '" + board + "' (probe " + selector.describe() + ")";
  if (selector.serial.empty() && selector.usb_path.empty()) {
    throw ProbeError(ProbeErrc::binding,
                     who + ": the selector names neither a serial nor a usb_path");
  }
  std::vector<const DiscoveredProbe*> all, matching;
  for (const auto& p : connected) {
    all.push_back(&p);
    if (selector.matches(p)) matching.push_back(&p);
  }
  if (matching.size() == 1) return *matching.front();
  if (matching.empty()) {
    if (all.empty()) {
      throw ProbeError(ProbeErrc::binding,
                       who +
                           ": no debug probe is connected (check the USB cable and that "
                           "`tinyrack probes` lists it)");
    }
    throw ProbeError(ProbeErrc::binding,
                     who + ": no connected debug probe matches; connected:" + listing(all));
  }
  throw ProbeError(ProbeErrc::binding,
                   who + ": " + std::to_string(matching.size()) +
                       " connected probes match (probes that share a serial number can only be "
                       "told apart by where they are plugged in); add \"usb_path\" to the "
                       "board's probe to pick one:" +
                       listing(matching));
}

}  // namespace tr::probe
