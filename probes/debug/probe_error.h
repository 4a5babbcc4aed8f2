// Errors of the debug-probe layer: one enum, one std::error_code category, one exception type.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <system_error>

namespace tr::probe {

enum class ProbeErrc {
  timeout = 1,  // a wait ran past its deadline
  connection,   // the link to the probe server broke or could not be made
  protocol,     // the server sent something the protocol does not allow
  target,       // the target refused an operation (E NN), or verify found a mismatch
  process,      // the probe server process could not be started or died
  image,        // a firmware image file is unreadable or malformed
  binding,      // no connected probe, or more than one, matches a board's probe selector
};

const std::error_category& probe_category() noexcept;
std::error_code make_error_code(ProbeErrc e) noexcept;

// Thrown by everything in tr::probe. The message names what failed and where, and says what
// to try next.
class ProbeError : public std::runtime_error {
 public:
  ProbeError(ProbeErrc code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  ProbeErrc code() const noexcept { return code_; }

 private:
  ProbeErrc code_;
};

// Thrown by with_timeout(): "<what> timed out after <ms> ms".
class TimeoutError : public ProbeError {
 public:
  TimeoutError(const std::string& what, std::chrono::steady_clock::duration after);
  std::chrono::milliseconds after() const noexcept { return after_; }

 private:
  std::chrono::milliseconds after_;
};

}  // namespace tr::probe

template <>
struct std::is_error_code_enum<tr::probe::ProbeErrc> : std::true_type {};
