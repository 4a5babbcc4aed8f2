// Test helper: the structural landmarks of a valid .tflite file, found by walking it with the
// engine's own reader along the paths the loader takes (subgraph 0, the buffers its tensors use,
// the operator codes its operators use). Corrupt-model tests cut or redirect the file at each
// landmark and expect load() to name the object in the same words ("Tensor 3 shape").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tr::test {

struct Landmark {
  enum class Kind {
    table,   // `pos` = the table's start (its soffset to the vtable)
    vector,  // `pos` = the vector's element count
    offset,  // `pos` = a uoffset field or vector element leading to a table or vector
  };
  Kind kind;
  uint32_t pos;
  std::string what;  // how the engine names the object in errors, e.g. "Tensor 3 shape"
};

// Every landmark the loader visits, in the order it visits them. Fails the test (REQUIRE)
// when `model` is not a valid model.
std::vector<Landmark> model_landmarks(const std::vector<uint8_t>& model);

}  // namespace tr::test
