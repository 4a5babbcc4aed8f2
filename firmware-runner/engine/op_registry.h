// The operators the engine runs, TFLM style: one registration {builtin code, prepare, eval} per
// op. prepare validates the node, computes its parameters once and stores them in op_data;
// eval only computes.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "engine/graph.h"
#include "engine/persistent_allocator.h"

namespace tr::engine {

// What prepare sees: the graph, the node's index, arena for per-op data, and the error text.
class PrepareContext {
 public:
  PrepareContext(Graph& graph, uint32_t op_index, PersistentAllocator& persistent, ErrorText& err)
      : graph_(graph), op_index_(op_index), persistent_(persistent), err_(err) {}

  Graph& graph() { return graph_; }
  uint32_t op_index() const { return op_index_; }
  ErrorText& err() { return err_; }
  const uint8_t* model() const { return graph_.reader.data(); }
  OperatorNode& node() { return graph_.ops[op_index_]; }
  Tensor& tensor(int16_t index) { return graph_.tensors[index]; }

  // A zeroed block for per-op data; on failure fills the error and returns nullptr.
  void* allocate_persistent(uint32_t bytes);

  // Asks for `bytes` of scratch during this operator's eval (node().scratch); repeated requests
  // keep the largest. The arena plan gives it memory that other operators reuse.
  void request_scratch(uint32_t bytes) {
    if (bytes > node().scratch_bytes) node().scratch_bytes = bytes;
  }

  // Clears the error text and starts it with "operator 3 (FULLY_CONNECTED): ".
  ErrorText& fail();

 private:
  Graph& graph_;
  uint32_t op_index_;
  PersistentAllocator& persistent_;
  ErrorText& err_;
};

struct OpRegistration {
  int32_t code;
  Status (*prepare)(PrepareContext& ctx);
  Status (*eval)(Graph& graph, const OperatorNode& node, ErrorText& err);
};

// The registration for an effective builtin code, or nullptr when the engine lacks the op.
const OpRegistration* find_registration(int32_t code);

// Clears `err` and writes "operator 3 (FULLY_CONNECTED): ".
ErrorText& begin_operator_error(ErrorText& err, uint32_t op_index, int32_t code);

}  // namespace tr::engine
