// Reads one Operator table: resolves its effective builtin code (max of the two code fields),
// its tensor lists and options table, and finds the engine's registration for it.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "engine/flatbuffer_reader.h"
#include "engine/graph.h"

namespace tr::engine {

Status load_operator(const FlatbufferReader& reader, const FbVector& operator_codes,
                     uint32_t tensor_count, const FbTable& table, uint32_t index, OperatorNode& out,
                     ErrorText& err);

}  // namespace tr::engine
