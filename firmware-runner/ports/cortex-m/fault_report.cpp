#include "cortex-m/fault_report.h"

#include "board.h"
#include "common/text_format.h"
#include "cortex-m/cortex_m.h"

namespace tr::port {
namespace {

void put(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  console().write(s, n);
}

void put_reg(const char* name, uintptr_t addr) {
  char hex[12];
  format_hex32(cm::reg(addr), hex, sizeof hex);
  put(name);
  put(hex);
}

}  // namespace

void report_fault() {
  put("\r\ne-[fatal: HardFault");
  put_reg(" HFSR=", cm::kScbHfsr);
  put_reg(" CFSR=", cm::kScbCfsr);
  put_reg(" MMFAR=", cm::kScbMmfar);
  put_reg(" BFAR=", cm::kScbBfar);
  put("; the board must be reset]\r\n");
}

}  // namespace tr::port
