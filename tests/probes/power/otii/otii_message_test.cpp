#include "power/otii/otii_message.h"

#include <catch2/catch.hpp>

using nlohmann::json;
using tr::power::PowerErrc;
using tr::power::PowerError;
using namespace tr::power::otii;

TEST_CASE("an Otii request is one JSON object ending CR LF with cmd, trans_id and data") {
  const std::string line = encode_otii_request("otii_get_devices", "7", {{"timeout", 10}});
  REQUIRE(line.size() > 2);
  CHECK(line.substr(line.size() - 2) == "\r\n");
  const json j = json::parse(line.substr(0, line.size() - 2));
  CHECK(j == json({{"type", "request"},
                   {"cmd", "otii_get_devices"},
                   {"trans_id", "7"},
                   {"data", {{"timeout", 10}}}}));
}

TEST_CASE("the greeting and responses parse into typed messages") {
  const auto greeting = parse_otii_message(
      R"({"type":"information","info":"connected","data":{"otii_version":"3.5.5",)"
      R"("protocol_version":"0.1","server":"otii-server"}})",
      "otii at test");
  CHECK(greeting.type == OtiiMessage::Type::information);
  CHECK(greeting.data["otii_version"] == "3.5.5");

  const auto response = parse_otii_message(
      R"({"type":"response","cmd":"otii_get_devices","trans_id":"1","data":{"devices":[]}})",
      "otii at test");
  CHECK(response.type == OtiiMessage::Type::response);
  CHECK(response.cmd == "otii_get_devices");
  CHECK(response.trans_id == "1");
  CHECK(response.data["devices"].is_array());

  const auto progress = parse_otii_message(
      R"({"type":"progress","cmd":"project_save","progress_value":0.25,"trans_id":"4"})", "x");
  CHECK(progress.type == OtiiMessage::Type::progress);
  CHECK(progress.progress == Approx(0.25));
}

TEST_CASE("an error message keeps its errorcode and describes its data keys") {
  const auto error = parse_otii_message(
      R"({"type":"error","cmd":"arc_set_main","trans_id":"3","errorcode":"Invalid key type",)"
      R"("data":{"key":"enable","expected_type":"boolean","received_type":"string"}})",
      "otii at test");
  CHECK(error.type == OtiiMessage::Type::error);
  CHECK(error.errorcode == "Invalid key type");
  const std::string text = describe_otii_error(error);
  CHECK_THAT(text, Catch::Contains("'Invalid key type'"));
  CHECK_THAT(text, Catch::Contains("key=enable"));
  CHECK_THAT(text, Catch::Contains("expected_type=boolean"));
}

TEST_CASE("malformed messages are protocol errors that name the server") {
  auto code_of = [](const std::string& line) {
    try {
      parse_otii_message(line, "otii at 127.0.0.1:1905");
    } catch (const PowerError& e) {
      CHECK_THAT(e.what(), Catch::Contains("127.0.0.1:1905"));
      return e.code();
    }
    return PowerErrc::config;  // not thrown: fails the checks below
  };
  CHECK(code_of("not json") == PowerErrc::protocol);
  CHECK(code_of("[1,2]") == PowerErrc::protocol);
  CHECK(code_of(R"({"type":"surprise","cmd":"x"})") == PowerErrc::protocol);
  CHECK(code_of(R"({"type":"response","trans_id":"1"})") == PowerErrc::protocol);
  CHECK(code_of(R"({"type":"error","cmd":"x","trans_id":"1"})") == PowerErrc::protocol);
  CHECK(code_of(R"({"type":"response","cmd":"x","data":[1]})") == PowerErrc::protocol);
}

TEST_CASE("typed field access names the missing key and the command") {
  const json data = {{"count", 5}, {"name", "x"}};
  CHECK(otii_int(data, "count", "ctx") == 5);
  CHECK(otii_string(data, "name", "ctx") == "x");
  try {
    otii_bool(data, "running", "the otii's recording_is_running");
    FAIL("no throw");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::protocol);
    CHECK_THAT(e.what(), Catch::Contains("recording_is_running"));
    CHECK_THAT(e.what(), Catch::Contains("'running'"));
  }
  CHECK_THROWS_AS(otii_int(data, "name", "ctx"), PowerError);
}
