// CONV_2D: sizing and the choice of read mode (conv_layout.h). The loops are in conv_runs.cpp
// (filter rows of whole 16-byte blocks, read in place) and conv_columns.cpp (1x1 in place, or
// im2col columns). Scratch holds the folded bias (output_c int32, computed at every eval, see
// folded_bias.h) and then the im2col columns. Grouped convolution runs the reference kernel.
#include "engine/kernels/helium/conv_columns.h"
#include "engine/kernels/helium/conv_layout.h"
#include "engine/kernels/helium/conv_runs.h"
#include "engine/kernels/helium/folded_bias.h"
#include "engine/kernels/helium/helium_kernels.h"
#include "engine/kernels/helium/mve_requantize.h"

namespace tr::engine::helium {
namespace {

bool sped_up(const ConvDims& d) {
  return d.filter_c == d.input_c && d.filter_c > 0 && d.output_c > 0;
}

// The folded bias at the start of scratch.
int32_t folded_bytes(const ConvDims& d) {
  return d.output_c * static_cast<int32_t>(sizeof(int32_t));
}

// The im2col columns after it.
int32_t columns_bytes(const ConvParams& p, const ConvDims& d) {
  switch (read_mode(p, d)) {
    case ReadMode::in_place:
      return 0;
    case ReadMode::runs:
      return kBorderColumns * filter_depth(d);
    case ReadMode::im2col:
      break;
  }
  return im2col_scratch_bytes(d);
}

}  // namespace

uint32_t conv_2d_s8_persistent_bytes(const ConvParams&, const ConvDims&) {
  return 0;
}

uint32_t conv_2d_s8_scratch_bytes(const ConvParams& params, const ConvDims& dims) {
  if (!sped_up(dims)) return 0;
  return static_cast<uint32_t>(folded_bytes(dims) + columns_bytes(params, dims));
}

void conv_2d_s8_prepare(const ConvParams&, const ConvDims&, const int8_t*, const int32_t*, void*) {}

void conv_2d_s8(const ConvParams& params, const PerChannelQuant& quant, const ConvDims& dims,
                const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output,
                const KernelBuffers& buffers) {
  if (!sped_up(dims) || buffers.scratch == nullptr) {
    reference::conv_2d_s8(params, quant, dims, input, filter, bias, output);
    return;
  }
  auto* folded = static_cast<int32_t*>(buffers.scratch);
  fold_bias_rows(filter, dims.output_c, filter_depth(dims), bias, params.input_offset, folded);
  int8_t* columns = static_cast<int8_t*>(buffers.scratch) + folded_bytes(dims);
  const bool left = any_left_shift(quant.shifts, dims.output_c);
  switch (read_mode(params, dims)) {
    case ReadMode::in_place:
      conv_columns(left, params, quant, dims, input, filter, folded, nullptr, output);
      return;
    case ReadMode::runs:
      conv_runs(left, params, quant, dims, input, filter, folded, columns, output);
      return;
    case ReadMode::im2col:
      conv_columns(left, params, quant, dims, input, filter, folded, columns, output);
      return;
  }
}

}  // namespace tr::engine::helium
