#include "engine/ops/add.h"

#include "engine/kernels/selected_kernels.h"
#include "engine/ops/elementwise_binary.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

constexpr BinaryOptionSlots kSlots{schema::kAddOptions, "AddOptions",
                                   schema::add_options::kFusedActivation};

Status prepare(PrepareContext& ctx) {
  return prepare_elementwise_binary<reference::AddParams>(
      ctx, kSlots, add_params,
      "output scale too small: 2 * max(s1, s2) / (2^20 * s_out) must be below 1");
}

constexpr OpRegistration kRegistration{
    schema::kOpAdd, prepare, eval_elementwise_binary<reference::AddParams, kernels::add_s8>};

}  // namespace

const OpRegistration& register_add() {
  return kRegistration;
}

}  // namespace tr::engine
