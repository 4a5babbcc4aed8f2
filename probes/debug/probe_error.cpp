#include "debug/probe_error.h"

namespace tr::probe {
namespace {

class ProbeCategory : public std::error_category {
 public:
  const char* name() const noexcept override { return "tinyrack.probe"; }
  std::string message(int value) const override {
    switch (static_cast<ProbeErrc>(value)) {
      case ProbeErrc::timeout:
        return "probe operation timed out";
      case ProbeErrc::connection:
        return "connection to the probe server failed";
      case ProbeErrc::protocol:
        return "probe server violated the protocol";
      case ProbeErrc::target:
        return "target refused the operation";
      case ProbeErrc::process:
        return "probe server process failed";
      case ProbeErrc::image:
        return "firmware image is unreadable or malformed";
      case ProbeErrc::binding:
        return "no single connected debug probe matches the board's selector";
    }
    return "unknown probe error";
  }
};

}  // namespace

const std::error_category& probe_category() noexcept {
  static const ProbeCategory category;
  return category;
}

std::error_code make_error_code(ProbeErrc e) noexcept {
  return {static_cast<int>(e), probe_category()};
}

TimeoutError::TimeoutError(const std::string& what, std::chrono::steady_clock::duration after)
    : ProbeError(
          ProbeErrc::timeout,
          what + " timed out after " +
              std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(after).count()) +
              " ms"),
      after_(std::chrono::duration_cast<std::chrono::milliseconds>(after)) {}

}  // namespace tr::probe
