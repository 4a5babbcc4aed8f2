#include "qemu_test_support.h"

#include "debug/qemu_process.h"
#include "support/test_paths.h"

namespace tr::probe::test {

bool qemu_available() {
  try {
    QemuProcess::resolve_program("qemu-system-arm");
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

QemuLaunchSpec an386_spec(const char* test_name) {
  QemuLaunchSpec spec;
  spec.machine = "mps2-an386";
  spec.stderr_path = tr::test::scratch_dir(test_name) / "qemu.stderr";
  return spec;
}

}  // namespace tr::probe::test
