// Peak stack use, measured by painting the stack at reset (startup.cpp) and finding the deepest
// word that no longer holds the paint.
#pragma once

#include <cstdint>

#include "protocol/platform.h"

namespace tr::port {

uint32_t stack_capacity();
uint32_t stack_peak();

class PaintedStack final : public fw::StackMeter {
 public:
  uint32_t stack_capacity() const override { return port::stack_capacity(); }
  uint32_t stack_peak() const override { return port::stack_peak(); }
};

}  // namespace tr::port
