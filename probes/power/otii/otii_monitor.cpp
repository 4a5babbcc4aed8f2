#include "power/otii/otii_monitor.h"

#include <boost/asio/use_awaitable.hpp>

namespace tr::power::otii {
namespace asio = boost::asio;
using asio::awaitable;
using nlohmann::json;

namespace {

// A licence usable for scripting: type Automation, or an Automation add-on.
bool has_automation(const json& license) {
  if (license.value("type", json()) == "Automation") return true;
  auto addons = license.find("addons");
  if (addons == license.end() || !addons->is_array()) return false;
  for (const json& addon : *addons) {
    if (addon.is_object() && addon.value("id", json()) == "Automation") return true;
  }
  return false;
}

std::string list_devices(const json& devices) {
  std::string out;
  for (const json& d : devices) {
    if (!out.empty()) out += ", ";
    out += d.value("device_id", std::string("?")) + " (" + d.value("type", std::string("?")) +
           " '" + d.value("name", std::string("?")) + "')";
  }
  return out.empty() ? "none" : out;
}

}  // namespace

OtiiMonitor::OtiiMonitor(asio::any_io_executor executor, OtiiOptions options)
    : options_(std::move(options)),
      connection_(executor),
      poll_timer_(executor),
      poll_done_(executor) {}

OtiiMonitor::~OtiiMonitor() {
  connection_.close();
}

awaitable<json> OtiiMonitor::call(std::string cmd, json data) {
  co_return co_await connection_.request(std::move(cmd), std::move(data), options_.request_timeout);
}

void OtiiMonitor::require_open(const char* what) const {
  if (!open_) {
    throw PowerError(PowerErrc::config, std::string(what) + " on " + description() +
                                            " before open(); open the monitor first");
  }
}

awaitable<void> OtiiMonitor::open() {
  if (open_) co_return;
  session_notes_.clear();
  json greeting =
      co_await connection_.connect(options_.host, options_.port, options_.connect_timeout);
  otii_version_ = greeting.value("otii_version", std::string());
  if (!otii_version_.empty()) session_notes_.emplace_back("otii_version", otii_version_);
  co_await sign_in();
  co_await pick_device();
  co_await prepare_project();
  co_await enable_channels();
  json main_voltage = co_await call("arc_get_main_voltage", device());
  supply_v_ =
      otii_number(main_voltage, "value", "the " + connection_.where() + "'s arc_get_main_voltage");
  open_ = true;
}

awaitable<void> OtiiMonitor::sign_in() {
  const std::string context = "the " + connection_.where() + "'s otii_is_logged_in";
  if (otii_bool(co_await call("otii_is_logged_in", json::object()), "logged_in", context)) {
    co_return;
  }
  if (!options_.username || !options_.password) {
    throw PowerError(PowerErrc::refused,
                     "the " + connection_.where() +
                         " is not logged in to an Otii account (scripting needs an Automation "
                         "licence); give the monitor a username and password, or log in once "
                         "in the Otii app");
  }
  try {
    json credentials = {{"username", *options_.username}, {"password", *options_.password}};
    co_await call("otii_login", std::move(credentials));
  } catch (const OtiiCommandError& e) {
    throw OtiiCommandError(std::string(e.what()) + "; check the Otii username and password",
                           e.cmd(), e.errorcode());
  }
  logged_in_by_us_ = true;
  json data = co_await call("otii_get_licenses", json::object());
  const json& licenses = otii_field(data, "licenses", json::value_t::array,
                                    "the " + connection_.where() + "'s otii_get_licenses");
  std::string seen;
  for (const json& license : licenses) {
    if (!license.is_object()) continue;
    const std::string id = license.value("id", json()).dump();
    seen += (seen.empty() ? "" : ", ") + id + " " + license.value("type", std::string("?")) +
            (license.value("available", false)
                 ? " available"
                 : " reserved by " + license.value("reserved_to", std::string("someone else")));
    if (!has_automation(license) || !license.value("available", false)) continue;
    if (!license["id"].is_number_integer()) continue;
    const std::int64_t license_id = license["id"].get<std::int64_t>();
    json reserve = {{"license_id", license_id}};
    co_await call("otii_reserve_license", std::move(reserve));
    reserved_license_ = license_id;
    session_notes_.emplace_back("license", "reserved licence " + std::to_string(license_id));
    co_return;
  }
  throw PowerError(PowerErrc::refused,
                   "the " + connection_.where() + " account '" + *options_.username +
                       "' has no free licence with the Automation add-on (licences: " +
                       (seen.empty() ? "none" : seen) +
                       "); return it on the machine that holds it, or add one");
}

awaitable<void> OtiiMonitor::pick_device() {
  const std::string context = "the " + connection_.where() + "'s otii_get_devices";
  json search = {{"timeout", options_.device_search_s}};
  json data = co_await connection_.request(
      "otii_get_devices", std::move(search),
      options_.request_timeout + std::chrono::seconds(options_.device_search_s));
  const json& devices = otii_field(data, "devices", json::value_t::array, context);
  const json* chosen = nullptr;
  if (!options_.device_id.empty()) {
    for (const json& d : devices) {
      if (d.is_object() && d.value("device_id", json()) == options_.device_id) chosen = &d;
    }
    if (chosen == nullptr) {
      throw PowerError(PowerErrc::config, "the " + connection_.where() + " has no device '" +
                                              options_.device_id +
                                              "'; it lists: " + list_devices(devices));
    }
  } else if (devices.empty()) {
    throw PowerError(PowerErrc::disconnected,
                     "the " + connection_.where() +
                         " lists no devices; is the Arc/Ace plugged in and shown in the Otii app?");
  } else if (devices.size() > 1) {
    throw PowerError(PowerErrc::config, "the " + connection_.where() + " lists " +
                                            std::to_string(devices.size()) + " devices (" +
                                            list_devices(devices) + "); choose one by device_id");
  } else {
    chosen = &devices[0];
  }
  device_id_ = otii_string(*chosen, "device_id", context);
  device_name_ = chosen->value("name", std::string());
  device_type_ = chosen->value("type", std::string());
}

awaitable<void> OtiiMonitor::prepare_project() {
  const std::string where = "the " + connection_.where() + "'s ";
  json active = co_await call("otii_get_active_project", json::object());
  project_id_ = otii_int(active, "project_id", where + "otii_get_active_project");
  if (project_id_ == -1) {
    json created = co_await call("otii_create_project", json::object());
    project_id_ = otii_int(created, "project_id", where + "otii_create_project");
    co_return;
  }
  // A session that crashed mid-capture leaves its recording running: stop it, or starting a
  // new one may be refused and the old one keeps growing.
  json last = co_await call("project_get_last_recording", project());
  const std::int64_t recording =
      otii_int(last, "recording_id", where + "project_get_last_recording");
  if (recording == -1) co_return;
  json which = {{"recording_id", recording}};
  json running = co_await call("recording_is_running", std::move(which));
  if (otii_bool(running, "running", where + "recording_is_running")) {
    co_await call("project_stop_recording", project());
    session_notes_.emplace_back(
        "stale_recording",
        "stopped recording " + std::to_string(recording) + " left running by an earlier session");
  }
}

awaitable<void> OtiiMonitor::enable_channels() {
  std::vector<std::string> channels = {"mc"};
  if (options_.voltage) channels.push_back("mv");
  if (!options_.marker_channel.empty()) channels.push_back(options_.marker_channel);
  for (const std::string& channel : channels) {
    json enable = device();
    enable["channel"] = channel;
    enable["enable"] = true;
    co_await call("arc_enable_channel", std::move(enable));
  }
}

awaitable<void> OtiiMonitor::close() {
  if (capturing_) {
    try {
      co_await stop();
    } catch (const PowerError&) {
      // Closing anyway; the capture is being discarded.
    }
  }
  if (connection_.usable()) {
    try {
      if (reserved_license_) {
        json license = {{"license_id", *reserved_license_}};
        co_await call("otii_return_license", std::move(license));
      }
      if (logged_in_by_us_) co_await call("otii_logout", json::object());
    } catch (const PowerError&) {
      // The server forgets a dropped client's reservation anyway; nothing else to undo.
    }
  }
  reserved_license_.reset();
  logged_in_by_us_ = false;
  connection_.close();
  open_ = false;
}

awaitable<void> OtiiMonitor::set_supply(bool on, std::optional<double> volts) {
  require_open("set_supply()");
  if (volts) {
    json voltage = device();
    voltage["value"] = *volts;
    co_await call("arc_set_main_voltage", std::move(voltage));
    supply_v_ = *volts;
  }
  json main = device();
  main["enable"] = on;
  co_await call("arc_set_main", std::move(main));
}

MonitorCapabilities OtiiMonitor::capabilities() const {
  MonitorCapabilities c;
  c.markers = !options_.marker_channel.empty();
  c.supply_control = true;
  c.voltage = options_.voltage;
  c.max_rate_hz = trace_.rate_hz > 0.0 ? trace_.rate_hz : 4000.0;  // Arc main current
  c.per_inference_energy = true;
  return c;
}

std::string OtiiMonitor::description() const {
  std::string d = "otii";
  if (!device_id_.empty()) d += " " + device_type_ + " " + device_id_;
  return d + " at " + options_.host + ":" + std::to_string(options_.port);
}

}  // namespace tr::power::otii
