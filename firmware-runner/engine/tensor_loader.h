// Reads one Tensor table (shape, type, constant data, quantization) into a Tensor entry.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "engine/flatbuffer_reader.h"
#include "engine/graph.h"

namespace tr::engine {

// `buffers` is Model.buffers (may be absent); `index` is the tensor's index, for messages.
Status load_tensor(const FlatbufferReader& reader, const FbVector& buffers, const FbTable& table,
                   uint32_t index, Tensor& out, ErrorText& err);

}  // namespace tr::engine
