#include "engine/ops/max_pool_2d.h"

#include "engine/kernels/reference/max_pool_2d_s8.h"
#include "engine/ops/pool_2d_common.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

constexpr OpRegistration kRegistration{schema::kOpMaxPool2D, prepare_pool_2d,
                                       eval_pool_2d<reference::max_pool_2d_s8>};

}  // namespace

const OpRegistration& register_max_pool_2d() {
  return kRegistration;
}

}  // namespace tr::engine
