#include "engine/op_registry.h"

#include "engine/builtin_names.h"
#include "engine/ops/add.h"
#include "engine/ops/average_pool_2d.h"
#include "engine/ops/concatenation.h"
#include "engine/ops/conv_2d.h"
#include "engine/ops/depthwise_conv_2d.h"
#include "engine/ops/dequantize.h"
#include "engine/ops/fully_connected.h"
#include "engine/ops/logistic.h"
#include "engine/ops/max_pool_2d.h"
#include "engine/ops/mean.h"
#include "engine/ops/mul.h"
#include "engine/ops/pad.h"
#include "engine/ops/quantize.h"
#include "engine/ops/reshape.h"
#include "engine/ops/softmax.h"

namespace tr::engine {

const OpRegistration* find_registration(int32_t code) {
  // Function pointers, not objects: the table is constant-initialized (no guard variables).
  // clang-format off
  static const OpRegistration& (*const kRegistrations[])() = {
      register_fully_connected,
      register_reshape,
      register_conv_2d,
      register_depthwise_conv_2d,
      register_pad,
      register_padv2,
      register_add,
      register_average_pool_2d,
      register_concatenation,
      register_dequantize,
      register_logistic,
      register_max_pool_2d,
      register_mean,
      register_mul,
      register_quantize,
      register_softmax,
  };
  // clang-format on
  for (auto* get : kRegistrations) {
    const OpRegistration& r = get();
    if (r.code == code) return &r;
  }
  return nullptr;
}

ErrorText& begin_operator_error(ErrorText& err, uint32_t op_index, int32_t code) {
  err.clear();
  return err.append("operator ")
      .append_uint(op_index)
      .append(" (")
      .append(builtin_operator_name(code))
      .append("): ");
}

void* PrepareContext::allocate_persistent(uint32_t bytes) {
  void* p = persistent_.allocate(bytes);
  if (p == nullptr) {
    fail().append("per-operator data needs ").append_uint(persistent_.requested());
    err_.append(" arena bytes so far, more than the arena holds");
  }
  return p;
}

ErrorText& PrepareContext::fail() {
  return begin_operator_error(err_, op_index_, graph_.ops[op_index_].code);
}

}  // namespace tr::engine
