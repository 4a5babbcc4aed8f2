// The CONV_2D inner kernel: every filter row (output channel) times two widened im2col columns
// (im2col_dsp.h), two rows at a time, so each weight word is unpacked once (SXTB16) for two
// columns and each column word is loaded once for two rows: 16 MACs per 8 SMLAD, 2 loads of
// weights, 4 unpacks and 2 LDRD of columns. The int32 sums start from the bias, are
// requantized exactly (requantize_dsp.h) and stored as int8.
#pragma once

#include <cstdint>

#include "engine/kernels/dsp/requantize_dsp.h"

namespace tr::engine::dsp {

struct MatMultOutput {
  const int32_t* multipliers = nullptr;  // per row; every pair requant_supported()
  const int32_t* shifts = nullptr;
  const int32_t* bias = nullptr;  // per row, or nullptr
  OutputStage stage;
};

// rows x depth int8 weights (row-major, any alignment) times the column pair `cols`; row r's
// results go to out0[r] and, when out1 is not null, out1[r]. The columns must be 0 past
// `depth` (im2col_dsp.h): a row's partial last word is read whole when another row follows.
void mat_mult_2cols(const int8_t* weights, int32_t rows, int32_t depth, const uint32_t* cols,
                    const MatMultOutput& o, int8_t* out0, int8_t* out1);

}  // namespace tr::engine::dsp
