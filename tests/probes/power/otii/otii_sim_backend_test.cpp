// The simulator's protocol behaviour, driven without sockets at chosen times.
#include "power/otii/otii_sim_backend.h"

#include <catch2/catch.hpp>
#include <chrono>

using nlohmann::json;
using namespace tr::power::otii;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

// Sends one request; returns every message the backend answered with.
std::vector<json> ask(OtiiSimBackend& b, const json& request, Clock::time_point now) {
  std::vector<json> out;
  for (const std::string& line : b.handle(request.dump(), now)) {
    REQUIRE(line.size() > 2);
    REQUIRE(line.substr(line.size() - 2) == "\r\n");
    out.push_back(json::parse(line.substr(0, line.size() - 2)));
  }
  return out;
}

json request(const std::string& cmd, json data = json::object(), const std::string& id = "9") {
  return {{"type", "request"}, {"cmd", cmd}, {"trans_id", id}, {"data", std::move(data)}};
}

// The single final message (response or error) for a request.
json last(OtiiSimBackend& b, const json& r, Clock::time_point now) {
  return ask(b, r, now).back();
}

}  // namespace

TEST_CASE("the simulator greets with information and echoes cmd and trans_id") {
  OtiiSimBackend b({}, Clock::now());
  const json greeting = json::parse(b.greeting().substr(0, b.greeting().size() - 2));
  CHECK(greeting["type"] == "information");
  CHECK(greeting["data"]["otii_version"] == "3.5.5");

  const auto answers = ask(b, request("otii_get_devices", {{"timeout", 1}}, "42"), Clock::now());
  REQUIRE(answers.size() == 2);  // progress, then the response
  CHECK(answers[0]["type"] == "progress");
  CHECK(answers[0]["trans_id"] == "42");
  CHECK(answers[1]["type"] == "response");
  CHECK(answers[1]["cmd"] == "otii_get_devices");
  CHECK(answers[1]["trans_id"] == "42");
  CHECK(answers[1]["data"]["devices"][0]["type"] == "Simulator");
}

TEST_CASE("bad requests get the Otii errorcodes with their data keys") {
  OtiiSimBackend b({}, Clock::now());
  const auto now = Clock::now();

  json e = last(b, request("otii_make_coffee"), now);
  CHECK(e["type"] == "error");
  CHECK(e["cmd"] == "otii_make_coffee");
  CHECK(e["errorcode"] == "Invalid command");

  e = last(b, request("arc_set_main", {{"device_id", "SIM-0001"}}), now);
  CHECK(e["errorcode"] == "Missing key in request");
  CHECK(e["data"]["key"] == "enable");

  e = last(b, request("arc_set_main", {{"device_id", "SIM-0001"}, {"enable", "yes"}}), now);
  CHECK(e["errorcode"] == "Invalid key type");
  CHECK(e["data"] ==
        json({{"key", "enable"}, {"expected_type", "boolean"}, {"received_type", "string"}}));

  e = last(b, request("arc_set_main", {{"device_id", "ARC-9"}, {"enable", true}}), now);
  CHECK(e["errorcode"] == "Device not connected");
  CHECK(e["data"]["device_id"] == "ARC-9");

  e = last(b, request("arc_set_main_voltage", {{"device_id", "SIM-0001"}, {"value", 9.0}}), now);
  CHECK(e["errorcode"] == "Invalid key value");

  const auto parse = b.handle("{not json", now);
  REQUIRE(parse.size() == 1);
  CHECK(json::parse(parse[0].substr(0, parse[0].size() - 2))["errorcode"] ==
        "Not able to parse request");
}

TEST_CASE("a server that is not logged in refuses device commands until login and licence") {
  OtiiSimulatorOptions o;
  o.logged_in = false;
  OtiiSimBackend b(o, Clock::now());
  const auto now = Clock::now();
  CHECK(last(b, request("otii_is_logged_in"), now)["data"]["logged_in"] == false);
  CHECK(last(b, request("otii_get_devices"), now)["errorcode"] == "Not logged in");
  CHECK(last(b, request("otii_login", {{"username", "tinyrack"}, {"password", "nope"}}),
             now)["errorcode"] == "Could not login");
  CHECK(last(b, request("otii_login", {{"username", "tinyrack"}, {"password", "tinyrack"}}),
             now)["type"] == "response");
  CHECK(last(b, request("otii_get_devices"), now)["errorcode"] == "No license");
  const json licenses = last(b, request("otii_get_licenses"), now)["data"]["licenses"];
  REQUIRE(licenses.size() == 1);
  CHECK(licenses[0]["available"] == true);
  CHECK(last(b, request("otii_reserve_license", {{"license_id", licenses[0]["id"]}}),
             now)["type"] == "response");
  CHECK(last(b, request("otii_get_devices"), now)["type"] == "response");
}

TEST_CASE("a recording integrates the waveform at the channel rate with i1 edges at markers") {
  OtiiSimulatorOptions o;  // default waveform: bursts at 20 ms + k * 100 ms, 40 ms long
  OtiiSimBackend b(o, Clock::now());
  const auto t0 = Clock::now();
  const json dev = {{"device_id", "SIM-0001"}};
  const std::int64_t project = last(b, request("otii_create_project"), t0)["data"]["project_id"];
  for (const char* ch : {"mc", "mv", "i1"}) {
    json d = dev;
    d["channel"] = ch;
    d["enable"] = true;
    REQUIRE(last(b, request("arc_enable_channel", d), t0)["type"] == "response");
  }
  json on = dev;
  on["enable"] = true;
  REQUIRE(last(b, request("arc_set_main", on), t0)["type"] == "response");
  REQUIRE(last(b, request("project_start_recording", {{"project_id", project}}), t0)["type"] ==
          "response");
  CHECK(b.take_recording_started());

  const auto t1 = t0 + 500ms;
  const std::int64_t rec = last(b, request("project_get_last_recording", {{"project_id", project}}),
                                t1)["data"]["recording_id"];
  json q = dev;
  q["recording_id"] = rec;
  q["channel"] = "mc";
  CHECK(last(b, request("recording_get_channel_data_count", q), t1)["data"]["count"] == 2000);
  CHECK(last(b, request("recording_get_channel_info", q), t1)["data"]["sample_rate"] == 4000.0);

  q["index"] = 79;
  q["count"] = 3;  // samples 79 (idle), 80 and 81 (the burst starts at 20 ms = sample 80)
  const json mc = last(b, request("recording_get_channel_data", q), t1)["data"];
  CHECK(mc["data_type"] == "analog");
  CHECK(mc["interval"] == Approx(0.00025));
  CHECK(mc["values"][0] == Approx(o.waveform.idle_a));
  CHECK(mc["values"][1] == Approx(o.waveform.mean_current(0.02, 0.02025)));

  q["count"] = OtiiSimBackend::kMaxChunk + 1;
  const json too_large = last(b, request("recording_get_channel_data", q), t1);
  CHECK(too_large["errorcode"] == "Request too large");
  CHECK(too_large["data"]["max_size"] == OtiiSimBackend::kMaxChunk);

  json edges = dev;
  edges["recording_id"] = rec;
  edges["channel"] = "i1";
  const std::int64_t n =
      last(b, request("recording_get_channel_data_count", edges), t1)["data"]["count"];
  CHECK(n == 1 + 2 * 10);  // the start level, then 10 pulses (5 bursts x start and end)
  edges["index"] = 0;
  edges["count"] = n;
  const json i1 = last(b, request("recording_get_channel_data", edges), t1)["data"];
  CHECK(i1["data_type"] == "digital");
  CHECK(i1["values"][0]["value"] == true);
  CHECK(i1["values"][1]["value"] == false);
  CHECK(i1["values"][1]["timestamp"] == Approx(0.020));
  CHECK(i1["values"][3]["timestamp"] == Approx(0.060));

  // Stopping freezes the counts; a second recording may start.
  REQUIRE(last(b, request("project_stop_recording", {{"project_id", project}}), t1)["type"] ==
          "response");
  CHECK(last(b, request("recording_get_channel_data_count", q), t1 + 1s)["data"]["count"] == 2000);
}

TEST_CASE("a stale recording from a crashed session is running at start and blocks a new one") {
  OtiiSimulatorOptions o;
  o.stale_recording = true;
  OtiiSimBackend b(o, Clock::now());
  const auto now = Clock::now();
  CHECK(last(b, request("otii_get_active_project"), now)["data"]["project_id"] == 1);
  CHECK(last(b, request("recording_is_running", {{"recording_id", 1}}), now)["data"]["running"] ==
        true);
  const json refused = last(b, request("project_start_recording", {{"project_id", 1}}), now);
  CHECK(refused["errorcode"] == "Command failure");
}
