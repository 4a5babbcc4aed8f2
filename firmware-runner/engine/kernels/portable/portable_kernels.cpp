#include "engine/kernels/portable/portable_kernels.h"

namespace tr::engine::portable {

uint32_t conv_2d_s8_persistent_bytes(const ConvParams&, const ConvDims&) {
  return 0;
}

uint32_t conv_2d_s8_scratch_bytes(const ConvParams&, const ConvDims&) {
  return 0;
}

void conv_2d_s8_prepare(const ConvParams&, const ConvDims&, const int8_t*, const int32_t*, void*) {}

void conv_2d_s8(const ConvParams& params, const PerChannelQuant& quant, const ConvDims& dims,
                const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output,
                const KernelBuffers&) {
  reference::conv_2d_s8(params, quant, dims, input, filter, bias, output);
}

uint32_t depthwise_conv_2d_s8_persistent_bytes(const ConvParams&, const DepthwiseConvDims&) {
  return 0;
}

uint32_t depthwise_conv_2d_s8_scratch_bytes(const ConvParams&, const DepthwiseConvDims&) {
  return 0;
}

void depthwise_conv_2d_s8_prepare(const ConvParams&, const DepthwiseConvDims&, const int8_t*,
                                  const int32_t*, void*) {}

void depthwise_conv_2d_s8(const ConvParams& params, const PerChannelQuant& quant,
                          const DepthwiseConvDims& dims, const int8_t* input, const int8_t* filter,
                          const int32_t* bias, int8_t* output, const KernelBuffers&) {
  reference::depthwise_conv_2d_s8(params, quant, dims, input, filter, bias, output);
}

uint32_t fully_connected_s8_persistent_bytes(const FullyConnectedParams&,
                                             const FullyConnectedDims&) {
  return 0;
}

uint32_t fully_connected_s8_scratch_bytes(const FullyConnectedParams&, const FullyConnectedDims&) {
  return 0;
}

void fully_connected_s8_prepare(const FullyConnectedParams&, const FullyConnectedDims&,
                                const int8_t*, const int32_t*, void*) {}

void fully_connected_s8(const FullyConnectedParams& params, const FullyConnectedDims& dims,
                        const int8_t* input, const int8_t* weights, const int32_t* bias,
                        int8_t* output, const KernelBuffers&) {
  reference::fully_connected_s8(params, dims, input, weights, bias, output);
}

void fully_connected_per_channel_s8(const FullyConnectedParams& params, const int32_t* multipliers,
                                    const int32_t* shifts, const FullyConnectedDims& dims,
                                    const int8_t* input, const int8_t* weights, const int32_t* bias,
                                    int8_t* output, const KernelBuffers&) {
  reference::fully_connected_per_channel_s8(params, multipliers, shifts, dims, input, weights, bias,
                                            output);
}

void add_s8(const AddParams& params, const BroadcastShape& shape, const int8_t* input1,
            const int8_t* input2, int8_t* output) {
  reference::add_s8(params, shape, input1, input2, output);
}

}  // namespace tr::engine::portable
