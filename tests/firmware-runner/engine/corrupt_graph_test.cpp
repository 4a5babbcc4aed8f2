// A corpus of corrupt models, part 3: opcodes and options, dataflow that no order of the
// operators satisfies, and models larger than the engine's fixed tables (corrupt_fault.h).
#include <catch2/catch.hpp>

#include "corrupt_fault.h"

namespace tr::test {

TEST_CASE("unknown or invalid opcodes and options name the operator", "[corrupt]") {
  const Fault faults[] = {
      {"builtin the engine lacks",
       fc([](ModelSpec& m) { m.ops[1].code = 28; }),
       Status::unsupported,
       {"operator 1 (TANH, code 28) is not supported"}},
      {"code past the schema",
       fc([](ModelSpec& m) { m.ops[1].code = 500; }),
       Status::bad_model,
       {"operator 1 has invalid builtin code 500"}},
      {"negative code",
       fc([](ModelSpec& m) { m.ops[0].code = -3; }),
       Status::bad_model,
       {"operator 0 has invalid builtin code -3"}},
      {"CONV_2D without options",
       conv([](ModelSpec& m) {
         m.ops[0].options_type = 0;
         m.ops[0].options.reset();
       }),
       Status::bad_model,
       {"operator 0 (CONV_2D): has no Conv2DOptions table"}},
      {"CONV_2D with Pool2DOptions",
       conv([](ModelSpec& m) { m.ops[0].options_type = 5; }),
       Status::bad_model,
       {"operator 0 (CONV_2D): has no Conv2DOptions table"}},
      {"CONV_2D stride 0",
       conv([](ModelSpec& m) { m.ops[0].options = tr::test::conv_options(0, 0, 1); }),
       Status::bad_model,
       {"operator 0 (CONV_2D): stride_h 0 must be at least 1"}},
      {"CONV_2D padding 7",
       conv([](ModelSpec& m) { m.ops[0].options = tr::test::conv_options(1, 7, 1); }),
       Status::bad_model,
       {"operator 0 (CONV_2D): padding 7 is neither SAME nor VALID"}},
      {"AVERAGE_POOL_2D without options",
       conv([](ModelSpec& m) {
         m.ops[2].options_type = 0;
         m.ops[2].options.reset();
       }),
       Status::bad_model,
       {"operator 2 (AVERAGE_POOL_2D): filter 0x0"}},
      {"SOFTMAX beta 0",
       conv([](ModelSpec& m) { m.ops[4].options = tr::test::softmax_options(0.0f); }),
       Status::bad_model,
       {"operator 4 (SOFTMAX): beta"}},
      {"FULLY_CONNECTED activation 9",
       fc([](ModelSpec& m) { m.ops[0].options = tr::test::fully_connected_options(9); }),
       Status::bad_model,
       {"operator 0 (FULLY_CONNECTED): fused activation 9 is invalid"}},
      {"CONCATENATION axis 4",
       elementwise([](ModelSpec& m) { m.ops[2].options = tr::test::concatenation_options(4); }),
       Status::bad_model,
       {"operator 2 (CONCATENATION): axis is outside output shape"}},
      {"schema version 2",
       fc([](ModelSpec& m) { m.version = 2; }),
       Status::unsupported,
       {"model schema version is 2, expected 3"}},
  };
  for (const Fault& f : faults) check_fault(f);
}

TEST_CASE("unsatisfiable dataflow names the operator and tensor", "[corrupt]") {
  const Fault faults[] = {
      {"reads a later op's output (cycle)",
       elementwise([](ModelSpec& m) { m.ops[0].inputs[1] = kEwProd; }),
       Status::bad_model,
       {"operator 0 (ADD) reads tensor 3 before any operator writes it"}},
      {"reads its own output",
       elementwise([](ModelSpec& m) { m.ops[1].inputs[1] = kEwProd; }),
       Status::bad_model,
       {"operator 1 (MUL) reads tensor 3 before any operator writes it"}},
      {"two writers",
       elementwise([](ModelSpec& m) { m.ops[1].outputs[0] = kEwSum; }),
       Status::bad_model,
       {"operator 1 (MUL) writes tensor 2, already written"}},
      {"writes a constant",
       fc([](ModelSpec& m) { m.ops[0].outputs[0] = kFcW1; }),
       Status::bad_model,
       {"operator 0 (FULLY_CONNECTED) writes tensor 1, which has constant data"}},
      {"writes the graph input",
       fc([](ModelSpec& m) { m.ops[2].outputs[0] = kFcIn; }),
       Status::bad_model,
       {"operator 2 (FULLY_CONNECTED) writes tensor 0, a graph input"}},
      {"output never written",
       fc([](ModelSpec& m) {
         m.outputs = {m.add_int8("orphan", {1, 2}, 0.1f, 0)};
       }),
       Status::bad_model,
       {"graph output tensor 7 is never written"}},
  };
  for (const Fault& f : faults) check_fault(f);
}

TEST_CASE("models beyond the engine's fixed tables are rejected with the count", "[corrupt]") {
  const Fault faults[] = {
      {"129 tensors",
       fc([](ModelSpec& m) {
         while (m.tensors.size() < 129) m.add_int8("spare", {1}, 0.1f, 0);
       }),
       Status::no_memory,
       {"model has 129 tensors, the engine holds at most 128"}},
      {"129 operators",
       fc([](ModelSpec& m) {
         while (m.ops.size() < 129) m.ops.push_back(m.ops[1]);
       }),
       Status::no_memory,
       {"model has 129 operators, the engine holds at most 128"}},
      {"7 operator inputs",
       elementwise([](ModelSpec& m) {
         m.ops[2].inputs = {kEwSum, kEwProd, kEwSum, kEwProd, kEwSum, kEwProd, kEwSum};
       }),
       Status::unsupported,
       {"operator 2 (CONCATENATION) has 7 inputs, at most 6"}},
      {"9 graph inputs",
       fc([](ModelSpec& m) { m.inputs.assign(9, kFcIn); }),
       Status::no_memory,
       {"model has 9 graph inputs, the engine holds at most 8"}},
  };
  for (const Fault& f : faults) check_fault(f);
}

}  // namespace tr::test
