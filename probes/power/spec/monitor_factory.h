// make_monitor: a parsed MonitorSpec turned into its driver, with the spec's options mapped
// onto the driver's Options (everything not in the spec keeps the driver's default). Kept apart
// from the parser (library tr_power_factory) so the config layer can check specs without
// linking every driver.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>

#include "power/power_monitor.h"
#include "power/spec/monitor_spec.h"

namespace tr::power {

// The monitor the spec names, not yet opened. `modelled` is PowerError(config): the harness
// builds that one from the board's power profile. Drivers may throw PowerError(config) for
// options they reject (their messages name the device).
std::unique_ptr<PowerMonitor> make_monitor(boost::asio::any_io_executor executor,
                                           const MonitorSpec& spec);

}  // namespace tr::power
