// A bounds-checked reader for FlatBuffers (tflite-format.md §1). Every table, vtable, field,
// offset and vector is checked against the buffer size before it is read, so a truncated or
// corrupt file yields an error naming what and where, never an out-of-bounds read. Scalars are
// read with memcpy: no alignment is assumed. Freestanding: no heap, no exceptions.
#pragma once

#include <cstdint>
#include <cstring>

#include "common/status.h"

namespace tr::engine {

// Names the object being read, for error messages: "Tensor 12 shape".
struct FbWhere {
  const char* table;  // schema table, e.g. "Tensor"
  int32_t index;      // element index within its vector, -1 when not in one
  const char* field;  // field name, nullptr for the table itself
};

struct FbTable {
  uint32_t pos = 0;
  uint32_t vtable = 0;
  uint16_t vtable_size = 0;
  uint16_t inline_size = 0;
  bool present = false;
};

// A vector whose `count` elements of `elem_size` bytes all lie inside the buffer.
struct FbVector {
  uint32_t pos = 0;  // first element (the count sits 4 bytes before)
  uint32_t count = 0;
  uint32_t elem_size = 0;
  bool present = false;
};

class FlatbufferReader {
 public:
  FlatbufferReader() = default;
  FlatbufferReader(const uint8_t* data, uint32_t size) : data_(data), size_(size) {}

  const uint8_t* data() const { return data_; }
  uint32_t size() const { return size_; }

  // Checks the 8-byte header (root offset + 4-byte identifier) and returns the root table.
  Status root(const char identifier[4], FbTable& out, ErrorText& err) const;

  // The table that starts at `pos`, with its vtable checked.
  Status table_at(uint32_t pos, const FbWhere& where, FbTable& out, ErrorText& err) const;

  // A scalar field: `out` = the stored value, or `def` when the field is absent.
  template <typename T>
  Status scalar(const FbTable& t, int slot, T def, const FbWhere& where, T& out,
                ErrorText& err) const {
    uint32_t pos = 0;
    Status s = field_pos(t, slot, sizeof(T), where, pos, err);
    if (s != Status::ok) return s;
    out = def;
    if (pos != 0) std::memcpy(&out, data_ + pos, sizeof(T));
    return Status::ok;
  }

  // A sub-table field; out.present is false when the field is absent.
  Status table(const FbTable& t, int slot, const FbWhere& where, FbTable& out,
               ErrorText& err) const;
  // A vector field of `elem_size`-byte elements; out.present is false when absent.
  Status vector(const FbTable& t, int slot, uint32_t elem_size, const FbWhere& where, FbVector& out,
                ErrorText& err) const;
  // Element i (< v.count) of a vector of tables.
  Status table_element(const FbVector& v, uint32_t i, const FbWhere& where, FbTable& out,
                       ErrorText& err) const;

  // Element i of a checked vector of scalars; i must be < v.count (a bug otherwise).
  template <typename T>
  T element(const FbVector& v, uint32_t i) const {
    T out{};
    if (i < v.count && v.elem_size == sizeof(T)) {
      std::memcpy(&out, data_ + v.pos + i * sizeof(T), sizeof(T));
    }
    return out;
  }

 private:
  // Position of field `slot` (0 when absent) after checking it lies inside the table.
  Status field_pos(const FbTable& t, int slot, uint32_t field_size, const FbWhere& where,
                   uint32_t& pos, ErrorText& err) const;
  // Follows the uoffset stored at `at`; the target must leave `min_bytes` inside the buffer.
  Status follow(uint32_t at, uint32_t min_bytes, const FbWhere& where, const char* kind,
                uint32_t& target, ErrorText& err) const;
  Status vector_at(uint32_t pos, uint32_t elem_size, const FbWhere& where, FbVector& out,
                   ErrorText& err) const;
  bool fits(uint64_t pos, uint64_t bytes) const { return pos + bytes <= size_; }

  const uint8_t* data_ = nullptr;
  uint32_t size_ = 0;
};

// Appends "Tensor 12 shape" to `err`.
void append_where(ErrorText& err, const FbWhere& where);

}  // namespace tr::engine
