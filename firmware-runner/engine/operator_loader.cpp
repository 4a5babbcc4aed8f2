#include "engine/operator_loader.h"

#include "engine/builtin_names.h"
#include "engine/op_registry.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

ErrorText& fail(ErrorText& err, uint32_t index) {
  err.clear();
  return err.append("operator ").append_uint(index).append(" ");
}

// "operator 3 (CONV_2D) ": once the code is known, errors name the op as well.
ErrorText& fail_op(ErrorText& err, uint32_t index, int32_t code) {
  return fail(err, index).append("(").append(builtin_operator_name(code)).append(") ");
}

// Effective code = max(builtin_code, deprecated_builtin_code) (tflite-format.md §2.4).
Status resolve_code(const FlatbufferReader& r, const FbVector& codes, uint32_t opcode_index,
                    uint32_t index, int32_t& code, FbVector& custom_name, ErrorText& err) {
  namespace oc = schema::operator_code;
  if (opcode_index >= codes.count) {
    fail(err, index).append("opcode_index ").append_uint(opcode_index).append(" is out of range (");
    err.append_uint(codes.count).append(" operator codes)");
    return Status::bad_model;
  }
  const auto c = static_cast<int32_t>(opcode_index);
  FbTable t;
  int8_t deprecated = 0;
  int32_t builtin = 0;
  Status s = r.table_element(codes, opcode_index, {"OperatorCode", c, nullptr}, t, err);
  if (s == Status::ok) {
    s = r.scalar<int8_t>(t, oc::kDeprecatedBuiltinCode, 0,
                         {"OperatorCode", c, "deprecated_builtin_code"}, deprecated, err);
  }
  if (s == Status::ok)
    s = r.scalar<int32_t>(t, oc::kBuiltinCode, 0, {"OperatorCode", c, "builtin_code"}, builtin,
                          err);
  if (s == Status::ok)
    s = r.vector(t, oc::kCustomCode, 1, {"OperatorCode", c, "custom_code"}, custom_name, err);
  if (s != Status::ok) return s;
  code = builtin > deprecated ? builtin : deprecated;
  if (code < 0 || code > schema::kMaxBuiltinCode) {
    fail(err, index).append("has invalid builtin code ").append_int(code);
    return Status::bad_model;
  }
  return Status::ok;
}

Status load_tensor_list(const FlatbufferReader& r, const FbTable& t, int slot, bool is_output,
                        uint32_t tensor_count, uint32_t index, OperatorNode& out, ErrorText& err) {
  const char* what = is_output ? "outputs" : "inputs";
  FbVector list;
  Status s = r.vector(t, slot, 4, {"Operator", static_cast<int32_t>(index), what}, list, err);
  if (s != Status::ok) return s;
  const uint32_t limit = is_output ? kMaxOpOutputs : kMaxOpInputs;
  if (list.count > limit) {
    fail_op(err, index, out.code).append("has ").append_uint(list.count).append(" ").append(what);
    err.append(", at most ").append_uint(limit).append(" are supported");
    return Status::unsupported;
  }
  int16_t* dest = is_output ? out.outputs : out.inputs;
  for (uint32_t i = 0; i < list.count; ++i) {
    const auto v = r.element<int32_t>(list, i);
    // -1 marks an omitted optional input; outputs are never optional.
    if (v < (is_output ? 0 : -1) || v >= static_cast<int64_t>(tensor_count)) {
      fail_op(err, index, out.code)
          .append(is_output ? "output " : "input ")
          .append_uint(i)
          .append(" refers to tensor ");
      err.append_int(v).append(" (").append_uint(tensor_count).append(" tensors)");
      return Status::bad_model;
    }
    dest[i] = static_cast<int16_t>(v);
  }
  (is_output ? out.output_count : out.input_count) = static_cast<uint8_t>(list.count);
  return Status::ok;
}

void append_custom_name(ErrorText& err, const FlatbufferReader& r, const FbVector& name) {
  err.append(" \"");
  for (uint32_t i = 0; i < name.count && i < 24; ++i) {
    const auto ch = static_cast<char>(r.element<uint8_t>(name, i));
    const char s[2] = {(ch >= 32 && ch < 127) ? ch : '?', '\0'};
    err.append(s);
  }
  err.append("\"");
}

}  // namespace

Status load_operator(const FlatbufferReader& r, const FbVector& codes, uint32_t tensor_count,
                     const FbTable& t, uint32_t index, OperatorNode& out, ErrorText& err) {
  namespace op = schema::op;
  out = OperatorNode{};
  const auto i = static_cast<int32_t>(index);
  uint32_t opcode_index = 0;
  FbVector custom_name;
  FbVector custom_options;
  Status s = r.scalar<uint32_t>(t, op::kOpcodeIndex, 0, {"Operator", i, "opcode_index"},
                                opcode_index, err);
  if (s == Status::ok) s = resolve_code(r, codes, opcode_index, index, out.code, custom_name, err);
  if (s == Status::ok)
    s = load_tensor_list(r, t, op::kInputs, false, tensor_count, index, out, err);
  if (s == Status::ok)
    s = load_tensor_list(r, t, op::kOutputs, true, tensor_count, index, out, err);
  if (s == Status::ok) {
    s = r.scalar<uint8_t>(t, op::kBuiltinOptionsType, 0, {"Operator", i, "builtin_options_type"},
                          out.options_type, err);
  }
  if (s == Status::ok && out.options_type != 0) {
    s = r.table(t, op::kBuiltinOptions, {"Operator", i, "builtin_options"}, out.options, err);
  }
  if (s == Status::ok)
    s = r.vector(t, op::kCustomOptions, 1, {"Operator", i, "custom_options"}, custom_options, err);
  if (s != Status::ok) return s;
  out.registration = find_registration(out.code);
  if (out.registration == nullptr) {
    fail(err, index).append("(").append(builtin_operator_name(out.code));
    if (out.code == schema::kOpCustom && custom_name.present)
      append_custom_name(err, r, custom_name);
    err.append(", code ").append_int(out.code).append(") is not supported");
    return Status::unsupported;
  }
  if (custom_options.present) {
    fail(err, index).append("(").append(builtin_operator_name(out.code));
    err.append(") is a builtin operator but carries custom options");
    return Status::bad_model;
  }
  return Status::ok;
}

}  // namespace tr::engine
