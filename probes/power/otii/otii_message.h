// The Otii TCP server's wire format (power-monitors.md §4): one UTF-8 JSON object per message,
// each terminated by "\r\n". Requests carry cmd, an echoed trans_id and a data object; the
// server answers with exactly one response or error per request, may send progress messages
// before it, and greets every connection with an information message.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "power/power_error.h"

namespace tr::power::otii {

inline constexpr std::string_view kLineEnd = "\r\n";

struct OtiiMessage {
  enum class Type { information, response, progress, error };
  Type type = Type::response;
  std::string cmd;                                 // empty for information
  std::string trans_id;                            // empty when absent
  std::string errorcode;                           // error messages only
  double progress = 0.0;                           // progress messages only (progress_value, 0..1)
  nlohmann::json data = nlohmann::json::object();  // "data", or {} when absent
};

// `{"type":"request","cmd":...,"trans_id":...,"data":{...}}` plus "\r\n".
std::string encode_otii_request(std::string_view cmd, std::string_view trans_id,
                                const nlohmann::json& data);

// Parses one line (without "\r\n"). Throws PowerError(protocol) naming `where` and what is
// wrong: not JSON, not an object, unknown type, missing cmd or errorcode.
OtiiMessage parse_otii_message(std::string_view line, const std::string& where);

// "errorcode 'Invalid key type' (key=value, expected_type=number, received_type=string)".
std::string describe_otii_error(const OtiiMessage& error);

// Typed access to a response's data. A missing key or a wrong type throws
// PowerError(protocol) naming `context` (e.g. "the otii at 127.0.0.1:1905's otii_get_devices").
const nlohmann::json& otii_field(const nlohmann::json& data, const char* key,
                                 nlohmann::json::value_t type, const std::string& context);
std::int64_t otii_int(const nlohmann::json& data, const char* key, const std::string& context);
double otii_number(const nlohmann::json& data, const char* key, const std::string& context);
bool otii_bool(const nlohmann::json& data, const char* key, const std::string& context);
std::string otii_string(const nlohmann::json& data, const char* key, const std::string& context);

// An error message answering a request: PowerError(refused) that keeps the server's errorcode
// so callers can tell "Command not valid for device type" from a real failure.
class OtiiCommandError : public PowerError {
 public:
  OtiiCommandError(const std::string& message, std::string cmd, std::string errorcode)
      : PowerError(PowerErrc::refused, message),
        cmd_(std::move(cmd)),
        errorcode_(std::move(errorcode)) {}
  const std::string& cmd() const noexcept { return cmd_; }
  const std::string& errorcode() const noexcept { return errorcode_; }

 private:
  std::string cmd_;
  std::string errorcode_;
};

}  // namespace tr::power::otii
