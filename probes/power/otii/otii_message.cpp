#include "power/otii/otii_message.h"

namespace tr::power::otii {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& where, const std::string& what, std::string_view line) {
  constexpr std::size_t kShown = 160;
  std::string shown(line.substr(0, kShown));
  if (line.size() > kShown) shown += "...";
  throw PowerError(PowerErrc::protocol,
                   where + " sent a message the Otii protocol does not allow (" + what +
                       "): " + shown + "; is this port really an Otii TCP server?");
}

// Strings as themselves, anything else as JSON (trans_id is a string in the official client;
// numbers are accepted and compared as text).
std::string as_text(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace

std::string encode_otii_request(std::string_view cmd, std::string_view trans_id, const json& data) {
  json request = {{"type", "request"}, {"cmd", cmd}};
  if (!trans_id.empty()) request["trans_id"] = trans_id;
  request["data"] = data.is_null() ? json::object() : data;
  std::string line = request.dump();
  line += kLineEnd;
  return line;
}

OtiiMessage parse_otii_message(std::string_view line, const std::string& where) {
  json j = json::parse(line.begin(), line.end(), nullptr, false);
  if (j.is_discarded()) bad(where, "not JSON", line);
  if (!j.is_object()) bad(where, "not a JSON object", line);
  auto type = j.find("type");
  if (type == j.end() || !type->is_string()) bad(where, "no string 'type'", line);

  OtiiMessage m;
  const std::string t = type->get<std::string>();
  if (t == "information")
    m.type = OtiiMessage::Type::information;
  else if (t == "response")
    m.type = OtiiMessage::Type::response;
  else if (t == "progress")
    m.type = OtiiMessage::Type::progress;
  else if (t == "error")
    m.type = OtiiMessage::Type::error;
  else
    bad(where, "unknown type '" + t + "'", line);

  if (auto cmd = j.find("cmd"); cmd != j.end() && cmd->is_string()) {
    m.cmd = cmd->get<std::string>();
  } else if (m.type == OtiiMessage::Type::response || m.type == OtiiMessage::Type::progress) {
    // An error may lack cmd: the server could not parse the request it answers.
    bad(where, "a " + t + " without a string 'cmd'", line);
  }
  if (auto id = j.find("trans_id"); id != j.end() && !id->is_null()) m.trans_id = as_text(*id);
  if (auto data = j.find("data"); data != j.end() && !data->is_null()) {
    if (!data->is_object()) bad(where, "'data' is not an object", line);
    m.data = std::move(*data);
  }
  if (m.type == OtiiMessage::Type::error) {
    auto code = j.find("errorcode");
    if (code == j.end() || !code->is_string()) bad(where, "an error without 'errorcode'", line);
    m.errorcode = code->get<std::string>();
  }
  if (m.type == OtiiMessage::Type::progress) {
    if (auto v = j.find("progress_value"); v != j.end() && v->is_number()) {
      m.progress = v->get<double>();
    }
  }
  return m;
}

std::string describe_otii_error(const OtiiMessage& error) {
  std::string out = "errorcode '" + error.errorcode + "'";
  if (!error.data.empty()) {
    std::string details;
    for (const auto& [key, value] : error.data.items()) {
      if (!details.empty()) details += ", ";
      details += key + "=" + as_text(value);
    }
    out += " (" + details + ")";
  }
  return out;
}

const json& otii_field(const json& data, const char* key, json::value_t type,
                       const std::string& context) {
  auto it = data.find(key);
  bool ok = it != data.end();
  if (ok) {
    switch (type) {
      case json::value_t::number_integer:
      case json::value_t::number_unsigned:
        ok = it->is_number_integer();
        break;
      case json::value_t::number_float:
        ok = it->is_number();
        break;
      default:
        ok = it->type() == type;
    }
  }
  if (!ok) {
    std::string expected = json(type).type_name();
    if (type == json::value_t::number_integer) expected = "integer";
    throw PowerError(PowerErrc::protocol, context + " answer has no " + expected + " '" + key +
                                              "' (data: " + data.dump().substr(0, 160) +
                                              "); an Otii server version we do not know?");
  }
  return *it;
}

std::int64_t otii_int(const json& data, const char* key, const std::string& context) {
  return otii_field(data, key, json::value_t::number_integer, context).get<std::int64_t>();
}

double otii_number(const json& data, const char* key, const std::string& context) {
  return otii_field(data, key, json::value_t::number_float, context).get<double>();
}

bool otii_bool(const json& data, const char* key, const std::string& context) {
  return otii_field(data, key, json::value_t::boolean, context).get<bool>();
}

std::string otii_string(const json& data, const char* key, const std::string& context) {
  return otii_field(data, key, json::value_t::string, context).get<std::string>();
}

}  // namespace tr::power::otii
