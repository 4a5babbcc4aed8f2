#include "power/otii/otii_sim_backend.h"

#include "power/otii/otii_message.h"

namespace tr::power::otii {
using nlohmann::json;

namespace {

// Commands that work without a login or licence.
const std::set<std::string> kLicensing = {"otii_is_logged_in",    "otii_login",
                                          "otii_logout",          "otii_get_licenses",
                                          "otii_reserve_license", "otii_return_license"};

std::string type_name_of(const json& value) {
  if (value.is_number_integer()) return "integer";
  return value.type_name();
}

std::string line_of(const json& message) {
  return message.dump() + std::string(kLineEnd);
}

}  // namespace

OtiiSimBackend::OtiiSimBackend(OtiiSimulatorOptions options, clock::time_point now)
    : options_(std::move(options)),
      logged_in_(options_.logged_in),
      license_reserved_(options_.logged_in),
      main_volts_(options_.waveform.volts) {
  if (options_.stale_recording) {
    // What a crashed session leaves behind: its project open, its recording still running.
    project_id_ = next_project_++;
    main_on_ = true;
    enabled_ = {"mc", "mv", "i1"};
    recordings_.push_back(
        std::make_unique<OtiiSimRecording>(1, options_.waveform, options_.sample_rate_hz,
                                           options_.marker_pulse_s, enabled_, true, main_volts_));
    current_ = recordings_.back().get();
    recording_started_ = now;
  }
}

std::string OtiiSimBackend::greeting() const {
  return line_of({{"type", "information"},
                  {"info", "connected"},
                  {"data",
                   {{"otii_version", options_.otii_version},
                    {"protocol_version", "0.1"},
                    {"server", "otii-server"}}}});
}

bool OtiiSimBackend::take_recording_started() {
  bool was = started_flag_;
  started_flag_ = false;
  return was;
}

void OtiiSimBackend::unplug(clock::time_point now) {
  if (recording()) current_->stop(since_recording_start(now));
}

double OtiiSimBackend::since_recording_start(clock::time_point now) const {
  return std::chrono::duration<double>(now - recording_started_).count();
}

std::vector<std::string> OtiiSimBackend::handle(std::string_view line, clock::time_point now) {
  json reply = {{"type", "error"}};
  json request = json::parse(line.begin(), line.end(), nullptr, false);
  try {
    if (request.is_discarded() || !request.is_object()) {
      throw Failure{"Not able to parse request",
                    {{"parse_error", request.is_discarded() ? "not JSON" : "not an object"},
                     {"data", std::string(line.substr(0, 200))}}};
    }
    if (auto id = request.find("trans_id"); id != request.end()) reply["trans_id"] = *id;
    const json& type = need(request, "type", "string");
    if (type != "request") throw Failure{"Invalid key value", {{"key", "type"}, {"value", type}}};
    const std::string cmd = need(request, "cmd", "string").get<std::string>();
    reply["cmd"] = cmd;
    json data = json::object();
    if (auto d = request.find("data"); d != request.end() && !d->is_null()) {
      data = need(request, "data", "object");
    }
    auto handler = handlers().find(cmd);
    if (handler == handlers().end()) throw Failure{"Invalid command", json::object()};
    if (kLicensing.count(cmd) == 0) require_license();

    std::vector<std::string> out;
    if (options_.progress_messages &&
        (cmd == "otii_get_devices" || cmd == "project_stop_recording")) {
      json progress = {{"type", "progress"}, {"cmd", cmd}, {"progress_value", 0.5}};
      if (reply.contains("trans_id")) progress["trans_id"] = reply["trans_id"];
      out.push_back(line_of(progress));
    }
    now_ = now;
    const double t = since_recording_start(now);
    json result = (this->*(handler->second))(data, t);
    reply["type"] = "response";
    if (!result.empty()) reply["data"] = std::move(result);
    out.push_back(line_of(reply));
    return out;
  } catch (const Failure& f) {
    reply["type"] = "error";
    reply["errorcode"] = f.errorcode;
    if (!f.data.empty()) reply["data"] = f.data;
    return {line_of(reply)};
  }
}

const json& OtiiSimBackend::need(const json& data, const char* key, const char* type) {
  auto it = data.find(key);
  if (it == data.end()) throw Failure{"Missing key in request", {{"key", key}}};
  const std::string want = type;
  const bool ok = want == "number"    ? it->is_number()
                  : want == "integer" ? it->is_number_integer()
                  : want == "string"  ? it->is_string()
                  : want == "boolean" ? it->is_boolean()
                                      : it->is_object();
  if (!ok) {
    throw Failure{"Invalid key type",
                  {{"key", key}, {"expected_type", want}, {"received_type", type_name_of(*it)}}};
  }
  return *it;
}

void OtiiSimBackend::require_license() const {
  if (!logged_in_) throw Failure{"Not logged in", json::object()};
  if (!license_reserved_) throw Failure{"No license", json::object()};
}

void OtiiSimBackend::require_device(const json& data) const {
  const json& id = need(data, "device_id", "string");
  if (id != options_.device_id) throw Failure{"Device not connected", {{"device_id", id}}};
}

void OtiiSimBackend::require_project(const json& data) const {
  const json& id = need(data, "project_id", "integer");
  if (project_id_ == -1 || id.get<std::int64_t>() != project_id_) {
    throw Failure{"Project does not exist", json::object()};
  }
}

const OtiiSimRecording& OtiiSimBackend::recording_of(const json& data) const {
  require_device(data);
  const std::int64_t id = need(data, "recording_id", "integer").get<std::int64_t>();
  for (const auto& r : recordings_) {
    if (r->id() == id) return *r;
  }
  throw Failure{"Invalid key value", {{"key", "recording_id"}, {"value", id}}};
}

const std::map<std::string, OtiiSimBackend::Handler>& OtiiSimBackend::handlers() {
  static const std::map<std::string, Handler> table = {
      {"otii_is_logged_in", &OtiiSimBackend::is_logged_in},
      {"otii_login", &OtiiSimBackend::login},
      {"otii_logout", &OtiiSimBackend::logout},
      {"otii_get_licenses", &OtiiSimBackend::get_licenses},
      {"otii_reserve_license", &OtiiSimBackend::reserve_license},
      {"otii_return_license", &OtiiSimBackend::return_license},
      {"otii_get_devices", &OtiiSimBackend::get_devices},
      {"otii_get_active_project", &OtiiSimBackend::get_active_project},
      {"otii_create_project", &OtiiSimBackend::create_project},
      {"arc_set_main_voltage", &OtiiSimBackend::set_main_voltage},
      {"arc_get_main_voltage", &OtiiSimBackend::get_main_voltage},
      {"arc_set_main", &OtiiSimBackend::set_main},
      {"arc_get_main", &OtiiSimBackend::get_main},
      {"arc_enable_channel", &OtiiSimBackend::enable_channel},
      {"arc_set_channel_samplerate", &OtiiSimBackend::set_channel_samplerate},
      {"arc_get_version", &OtiiSimBackend::get_version},
      {"arc_is_connected", &OtiiSimBackend::is_connected},
      {"project_start_recording", &OtiiSimBackend::start_recording},
      {"project_stop_recording", &OtiiSimBackend::stop_recording},
      {"project_get_last_recording", &OtiiSimBackend::get_last_recording},
      {"recording_is_running", &OtiiSimBackend::is_running},
      {"recording_get_channel_info", &OtiiSimBackend::channel_info},
      {"recording_get_channel_data_count", &OtiiSimBackend::channel_data_count},
      {"recording_get_channel_data", &OtiiSimBackend::channel_data},
  };
  return table;
}

// --- licensing ---

json OtiiSimBackend::is_logged_in(const json&, double) {
  return {{"logged_in", logged_in_}};
}

json OtiiSimBackend::login(const json& data, double) {
  const json& user = need(data, "username", "string");
  const json& password = need(data, "password", "string");
  if (user != options_.username || password != options_.password) {
    throw Failure{"Could not login", json::object()};
  }
  logged_in_ = true;
  return json::object();
}

json OtiiSimBackend::logout(const json&, double) {
  logged_in_ = false;
  license_reserved_ = false;
  return json::object();
}

json OtiiSimBackend::get_licenses(const json&, double) {
  if (!logged_in_) throw Failure{"Not logged in", json::object()};
  const bool free = options_.license_available && !license_reserved_;
  json license = {{"id", kLicenseId},
                  {"type", "Pro"},
                  {"available", free},
                  {"reserved_to", free || license_reserved_ ? "" : "someone@elsewhere"},
                  {"hostname", ""},
                  {"addons", json::array({{{"id", "Automation"}, {"attributes", nullptr}}})}};
  return {{"licenses", json::array({license})}};
}

json OtiiSimBackend::reserve_license(const json& data, double) {
  if (!logged_in_) throw Failure{"Not logged in", json::object()};
  const json& id = need(data, "license_id", "integer");
  if (id != kLicenseId) throw Failure{"Invalid key value", {{"key", "license_id"}, {"value", id}}};
  if (!options_.license_available) throw Failure{"License could not be reserved", json::object()};
  license_reserved_ = true;
  return json::object();
}

json OtiiSimBackend::return_license(const json& data, double) {
  const json& id = need(data, "license_id", "integer");
  if (id != kLicenseId || !license_reserved_) {
    throw Failure{"License could not be returned", json::object()};
  }
  license_reserved_ = false;
  return json::object();
}

// --- devices and projects ---

json OtiiSimBackend::get_devices(const json& data, double) {
  if (data.contains("timeout")) need(data, "timeout", "number");
  return {{"devices", json::array({{{"device_id", options_.device_id},
                                    {"name", options_.device_name},
                                    {"type", "Simulator"}}})}};
}

json OtiiSimBackend::get_active_project(const json&, double) {
  return {{"project_id", project_id_}};
}

json OtiiSimBackend::create_project(const json&, double) {
  if (recording()) throw Failure{"Not ready", json::object()};
  project_id_ = next_project_++;
  return {{"project_id", project_id_}};
}

}  // namespace tr::power::otii
