// RESHAPE (builtin 22): int8; the target shape comes from the output tensor (one -1 allowed).
// Runs in place (output shares the input's arena buffer) whenever the input lives in the arena.
#pragma once

#include "engine/op_registry.h"

namespace tr::engine {

const OpRegistration& register_reshape();

}  // namespace tr::engine
