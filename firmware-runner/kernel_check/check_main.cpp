// The kernel-check firmware: runs the random kernel cases through this build's kernel set and
// the reference kernels on the target's own instruction set, prints the result on the console
// and ends the emulation through semihosting (exit status 0 only when every case matched).
#include "board.h"
#include "cortex-m/semihosting.h"
#include "engine/kernels/selected_kernels.h"
#include "kernel_check/kernel_check.h"

#ifndef TR_KERNEL_CHECK_CASES
#define TR_KERNEL_CHECK_CASES 600
#endif
#ifndef TR_KERNEL_CHECK_SEED
#define TR_KERNEL_CHECK_SEED 20261127u
#endif

int main() {
  tr::port::board_init();
  const tr::check::KernelSet set = TR_KERNEL_SET_TABLE(tr::engine::kernels);
  const tr::check::CheckTotals totals = tr::check::run_kernel_check(
      set, TR_KERNEL_CHECK_SEED, TR_KERNEL_CHECK_CASES, 20, tr::port::console());
  tr::port::semihosting_exit(totals.cases > 0 && totals.mismatches == 0);
}
