#include "engine/tensor_loader.h"

#include "engine/builtin_names.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

namespace ts = schema::tensor;
constexpr uint64_t kMaxElements = uint64_t{1} << 31;

ErrorText& fail(ErrorText& err, uint32_t index) {
  err.clear();
  return err.append("Tensor ").append_uint(index).append(" ");
}

Status load_shape(const FlatbufferReader& r, const FbTable& t, uint32_t index, Tensor& out,
                  ErrorText& err) {
  FbVector shape;
  Status s =
      r.vector(t, ts::kShape, 4, {"Tensor", static_cast<int32_t>(index), "shape"}, shape, err);
  if (s != Status::ok) return s;
  if (shape.count > static_cast<uint32_t>(kMaxRank)) {
    fail(err, index)
        .append("has rank ")
        .append_uint(shape.count)
        .append(", the engine supports up to ");
    err.append_int(kMaxRank);
    return Status::unsupported;
  }
  out.rank = static_cast<uint8_t>(shape.count);
  uint64_t elements = 1;
  // The product with zero (and -1) dimensions counted as 1: an empty tensor's other dimensions
  // still feed strides and loop bounds in the ops, so they obey the same cap.
  uint64_t extent = 1;
  bool has_zero = false;
  for (uint32_t i = 0; i < shape.count; ++i) {
    const auto d = r.element<int32_t>(shape, i);
    if (d < -1) {
      fail(err, index).append("dimension ").append_uint(i).append(" is ").append_int(d);
      return Status::bad_model;
    }
    out.dims[i] = d;
    if (d == -1) out.dims_known = false;
    if (d == 0) has_zero = true;
    if (extent > kMaxElements) continue;  // already rejected below; avoid wrapping
    if (d != -1) elements *= static_cast<uint32_t>(d);
    if (d > 1) extent *= static_cast<uint32_t>(d);
  }
  // Capping bytes (not just elements) keeps every later size computation inside uint32.
  const uint64_t elem = tensor_type_size(out.type);
  const uint64_t bytes = has_zero ? 0 : elements * elem;
  if (extent > kMaxElements || extent * elem > kMaxElements) {
    fail(err, index)
        .append(has_zero ? "has a zero dimension, but its other dimensions span more than"
                         : "is larger than");
    err.append(" 2^31 bytes");
    return Status::unsupported;
  }
  if (out.dims_known) out.bytes = static_cast<uint32_t>(bytes);
  return Status::ok;
}

Status load_data(const FlatbufferReader& r, const FbVector& buffers, const FbTable& t,
                 uint32_t index, Tensor& out, ErrorText& err) {
  uint32_t buffer = 0;
  Status s = r.scalar<uint32_t>(t, ts::kBuffer, 0,
                                {"Tensor", static_cast<int32_t>(index), "buffer"}, buffer, err);
  if (s != Status::ok || buffer == 0) return s;  // 0: the empty sentinel
  if (buffer >= buffers.count) {
    fail(err, index).append("buffer index ").append_uint(buffer).append(" is out of range (");
    err.append_uint(buffers.count).append(" buffers)");
    return Status::bad_model;
  }
  const auto b = static_cast<int32_t>(buffer);
  FbTable table;
  FbVector data;
  s = r.table_element(buffers, buffer, {"Buffer", b, nullptr}, table, err);
  if (s == Status::ok)
    s = r.vector(table, schema::buffer::kData, 1, {"Buffer", b, "data"}, data, err);
  if (s != Status::ok || data.count == 0) return s;  // absent or empty data: an activation
  const uint32_t elem = tensor_type_size(out.type);
  if (!out.dims_known || (elem != 0 && data.count != out.bytes)) {
    fail(err, index).append("data is ").append_uint(data.count).append(" bytes, its shape needs ");
    err.append_uint(out.dims_known ? out.bytes : 0);
    return Status::bad_model;
  }
  const uint32_t align = elem >= 4 ? 4 : (elem == 0 ? 1 : elem);
  if (((reinterpret_cast<uintptr_t>(r.data()) + data.pos) % align) != 0) {
    fail(err, index).append("data at offset ").append_hex(data.pos).append(" is not ");
    err.append_uint(align).append("-byte aligned");
    return Status::bad_model;
  }
  out.is_constant = true;
  out.constant_data = r.data() + data.pos;
  out.bytes = data.count;
  return Status::ok;
}

Status load_quantization(const FlatbufferReader& r, const FbTable& t, uint32_t index, Tensor& out,
                         ErrorText& err) {
  namespace q = schema::quantization;
  const auto i = static_cast<int32_t>(index);
  FbTable table;
  Status s = r.table(t, ts::kQuantization, {"Tensor", i, "quantization"}, table, err);
  if (s != Status::ok || !table.present) return s;
  uint8_t details = 0;
  s = r.scalar<uint8_t>(table, q::kDetailsType, 0, {"Quantization", i, "details_type"}, details,
                        err);
  if (s == Status::ok)
    s = r.vector(table, q::kScale, 4, {"Quantization", i, "scale"}, out.scales, err);
  if (s == Status::ok) {
    s = r.vector(table, q::kZeroPoint, 8, {"Quantization", i, "zero_point"}, out.zero_points, err);
  }
  if (s == Status::ok) {
    s = r.scalar<int32_t>(table, q::kQuantizedDimension, 0,
                          {"Quantization", i, "quantized_dimension"}, out.quantized_dimension, err);
  }
  if (s != Status::ok) return s;
  out.custom_quantization = details != 0;
  // TFLM: quantized only when both vectors are non-empty.
  if (out.scales.count > 0 && out.zero_points.count > 0) {
    out.quantized = true;
    out.scale = r.element<float>(out.scales, 0);
    out.zero_point = static_cast<int32_t>(r.element<int64_t>(out.zero_points, 0));
  }
  return Status::ok;
}

}  // namespace

Status load_tensor(const FlatbufferReader& r, const FbVector& buffers, const FbTable& t,
                   uint32_t index, Tensor& out, ErrorText& err) {
  out = Tensor{};
  const auto i = static_cast<int32_t>(index);
  uint8_t is_variable = 0;
  FbTable sparsity;
  Status s = r.scalar<uint8_t>(t, ts::kType, 0, {"Tensor", i, "type"}, out.type, err);
  if (s == Status::ok)
    s = r.scalar<uint8_t>(t, ts::kIsVariable, 0, {"Tensor", i, "is_variable"}, is_variable, err);
  if (s == Status::ok) s = r.table(t, ts::kSparsity, {"Tensor", i, "sparsity"}, sparsity, err);
  if (s != Status::ok) return s;
  if (is_variable != 0 || sparsity.present) {
    fail(err, index).append(is_variable != 0 ? "is a variable tensor" : "is sparse");
    err.append(", which is not supported");
    return Status::unsupported;
  }
  s = load_shape(r, t, index, out, err);
  if (s == Status::ok) s = load_data(r, buffers, t, index, out, err);
  if (s == Status::ok) s = load_quantization(r, t, index, out, err);
  return s;
}

}  // namespace tr::engine
