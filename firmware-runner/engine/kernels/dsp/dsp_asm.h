// Assembly text shared by the inline-assembly inner loops of the dsp kernel set (only used
// where __ARM_FEATURE_DSP is defined). Macros, not functions: each expands inside one asm
// statement whose operands it names, so sharing the text costs no instruction.
#pragma once

// `n` passes of GROUP, two per loop pass (an odd one first); `n` is the operand %[n] and is
// 0 afterwards. Uses the local labels 1, 2 and 3.
#define TR_DSP_LOOP_TWICE(GROUP) \
  "lsrs %[n], %[n], #1\n\t"      \
  "bcc 2f\n\t" GROUP             \
  "2:\n\t"                       \
  "cmp %[n], #0\n\t"             \
  "beq 3f\n"                     \
  "1:\n\t" GROUP GROUP           \
  "subs %[n], %[n], #1\n\t"      \
  "bne 1b\n"                     \
  "3:\n\t"
