// Runs random cases (random_cases.h) through a kernel set and through the reference kernels and
// compares the outputs byte for byte, including the bytes after the output (overruns) and the
// kernel's own memory requests. Mismatches are printed as replayable lines.
#pragma once

#include <cstdint>

#include "engine/kernels/kernel_buffers.h"
#include "engine/kernels/reference/add_s8.h"
#include "engine/kernels/reference/conv_2d_s8.h"
#include "engine/kernels/reference/depthwise_conv_2d_s8.h"
#include "engine/kernels/reference/fully_connected_s8.h"
#include "protocol/platform.h"

namespace tr::check {

namespace ref = engine::reference;

// A kernel set as a table of its functions (see engine/kernels/portable/portable_kernels.h).
struct KernelSet {
  const char* name;
  uint32_t (*conv_persistent)(const ref::ConvParams&, const ref::ConvDims&);
  uint32_t (*conv_scratch)(const ref::ConvParams&, const ref::ConvDims&);
  void (*conv_prepare)(const ref::ConvParams&, const ref::ConvDims&, const int8_t*, const int32_t*,
                       void*);
  void (*conv)(const ref::ConvParams&, const ref::PerChannelQuant&, const ref::ConvDims&,
               const int8_t*, const int8_t*, const int32_t*, int8_t*, const engine::KernelBuffers&);
  uint32_t (*dw_persistent)(const ref::ConvParams&, const ref::DepthwiseConvDims&);
  uint32_t (*dw_scratch)(const ref::ConvParams&, const ref::DepthwiseConvDims&);
  void (*dw_prepare)(const ref::ConvParams&, const ref::DepthwiseConvDims&, const int8_t*,
                     const int32_t*, void*);
  void (*dw)(const ref::ConvParams&, const ref::PerChannelQuant&, const ref::DepthwiseConvDims&,
             const int8_t*, const int8_t*, const int32_t*, int8_t*, const engine::KernelBuffers&);
  uint32_t (*fc_persistent)(const ref::FullyConnectedParams&, const ref::FullyConnectedDims&);
  uint32_t (*fc_scratch)(const ref::FullyConnectedParams&, const ref::FullyConnectedDims&);
  void (*fc_prepare)(const ref::FullyConnectedParams&, const ref::FullyConnectedDims&,
                     const int8_t*, const int32_t*, void*);
  void (*fc)(const ref::FullyConnectedParams&, const ref::FullyConnectedDims&, const int8_t*,
             const int8_t*, const int32_t*, int8_t*, const engine::KernelBuffers&);
  void (*fc_per_channel)(const ref::FullyConnectedParams&, const int32_t*, const int32_t*,
                         const ref::FullyConnectedDims&, const int8_t*, const int8_t*,
                         const int32_t*, int8_t*, const engine::KernelBuffers&);
  void (*add)(const ref::AddParams&, const ref::BroadcastShape&, const int8_t*, const int8_t*,
              int8_t*);
};

// The table of a kernel-set namespace (a namespace cannot be a template argument).
#define TR_KERNEL_SET_TABLE(ns)                                                            \
  ::tr::check::KernelSet {                                                                 \
    ns::kName, ns::conv_2d_s8_persistent_bytes, ns::conv_2d_s8_scratch_bytes,              \
        ns::conv_2d_s8_prepare, ns::conv_2d_s8, ns::depthwise_conv_2d_s8_persistent_bytes, \
        ns::depthwise_conv_2d_s8_scratch_bytes, ns::depthwise_conv_2d_s8_prepare,          \
        ns::depthwise_conv_2d_s8, ns::fully_connected_s8_persistent_bytes,                 \
        ns::fully_connected_s8_scratch_bytes, ns::fully_connected_s8_prepare,              \
        ns::fully_connected_s8, ns::fully_connected_per_channel_s8, ns::add_s8             \
  }

struct CheckTotals {
  uint32_t cases = 0;
  uint32_t mismatches = 0;  // outputs, overruns, or memory requests beyond the check's buffers
};

// Runs `cases_per_op` cases of each of CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED and ADD from
// `seed`, printing one line per mismatch (at most `max_reports`) and a summary line:
//   kernel-check <set>: <cases> cases, <mismatches> mismatches (seed <seed>)
CheckTotals run_kernel_check(const KernelSet& set, uint32_t seed, uint32_t cases_per_op,
                             uint32_t max_reports, fw::Console& out);

}  // namespace tr::check
