// The kernel-family API every build-time kernel set implements (portable, dsp, helium), shown
// here for the portable set: the reference kernels, needing no persistent or scratch memory.
// An optimized set has the same functions in its own namespace, bit-exact with these; a set may
// route shapes it does not speed up to the reference kernels.
//
// For each op: *_persistent_bytes and *_scratch_bytes are asked at prepare (0 = none);
// *_prepare fills the persistent block once (weights and bias are constant and stay readable);
// the kernel itself gets both blocks through KernelBuffers on every eval.
#pragma once

#include <cstdint>

#include "engine/kernels/kernel_buffers.h"
#include "engine/kernels/reference/conv_2d_s8.h"
#include "engine/kernels/reference/depthwise_conv_2d_s8.h"
#include "engine/kernels/reference/fully_connected_s8.h"

namespace tr::engine::portable {

inline constexpr const char* kName = "reference";

using reference::ConvDims;
using reference::ConvParams;
using reference::DepthwiseConvDims;
using reference::FullyConnectedDims;
using reference::FullyConnectedParams;
using reference::PerChannelQuant;

uint32_t conv_2d_s8_persistent_bytes(const ConvParams& params, const ConvDims& dims);
uint32_t conv_2d_s8_scratch_bytes(const ConvParams& params, const ConvDims& dims);
void conv_2d_s8_prepare(const ConvParams& params, const ConvDims& dims, const int8_t* filter,
                        const int32_t* bias, void* persistent);
void conv_2d_s8(const ConvParams& params, const PerChannelQuant& quant, const ConvDims& dims,
                const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output,
                const KernelBuffers& buffers);

uint32_t depthwise_conv_2d_s8_persistent_bytes(const ConvParams& params,
                                               const DepthwiseConvDims& dims);
uint32_t depthwise_conv_2d_s8_scratch_bytes(const ConvParams& params,
                                            const DepthwiseConvDims& dims);
void depthwise_conv_2d_s8_prepare(const ConvParams& params, const DepthwiseConvDims& dims,
                                  const int8_t* filter, const int32_t* bias, void* persistent);
void depthwise_conv_2d_s8(const ConvParams& params, const PerChannelQuant& quant,
                          const DepthwiseConvDims& dims, const int8_t* input, const int8_t* filter,
                          const int32_t* bias, int8_t* output, const KernelBuffers& buffers);

// Per-tensor and per-channel FULLY_CONNECTED share sizing and prepare.
uint32_t fully_connected_s8_persistent_bytes(const FullyConnectedParams& params,
                                             const FullyConnectedDims& dims);
uint32_t fully_connected_s8_scratch_bytes(const FullyConnectedParams& params,
                                          const FullyConnectedDims& dims);
void fully_connected_s8_prepare(const FullyConnectedParams& params, const FullyConnectedDims& dims,
                                const int8_t* weights, const int32_t* bias, void* persistent);
void fully_connected_s8(const FullyConnectedParams& params, const FullyConnectedDims& dims,
                        const int8_t* input, const int8_t* weights, const int32_t* bias,
                        int8_t* output, const KernelBuffers& buffers);
void fully_connected_per_channel_s8(const FullyConnectedParams& params, const int32_t* multipliers,
                                    const int32_t* shifts, const FullyConnectedDims& dims,
                                    const int8_t* input, const int8_t* weights, const int32_t* bias,
                                    int8_t* output, const KernelBuffers& buffers);

}  // namespace tr::engine::portable
