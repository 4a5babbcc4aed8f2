// A corpus of corrupt models, part 2: one field at a time (corrupt_fault.h). Tensor
// references, shapes, operator/tensor shape agreement, quantization and types; the error must
// name the culprit: "Tensor 3 ..." from the loaders, "operator 2 (CONCATENATION) ..." or
// "operator 2 (CONCATENATION): input tensor 3 ..." once an operator is involved.
#include <catch2/catch.hpp>

#include "corrupt_fault.h"

namespace tr::test {

TEST_CASE("tensor references out of range name the operator and tensor", "[corrupt]") {
  const Fault faults[] = {
      {"op input past the tensor table",
       fc([](ModelSpec& m) { m.ops[1].inputs[0] = 99; }),
       Status::bad_model,
       {"operator 1 (RESHAPE) input 0 refers to tensor 99"}},
      {"op input below -1",
       fc([](ModelSpec& m) { m.ops[0].inputs[1] = -2; }),
       Status::bad_model,
       {"operator 0 (FULLY_CONNECTED) input 1 refers to tensor -2"}},
      {"op output -1",
       fc([](ModelSpec& m) { m.ops[2].outputs[0] = -1; }),
       Status::bad_model,
       {"operator 2 (FULLY_CONNECTED) output 0 refers to tensor -1"}},
      {"graph input past the table",
       fc([](ModelSpec& m) { m.inputs = {42}; }),
       Status::bad_model,
       {"graph input 0 refers to tensor 42, which does not exist"}},
      {"graph output is a constant",
       fc([](ModelSpec& m) { m.outputs = {kFcW1}; }),
       Status::bad_model,
       {"graph output 0 refers to tensor 1, which has constant data"}},
      {"graph has no inputs",
       fc([](ModelSpec& m) { m.inputs.clear(); }),
       Status::bad_model,
       {"the graph has no inputs"}},
      {"opcode_index past operator_codes",
       fc([](ModelSpec& m) { m.ops[1].opcode_index = 9; }),
       Status::bad_model,
       {"operator 1 opcode_index 9 is out of range (2 operator codes)"}},
      {"buffer index past the buffers",
       fc([](ModelSpec& m) { m.tensors[kFcW1].buffer = 99; }),
       Status::bad_model,
       {"Tensor 1 buffer index 99 is out of range"}},
  };
  for (const Fault& f : faults) check_fault(f);
}

TEST_CASE("impossible shapes name the tensor", "[corrupt]") {
  const Fault faults[] = {
      {"negative dimension",
       fc([](ModelSpec& m) {
         m.tensors[kFcH].shape = {1, -5};
       }),
       Status::bad_model,
       {"Tensor 3 dimension 1 is -5"}},
      {"2^32 elements",
       fc([](ModelSpec& m) {
         m.tensors[kFcH].shape = {65536, 65536};
       }),
       Status::unsupported,
       {"Tensor 3 is larger than 2^31 bytes"}},
      {"2^90 elements",
       fc([](ModelSpec& m) {
         m.tensors[kFcOut].shape = {1 << 30, 1 << 30, 1 << 30};
       }),
       Status::unsupported,
       {"Tensor 6 is larger than 2^31 bytes"}},
      // Fuzzer finding: an empty tensor (a zero dimension) escaped the size cap, so its other
      // dimensions overflowed ADD's broadcast strides (signed int32 overflow).
      {"zero dimension beside 2^34 elements",
       elementwise([](ModelSpec& m) {
         m.tensors[0].shape = {0, 8, 2030043136, 1};
       }),
       Status::unsupported,
       {"Tensor 0 has a zero dimension, but its other dimensions span more than 2^31 bytes"}},
      {"zero dimension beside 2^31 int32 elements",
       fc([](ModelSpec& m) {
         m.tensors[2].shape = {0, 1 << 30, 2};
       }),
       Status::unsupported,
       {"Tensor 2 has a zero dimension"}},
      {"rank 7",
       fc([](ModelSpec& m) { m.tensors[kFcIn].shape = {1, 1, 1, 1, 1, 1, 6}; }),
       Status::unsupported,
       {"Tensor 0 has rank 7"}},
      {"constant data one byte short",
       fc([](ModelSpec& m) { m.tensors[kFcW1].data.pop_back(); }),
       Status::bad_model,
       {"Tensor 1 data is 23 bytes, its shape needs 24"}},
      {"constant data for a larger shape",
       fc([](ModelSpec& m) {
         m.tensors[kFcW1].shape = {4, 7};
       }),
       Status::bad_model,
       {"Tensor 1 data is 24 bytes, its shape needs 28"}},
      {"constant with a -1 dimension",
       fc([](ModelSpec& m) {
         m.tensors[kFcW1].shape = {-1, 6};
       }),
       Status::bad_model,
       {"Tensor 1 data is 24 bytes"}},
  };
  for (const Fault& f : faults) check_fault(f);
}

TEST_CASE("operator and tensor shapes that disagree name both", "[corrupt]") {
  const Fault faults[] = {
      {"FC output rows",
       fc([](ModelSpec& m) {
         m.tensors[kFcH].shape = {1, 5};
       }),
       Status::bad_model,
       {"operator 0 (FULLY_CONNECTED): ", "output"}},
      {"FC input depth",
       fc([](ModelSpec& m) {
         m.tensors[kFcIn].shape = {1, 7};
       }),
       Status::bad_model,
       {"operator 0 (FULLY_CONNECTED): ", "input"}},
      {"RESHAPE element count",
       fc([](ModelSpec& m) {
         m.tensors[kFcR].shape = {2, 3};
       }),
       Status::bad_model,
       {"operator 1 (RESHAPE): ", "output shape [2, 3]"}},
      {"CONV_2D output channels",
       conv([](ModelSpec& m) { m.tensors[kConvOut].shape[3] = 4; }),
       Status::bad_model,
       {"operator 0 (CONV_2D): ", "output"}},
      {"CONV_2D input rank 3",
       conv([](ModelSpec& m) {
         m.tensors[kConvIn].shape = {5, 5, 2};
       }),
       Status::bad_model,
       {"operator 0 (CONV_2D): input shape [5, 5, 2] is not rank 4"}},
      {"DEPTHWISE_CONV_2D filter channels",
       conv([](ModelSpec& m) {
         m.tensors[kDwFilter].shape = {1, 3, 3, 6};
         m.tensors[kDwFilter].data.resize(54);
       }),
       Status::bad_model,
       {"operator 1 (DEPTHWISE_CONV_2D): "}},
      {"AVERAGE_POOL_2D output size",
       conv([](ModelSpec& m) {
         m.tensors[kPoolOut].shape = {1, 2, 2, 3};
       }),
       Status::bad_model,
       {"operator 2 (AVERAGE_POOL_2D): "}},
      {"CONCATENATION inputs do not add up",
       elementwise([](ModelSpec& m) {
         m.tensors[kEwCat].shape = {1, 4, 4, 5};
       }),
       Status::bad_model,
       {"operator 2 (CONCATENATION): "}},
      {"PAD paddings shape",
       elementwise([](ModelSpec& m) {
         m.tensors[kEwPads].shape = {2, 4};
       }),
       Status::bad_model,
       {"operator 4 (PAD): paddings shape [2, 4]"}},
      {"MEAN axis past the rank",
       elementwise([](ModelSpec& m) { m.tensors[kEwAxes].data[0] = 9; }),
       Status::bad_model,
       {"operator 5 (MEAN): ", "axis"}},
  };
  for (const Fault& f : faults) check_fault(f);
}

TEST_CASE("missing or broken quantization names the operator and tensor", "[corrupt]") {
  const Fault faults[] = {
      {"no quantization table",
       conv([](ModelSpec& m) { m.tensors[kConvIn].has_quantization = false; }),
       Status::unsupported,
       {"operator 0 (CONV_2D): input tensor 0 has no affine quantization parameters"}},
      {"empty scale vector",
       conv([](ModelSpec& m) { m.tensors[kConvOut].scales.clear(); }),
       Status::unsupported,
       {"operator 0 (CONV_2D): output tensor 3 has no affine quantization parameters"}},
      {"zero scale",
       fc([](ModelSpec& m) { m.tensors[kFcIn].scales = {0.0f}; }),
       Status::bad_model,
       {"operator 0 (FULLY_CONNECTED): input tensor 0 has a scale"}},
      {"NaN scale",
       fc([](ModelSpec& m) { m.tensors[kFcOut].scales = {kNaN}; }),
       Status::bad_model,
       {"operator 2 (FULLY_CONNECTED): output tensor 6 has a scale"}},
      {"zero point 300",
       fc([](ModelSpec& m) { m.tensors[kFcIn].zero_points = {300}; }),
       Status::bad_model,
       {"operator 0 (FULLY_CONNECTED): input tensor 0 zero point 300"}},
      {"per-channel scales for the wrong channel count",
       conv([](ModelSpec& m) {
         m.tensors[kConvFilter].scales.resize(2);
         m.tensors[kConvFilter].zero_points.resize(2);
       }),
       Status::bad_model,
       {"operator 0 (CONV_2D): ", "filter"}},
      {"per-channel along the wrong dimension",
       conv([](ModelSpec& m) { m.tensors[kConvFilter].quantized_dimension = 3; }),
       Status::bad_model,
       {"operator 0 (CONV_2D): ", "filter"}},
      {"CONCATENATION input quantization differs",
       elementwise([](ModelSpec& m) { m.tensors[kEwProd].zero_points = {1}; }),
       Status::unsupported,
       {"operator 2 (CONCATENATION): input tensor 3"}},
  };
  for (const Fault& f : faults) check_fault(f);
}

TEST_CASE("wrong tensor types name the operator and tensor", "[corrupt]") {
  const Fault faults[] = {
      {"INT16 activation",
       conv([](ModelSpec& m) { m.tensors[kConvIn].type = kInt16; }),
       Status::unsupported,
       {"operator 0 (CONV_2D): input tensor 0 is INT16, only INT8"}},
      {"UINT8 filter",
       conv([](ModelSpec& m) { m.tensors[kConvFilter].type = kUint8; }),
       Status::unsupported,
       {"operator 0 (CONV_2D): filter tensor 1 is UINT8, only INT8"}},
      {"unknown type 200",
       fc([](ModelSpec& m) { m.tensors[kFcH].type = 200; }),
       Status::unsupported,
       {"operator 0 (FULLY_CONNECTED): output tensor 3 is UNKNOWN"}},
      {"int8 paddings",
       elementwise([](ModelSpec& m) {
         m.tensors[kEwPads].type = kInt8;
         m.tensors[kEwPads].shape = {4, 2, 4};
       }),
       Status::unsupported,
       {"operator 4 (PAD): paddings tensor 6 is INT8, only INT32"}},
  };
  for (const Fault& f : faults) check_fault(f);
}

}  // namespace tr::test
