// Arm CMSDK APB UART (MPS2 / MPS3 FPGA images): polled transmit, receive with the core asleep
// in WFI until the RX interrupt pends. QEMU models one RX holding register and stops reading the
// host socket while it is full, so nothing is lost as long as the runner keeps draining it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "protocol/platform.h"

namespace tr::port {

class CmsdkUart final : public fw::Console {
 public:
  explicit CmsdkUart(uintptr_t base) : base_(base) {}
  void init();
  void write(const char* s, size_t n) override;
  bool rx_ready() const;
  char read();  // only after rx_ready()
  // Sleep until a byte arrives. Called with interrupts masked; wakes on the pending RX IRQ.
  void wait_rx_masked();

 private:
  uintptr_t base_;
};

}  // namespace tr::port
