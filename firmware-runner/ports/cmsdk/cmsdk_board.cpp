// board.h for boards whose console is a CMSDK APB UART and whose timestamp clock is SysTick:
// every QEMU MPS2/MPS3 image. Addresses and clock come from target_config.h.
#include "board.h"
#include "cmsdk/cmsdk_uart.h"
#include "cortex-m/cortex_m.h"
#include "cortex-m/mmio_timestamp_pin.h"
#include "cortex-m/painted_stack.h"
#include "cortex-m/systick_clock.h"
#include "target_config.h"

namespace tr::port {
namespace {

CmsdkUart g_uart(TR_CONSOLE_UART_BASE);
SysTickClock g_clock(TR_TIMER_HZ);
PaintedStack g_stack;
#if TR_HAS_TIMESTAMP_PIN
MmioTimestampPin g_pin(TR_TIMESTAMP_PIN_REGISTER, TR_TIMESTAMP_PIN_MASK);
#endif

}  // namespace

void board_init() {
  g_uart.init();
  g_clock.start();
}

fw::Console& console() { return g_uart; }
fw::Clock& clock() { return g_clock; }
fw::StackMeter& stack_meter() { return g_stack; }

fw::TimestampPin* timestamp_pin() {
#if TR_HAS_TIMESTAMP_PIN
  return &g_pin;
#else
  return nullptr;
#endif
}

uint32_t timestamp_hold_us() { return TR_TIMESTAMP_HOLD_US; }

char read_char() {
  if (g_uart.rx_ready()) return g_uart.read();
  cm::disable_irq();
  g_clock.pause();
  g_uart.wait_rx_masked();
  g_clock.resume();
  cm::enable_irq();
  return g_uart.read();
}

}  // namespace tr::port
