#include "power/power_error.h"

namespace tr::power {
namespace {

class PowerCategory : public std::error_category {
 public:
  const char* name() const noexcept override { return "tinyrack.power"; }
  std::string message(int code) const override {
    switch (static_cast<PowerErrc>(code)) {
      case PowerErrc::timeout:
        return "power monitor timed out";
      case PowerErrc::disconnected:
        return "power monitor disconnected";
      case PowerErrc::protocol:
        return "power monitor protocol error";
      case PowerErrc::refused:
        return "power monitor refused the command";
      case PowerErrc::unsupported:
        return "not supported by this power monitor";
      case PowerErrc::config:
        return "power monitor configuration error";
    }
    return "unknown power monitor error";
  }
};

}  // namespace

const std::error_category& power_category() noexcept {
  static const PowerCategory category;
  return category;
}

std::error_code make_error_code(PowerErrc e) noexcept {
  return {static_cast<int>(e), power_category()};
}

}  // namespace tr::power
