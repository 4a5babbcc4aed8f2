// Binding a rack's board to one physical debug probe. A board names its probe by serial number
// and/or USB bus path (openocd-pyocd.md §5: VID:PID never identifies a board, and tty numbers
// move between boots); bind_probe() finds exactly one connected probe that matches, or says
// why not.
#pragma once

#include <string>
#include <vector>

#include "discovery/probe_discovery.h"

namespace tr::probe {

// A rack board's "probe": {"serial": "...", "usb_path": "1-2.3"}. At least one is set; an
// empty field is not part of the match.
struct ProbeSelector {
  std::string serial;
  std::string usb_path;

  // "serial 0670FF..., usb_path 1-2.3".
  std::string describe() const;
  bool matches(const DiscoveredProbe& probe) const;
};

// The one probe in `connected` that `selector` matches. Throws ProbeError(binding) naming
// `board` when none matches (listing what is connected) or when several do (naming them and
// asking for the USB path).
DiscoveredProbe bind_probe(const std::string& board, const ProbeSelector& selector,
                           const std::vector<DiscoveredProbe>& connected);

}  // namespace tr::probe
