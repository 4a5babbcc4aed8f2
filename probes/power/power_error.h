// Errors of the power-monitor layer: one enum, one std::error_code category, one exception.
#pragma once

#include <stdexcept>
#include <string>
#include <system_error>

namespace tr::power {

enum class PowerErrc {
  timeout = 1,   // the device did not answer or stopped streaming within its deadline
  disconnected,  // the device vanished mid-session (unplugged, port closed, server gone)
  protocol,      // the device sent something its protocol does not allow
  refused,       // the device answered with an error (LPM01A `error`, Otii errorcode, ...)
  unsupported,   // the operation does not exist on this monitor (supply control, markers)
  config,        // a monitor spec, sysfs tree or argument is malformed or names nothing
};

const std::error_category& power_category() noexcept;
std::error_code make_error_code(PowerErrc e) noexcept;

// Thrown by everything in tr::power. The message names the device (port, address or path),
// what failed, and what to try next.
class PowerError : public std::runtime_error {
 public:
  PowerError(PowerErrc code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  PowerErrc code() const noexcept { return code_; }

 private:
  PowerErrc code_;
};

}  // namespace tr::power

template <>
struct std::is_error_code_enum<tr::power::PowerErrc> : std::true_type {};
