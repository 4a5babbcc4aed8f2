#include "engine/flatbuffer_reader.h"

namespace tr::engine {
namespace {

uint32_t load_u32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

uint16_t load_u16(const uint8_t* p) {
  uint16_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

Status truncated(ErrorText& err, const FbWhere& where, const char* kind, uint32_t pos,
                 uint32_t size) {
  err.clear();
  err.append("truncated: ");
  append_where(err, where);
  err.append(" ").append(kind).append(" at offset ").append_hex(pos);
  err.append(" runs past the end of the ").append_uint(size).append("-byte model");
  return Status::bad_model;
}

}  // namespace

void append_where(ErrorText& err, const FbWhere& where) {
  err.append(where.table);
  if (where.index >= 0) err.append(" ").append_int(where.index);
  if (where.field != nullptr) err.append(" ").append(where.field);
}

Status FlatbufferReader::root(const char identifier[4], FbTable& out, ErrorText& err) const {
  if (data_ == nullptr || size_ < 8) {
    err.clear();
    err.append("model is ").append_uint(size_).append(" bytes, smaller than the 8-byte header");
    return Status::bad_model;
  }
  if (std::memcmp(data_ + 4, identifier, 4) != 0) {
    err.clear();
    err.append("missing ");
    for (int i = 0; i < 4; ++i) {
      const char c[2] = {identifier[i], '\0'};
      err.append(c);
    }
    err.append(" identifier");
    return Status::bad_model;
  }
  const FbWhere where{"Model", -1, nullptr};
  uint32_t pos = 0;
  Status s = follow(0, 4, where, "root offset", pos, err);
  if (s != Status::ok) return s;
  return table_at(pos, where, out, err);
}

Status FlatbufferReader::table_at(uint32_t pos, const FbWhere& where, FbTable& out,
                                  ErrorText& err) const {
  out = FbTable{};
  if (!fits(pos, 4)) return truncated(err, where, "table", pos, size_);
  // vtable = table - soffset (signed), computed in 64 bits so no value can wrap.
  int32_t soffset;
  std::memcpy(&soffset, data_ + pos, sizeof soffset);
  const int64_t vt = static_cast<int64_t>(pos) - static_cast<int64_t>(soffset);
  if (vt < 0 || !fits(static_cast<uint64_t>(vt), 4)) {
    err.clear();
    err.append("corrupt: ");
    append_where(err, where);
    err.append(" table at offset ").append_hex(pos).append(" has its vtable outside the model");
    return Status::bad_model;
  }
  const uint32_t vtable = static_cast<uint32_t>(vt);
  const uint16_t vsize = load_u16(data_ + vtable);
  const uint16_t isize = load_u16(data_ + vtable + 2);
  if (vsize < 4 || (vsize & 1u) != 0 || isize < 4) {
    err.clear();
    err.append("corrupt: ");
    append_where(err, where);
    err.append(" vtable at offset ").append_hex(vtable).append(" has invalid sizes ");
    err.append_uint(vsize).append("/").append_uint(isize);
    return Status::bad_model;
  }
  if (!fits(vtable, vsize)) return truncated(err, where, "vtable", vtable, size_);
  if (!fits(pos, isize)) return truncated(err, where, "table", pos, size_);
  out.pos = pos;
  out.vtable = vtable;
  out.vtable_size = vsize;
  out.inline_size = isize;
  out.present = true;
  return Status::ok;
}

Status FlatbufferReader::field_pos(const FbTable& t, int slot, uint32_t field_size,
                                   const FbWhere& where, uint32_t& pos, ErrorText& err) const {
  pos = 0;
  if (!t.present) return Status::ok;
  const uint32_t entry = 4u + 2u * static_cast<uint32_t>(slot);
  if (entry + 2u > t.vtable_size) return Status::ok;  // written by an older schema: absent
  const uint16_t off = load_u16(data_ + t.vtable + entry);
  if (off == 0) return Status::ok;
  if (off < 4 || static_cast<uint32_t>(off) + field_size > t.inline_size) {
    err.clear();
    err.append("corrupt: ");
    append_where(err, where);
    err.append(" field at table offset ").append_hex(t.pos).append(" lies outside its table");
    return Status::bad_model;
  }
  pos = t.pos + off;  // inside the table, which table_at() checked
  return Status::ok;
}

Status FlatbufferReader::follow(uint32_t at, uint32_t min_bytes, const FbWhere& where,
                                const char* kind, uint32_t& target, ErrorText& err) const {
  if (!fits(at, 4)) return truncated(err, where, kind, at, size_);
  const uint64_t t = static_cast<uint64_t>(at) + load_u32(data_ + at);
  if (!fits(t, min_bytes)) {
    err.clear();
    err.append("out of range: ");
    append_where(err, where);
    err.append(" ").append(kind).append(" at ").append_hex(at).append(
        " points past the end of the ");
    err.append_uint(size_).append("-byte model");
    return Status::bad_model;
  }
  target = static_cast<uint32_t>(t);
  return Status::ok;
}

Status FlatbufferReader::table(const FbTable& t, int slot, const FbWhere& where, FbTable& out,
                               ErrorText& err) const {
  out = FbTable{};
  uint32_t pos = 0;
  Status s = field_pos(t, slot, 4, where, pos, err);
  if (s != Status::ok || pos == 0) return s;
  uint32_t target = 0;
  s = follow(pos, 4, where, "offset", target, err);
  if (s != Status::ok) return s;
  return table_at(target, where, out, err);
}

Status FlatbufferReader::vector_at(uint32_t pos, uint32_t elem_size, const FbWhere& where,
                                   FbVector& out, ErrorText& err) const {
  out = FbVector{};
  if (!fits(pos, 4)) return truncated(err, where, "vector", pos, size_);
  const uint32_t count = load_u32(data_ + pos);
  // 64-bit product: a count of 0xffffffff elements cannot wrap around.
  if (!fits(static_cast<uint64_t>(pos) + 4u, static_cast<uint64_t>(count) * elem_size)) {
    return truncated(err, where, "vector", pos, size_);
  }
  out.pos = pos + 4u;
  out.count = count;
  out.elem_size = elem_size;
  out.present = true;
  return Status::ok;
}

Status FlatbufferReader::vector(const FbTable& t, int slot, uint32_t elem_size,
                                const FbWhere& where, FbVector& out, ErrorText& err) const {
  out = FbVector{};
  uint32_t pos = 0;
  Status s = field_pos(t, slot, 4, where, pos, err);
  if (s != Status::ok || pos == 0) return s;
  uint32_t target = 0;
  s = follow(pos, 4, where, "vector offset", target, err);
  if (s != Status::ok) return s;
  return vector_at(target, elem_size, where, out, err);
}

Status FlatbufferReader::table_element(const FbVector& v, uint32_t i, const FbWhere& where,
                                       FbTable& out, ErrorText& err) const {
  out = FbTable{};
  if (!v.present || i >= v.count || v.elem_size != 4) {
    err.clear();
    err.append("internal: ");
    append_where(err, where);
    err.append(" element index out of range");
    return Status::bad_argument;
  }
  uint32_t target = 0;
  Status s = follow(v.pos + 4u * i, 4, where, "offset", target, err);
  if (s != Status::ok) return s;
  return table_at(target, where, out, err);
}

}  // namespace tr::engine
