#include "engine/model_loader.h"

#include "engine/builtin_names.h"
#include "engine/operator_loader.h"
#include "engine/schema.h"
#include "engine/tensor_loader.h"

namespace tr::engine {
namespace {

ErrorText& fail(ErrorText& err) {
  err.clear();
  return err;
}

// "operator 3 (CONV_2D)".
ErrorText& fail_op(ErrorText& err, uint32_t index, int32_t code) {
  fail(err).append("operator ").append_uint(index);
  return err.append(" (").append(builtin_operator_name(code)).append(")");
}

Status check_count(const char* what, uint32_t count, uint32_t limit, ErrorText& err) {
  if (count <= limit) return Status::ok;
  fail(err).append("model has ").append_uint(count).append(" ").append(what);
  err.append(", the engine holds at most ").append_uint(limit);
  return Status::no_memory;
}

Status load_io(const FlatbufferReader& r, const FbTable& sg, bool outputs, Graph& g,
               ErrorText& err) {
  const char* what = outputs ? "outputs" : "inputs";
  FbVector list;
  Status s = r.vector(sg, outputs ? schema::subgraph::kOutputs : schema::subgraph::kInputs, 4,
                      {"SubGraph", 0, what}, list, err);
  if (s == Status::ok && list.count == 0) {
    fail(err).append("the graph has no ").append(what);
    s = Status::bad_model;
  }
  if (s == Status::ok)
    s = check_count(outputs ? "graph outputs" : "graph inputs", list.count, kMaxGraphIo, err);
  if (s != Status::ok) return s;
  for (uint32_t i = 0; i < list.count; ++i) {
    const auto t = r.element<int32_t>(list, i);
    if (t < 0 || static_cast<uint32_t>(t) >= g.tensor_count || g.tensors[t].is_constant) {
      fail(err).append("graph ").append(outputs ? "output " : "input ").append_uint(i);
      err.append(" refers to tensor ").append_int(t);
      err.append(t >= 0 && static_cast<uint32_t>(t) < g.tensor_count ? ", which has constant data"
                                                                     : ", which does not exist");
      return Status::bad_model;
    }
    (outputs ? g.outputs : g.inputs)[i] = static_cast<int16_t>(t);
    (outputs ? g.tensors[t].is_graph_output : g.tensors[t].is_graph_input) = true;
  }
  (outputs ? g.output_count : g.input_count) = list.count;
  return Status::ok;
}

void mark_use(Tensor& t, int16_t op) {
  if (t.first_use < 0) t.first_use = op;
  if (t.last_use < op) t.last_use = op;
}

// Producers and lifetimes; graph inputs and outputs span the whole graph so repeated invoke()
// calls may reuse the input and the output stays readable.
Status link_dataflow(Graph& g, ErrorText& err) {
  for (uint32_t i = 0; i < g.op_count; ++i) {
    const OperatorNode& op = g.ops[i];
    const auto oi = static_cast<int16_t>(i);
    for (uint8_t k = 0; k < op.input_count; ++k) {
      if (op.inputs[k] < 0) continue;
      Tensor& t = g.tensors[op.inputs[k]];
      if (!t.is_constant && !t.is_graph_input && t.producer < 0) {
        fail_op(err, i, op.code).append(" reads tensor ").append_int(op.inputs[k]);
        err.append(" before any operator writes it");
        return Status::bad_model;
      }
      if (!t.is_constant) mark_use(t, oi);
    }
    for (uint8_t k = 0; k < op.output_count; ++k) {
      Tensor& t = g.tensors[op.outputs[k]];
      if (t.is_constant || t.is_graph_input || t.producer >= 0) {
        fail_op(err, i, op.code).append(" writes tensor ").append_int(op.outputs[k]);
        err.append(t.is_constant ? ", which has constant data"
                                 : (t.is_graph_input ? ", a graph input" : ", already written"));
        return Status::bad_model;
      }
      t.producer = oi;
      mark_use(t, oi);
    }
  }
  const auto last = static_cast<int16_t>(g.op_count == 0 ? 0 : g.op_count - 1);
  for (uint32_t i = 0; i < g.tensor_count; ++i) {
    Tensor& t = g.tensors[i];
    if (!t.is_graph_input && !t.is_graph_output) continue;
    if (t.is_graph_output && !t.is_graph_input && t.producer < 0) {
      fail(err).append("graph output tensor ").append_uint(i).append(" is never written");
      return Status::bad_model;
    }
    // Graph inputs are written before operator 0 and, like TFLM's, may be overwritten once
    // their last reader has run: callers set the input before every invoke. Outputs stay
    // readable after the last operator.
    if (t.is_graph_input) {
      t.first_use = 0;
      if (t.last_use < 0) t.last_use = 0;
    }
    if (t.is_graph_output) t.last_use = last;
  }
  return Status::ok;
}

Status load_tensors(const FlatbufferReader& r, const FbTable& sg, const FbVector& buffers, Graph& g,
                    ErrorText& err) {
  FbVector tensors;
  Status s = r.vector(sg, schema::subgraph::kTensors, 4, {"SubGraph", 0, "tensors"}, tensors, err);
  if (s == Status::ok) s = check_count("tensors", tensors.count, kMaxTensors, err);
  for (uint32_t i = 0; s == Status::ok && i < tensors.count; ++i) {
    FbTable t;
    s = r.table_element(tensors, i, {"Tensor", static_cast<int32_t>(i), nullptr}, t, err);
    if (s == Status::ok) s = load_tensor(r, buffers, t, i, g.tensors[i], err);
  }
  if (s == Status::ok) g.tensor_count = tensors.count;
  return s;
}

Status load_operators(const FlatbufferReader& r, const FbTable& model, const FbTable& sg, Graph& g,
                      ErrorText& err) {
  FbVector codes;
  FbVector ops;
  Status s = r.vector(model, schema::model::kOperatorCodes, 4, {"Model", -1, "operator_codes"},
                      codes, err);
  if (s == Status::ok)
    s = r.vector(sg, schema::subgraph::kOperators, 4, {"SubGraph", 0, "operators"}, ops, err);
  if (s == Status::ok) s = check_count("operators", ops.count, kMaxOperators, err);
  for (uint32_t i = 0; s == Status::ok && i < ops.count; ++i) {
    FbTable t;
    s = r.table_element(ops, i, {"Operator", static_cast<int32_t>(i), nullptr}, t, err);
    if (s == Status::ok) s = load_operator(r, codes, g.tensor_count, t, i, g.ops[i], err);
  }
  if (s == Status::ok) g.op_count = ops.count;
  return s;
}

}  // namespace

Status load_graph(const uint8_t* model, uint32_t size, Graph& g, ErrorText& err) {
  g.reader = FlatbufferReader(model, size);
  g.tensor_count = g.op_count = g.input_count = g.output_count = 0;
  const FlatbufferReader& r = g.reader;
  FbTable root;
  uint32_t version = 0;
  Status s = r.root("TFL3", root, err);
  if (s == Status::ok)
    s = r.scalar<uint32_t>(root, schema::model::kVersion, 0, {"Model", -1, "version"}, version,
                           err);
  if (s != Status::ok) return s;
  if (version != schema::kSchemaVersion) {
    fail(err).append("model schema version is ").append_uint(version).append(", expected 3");
    return Status::unsupported;
  }
  FbVector subgraphs;
  FbVector buffers;
  FbTable sg;
  s = r.vector(root, schema::model::kSubgraphs, 4, {"Model", -1, "subgraphs"}, subgraphs, err);
  if (s == Status::ok && subgraphs.count == 0) {
    fail(err).append("model has no subgraphs");
    return Status::bad_model;
  }
  if (s == Status::ok) s = r.table_element(subgraphs, 0, {"SubGraph", 0, nullptr}, sg, err);
  if (s == Status::ok)
    s = r.vector(root, schema::model::kBuffers, 4, {"Model", -1, "buffers"}, buffers, err);
  if (s == Status::ok) s = load_tensors(r, sg, buffers, g, err);
  if (s == Status::ok) s = load_io(r, sg, false, g, err);
  if (s == Status::ok) s = load_io(r, sg, true, g, err);
  if (s == Status::ok) s = load_operators(r, root, sg, g, err);
  if (s == Status::ok) s = link_dataflow(g, err);
  return s;
}

}  // namespace tr::engine
