#include "cortex-m/mmio_timestamp_pin.h"

#include "cortex-m/cortex_m.h"

extern "C" {
volatile uint32_t tr_timestamp_pin_out = 0;
}

namespace tr::port {

void MmioTimestampPin::set(bool high) {
  volatile uint32_t& out = cm::reg(data_out_);
  const uint32_t value = high ? (out | mask_) : (out & ~mask_);
  // The mirror first: a watchpoint on the register stops after the store, when both agree.
  tr_timestamp_pin_out = value;
  out = value;
  cm::dsb();  // the edge leaves the core before the hold starts counting
}

}  // namespace tr::port
