#include "power/spec/monitor_factory.h"

#include <cstdint>
#include <string>

#include "power/hwmon/hwmon_monitor.h"
#include "power/lpm01a/lpm01a_monitor.h"
#include "power/otii/otii_monitor.h"
#include "power/power_error.h"
#include "power/ppk2/ppk2_monitor.h"

namespace tr::power {
namespace {

std::unique_ptr<PowerMonitor> make_ppk2(boost::asio::any_io_executor ex, const MonitorSpec& s) {
  ppk2::Ppk2Options o;
  o.port = s.address;
  if (s.option("mode") == "ampere") o.mode = ppk2::Ppk2Mode::ampere;
  o.volts = s.number("volts", o.volts);
  o.marker_pin = static_cast<int>(s.number("pin", o.marker_pin));
  return std::make_unique<ppk2::Ppk2Monitor>(std::move(ex), std::move(o));
}

std::unique_ptr<PowerMonitor> make_lpm01a(boost::asio::any_io_executor ex, const MonitorSpec& s) {
  Lpm01aOptions o;
  o.path = s.address;
  o.volts = s.number("volts", o.volts);
  o.rate_hz = s.number("rate", o.rate_hz);
  return std::make_unique<Lpm01aMonitor>(std::move(ex), std::move(o));
}

std::unique_ptr<PowerMonitor> make_otii(boost::asio::any_io_executor ex, const MonitorSpec& s) {
  otii::OtiiOptions o;
  // HOST[:PORT], checked by the parser.
  auto colon = s.address.rfind(':');
  o.host = s.address.substr(0, colon);
  if (colon != std::string::npos) {
    o.port = static_cast<std::uint16_t>(std::stoul(s.address.substr(colon + 1)));
  }
  if (auto device = s.option("device")) o.device_id = *device;
  if (auto gpi = s.option("gpi")) o.marker_channel = *gpi == "none" ? "" : *gpi;
  return std::make_unique<otii::OtiiMonitor>(std::move(ex), std::move(o));
}

std::unique_ptr<PowerMonitor> make_hwmon(boost::asio::any_io_executor ex, const MonitorSpec& s) {
  hwmon::HwmonOptions o;
  o.device = s.address;  // hwmonN, a chip name or an absolute path: the driver resolves it
  if (auto interval = s.option("interval")) {
    o.update_interval_ms = static_cast<int>(s.number("interval", 0));
  }
  return std::make_unique<hwmon::HwmonMonitor>(std::move(ex), std::move(o));
}

}  // namespace

std::unique_ptr<PowerMonitor> make_monitor(boost::asio::any_io_executor executor,
                                           const MonitorSpec& spec) {
  switch (spec.kind) {
    case MonitorKind::ppk2:
      return make_ppk2(std::move(executor), spec);
    case MonitorKind::lpm01a:
      return make_lpm01a(std::move(executor), spec);
    case MonitorKind::otii:
      return make_otii(std::move(executor), spec);
    case MonitorKind::hwmon:
      return make_hwmon(std::move(executor), spec);
    case MonitorKind::modelled:
      break;
  }
  throw PowerError(PowerErrc::config,
                   "monitor spec '" + to_string(spec) +
                       "': the modelled monitor belongs to an emulated board in a rack; it "
                       "cannot be opened on its own (use a measured monitor here)");
}

}  // namespace tr::power
