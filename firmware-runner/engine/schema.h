// The slice of the TFLite schema (v3) the engine reads: vtable slot numbers, union ids and the
// enum values it names. Values are from the schema; see tflite-format.md §2.
#pragma once

#include <cstdint>

namespace tr::engine::schema {

// Table slot numbers (field i lives at vtable byte 4 + 2*i).
namespace model {
constexpr int kVersion = 0, kOperatorCodes = 1, kSubgraphs = 2, kBuffers = 4;
}
namespace subgraph {
constexpr int kTensors = 0, kInputs = 1, kOutputs = 2, kOperators = 3;
}
namespace tensor {
constexpr int kShape = 0, kType = 1, kBuffer = 2, kQuantization = 4, kIsVariable = 5, kSparsity = 6;
}
namespace buffer {
constexpr int kData = 0;
}
namespace quantization {
constexpr int kScale = 2, kZeroPoint = 3, kDetailsType = 4, kQuantizedDimension = 6;
}
namespace operator_code {
constexpr int kDeprecatedBuiltinCode = 0, kCustomCode = 1, kBuiltinCode = 3;
}
namespace op {
constexpr int kOpcodeIndex = 0, kInputs = 1, kOutputs = 2, kBuiltinOptionsType = 3,
              kBuiltinOptions = 4, kCustomOptions = 5;
}
namespace fully_connected_options {
constexpr int kFusedActivation = 0, kWeightsFormat = 1, kKeepNumDims = 2;
}
namespace add_options {
constexpr int kFusedActivation = 0;
}
namespace mul_options {
constexpr int kFusedActivation = 0;
}

// BuiltinOptions union ids.
constexpr uint8_t kConv2DOptions = 1;
constexpr uint8_t kDepthwiseConv2DOptions = 2;
constexpr uint8_t kPool2DOptions = 5;
constexpr uint8_t kFullyConnectedOptions = 8;
constexpr uint8_t kSoftmaxOptions = 9;
constexpr uint8_t kConcatenationOptions = 10;
constexpr uint8_t kAddOptions = 11;
constexpr uint8_t kReshapeOptions = 17;
constexpr uint8_t kMulOptions = 21;
constexpr uint8_t kReducerOptions = 27;

// BuiltinOperator codes the engine names.
constexpr int32_t kOpAdd = 0;
constexpr int32_t kOpAveragePool2D = 1;
constexpr int32_t kOpConcatenation = 2;
constexpr int32_t kOpConv2D = 3;
constexpr int32_t kOpDepthwiseConv2D = 4;
constexpr int32_t kOpDequantize = 6;
constexpr int32_t kOpFullyConnected = 9;
constexpr int32_t kOpLogistic = 14;
constexpr int32_t kOpMaxPool2D = 17;
constexpr int32_t kOpMul = 18;
constexpr int32_t kOpReshape = 22;
constexpr int32_t kOpSoftmax = 25;
constexpr int32_t kOpCustom = 32;
constexpr int32_t kOpPad = 34;
constexpr int32_t kOpMean = 40;
constexpr int32_t kOpPadV2 = 60;
constexpr int32_t kOpQuantize = 114;
constexpr int32_t kMaxBuiltinCode = 209;  // STABLEHLO range end; above is rejected as corrupt

// ActivationFunctionType.
enum class Activation : uint8_t {
  none = 0,
  relu = 1,
  relu_n1_to_1 = 2,
  relu6 = 3,
  tanh = 4,
  sign_bit = 5
};

constexpr uint32_t kSchemaVersion = 3;

}  // namespace tr::engine::schema
