#include "cmsdk/cmsdk_uart.h"

#include "cortex-m/cortex_m.h"

namespace tr::port {
namespace {

constexpr uintptr_t kData = 0x00;
constexpr uintptr_t kState = 0x04;
constexpr uintptr_t kCtrl = 0x08;
constexpr uintptr_t kIntClear = 0x0C;
constexpr uintptr_t kBaudDiv = 0x10;

constexpr uint32_t kStateTxFull = 1u << 0;
constexpr uint32_t kStateRxFull = 1u << 1;
constexpr uint32_t kCtrlTxEn = 1u << 0;
constexpr uint32_t kCtrlRxEn = 1u << 1;
constexpr uint32_t kCtrlRxIntEn = 1u << 3;
constexpr uint32_t kIntRx = 1u << 1;

}  // namespace

void CmsdkUart::init() {
  cm::reg(base_ + kBaudDiv) = 16;  // the minimum the model accepts; QEMU ignores the rate
  cm::reg(base_ + kCtrl) = kCtrlTxEn | kCtrlRxEn;
}

void CmsdkUart::write(const char* s, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    while ((cm::reg(base_ + kState) & kStateTxFull) != 0) {
    }
    cm::reg(base_ + kData) = static_cast<uint8_t>(s[i]);
  }
}

bool CmsdkUart::rx_ready() const { return (cm::reg(base_ + kState) & kStateRxFull) != 0; }

char CmsdkUart::read() { return static_cast<char>(cm::reg(base_ + kData) & 0xFF); }

void CmsdkUart::wait_rx_masked() {
  using namespace cm;
  // Unmask every NVIC line only for the nap: the port then needs no per-board RX IRQ number,
  // and with PRIMASK set no handler runs; WFI just returns once an interrupt pends.
  reg(base_ + kCtrl) = kCtrlTxEn | kCtrlRxEn | kCtrlRxIntEn;
  for (int i = 0; i < kNvicWords; ++i) reg(kNvicIser + 4 * i) = 0xFFFFFFFFu;
  while (!rx_ready()) wfi();
  reg(base_ + kCtrl) = kCtrlTxEn | kCtrlRxEn;
  reg(base_ + kIntClear) = kIntRx;
  for (int i = 0; i < kNvicWords; ++i) {
    reg(kNvicIcer + 4 * i) = 0xFFFFFFFFu;
    reg(kNvicIcpr + 4 * i) = 0xFFFFFFFFu;
  }
}

}  // namespace tr::port
