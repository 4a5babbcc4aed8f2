// A minimal FlatBuffers writer (tflite-format.md §1), enough for .tflite files. Objects are
// described as a tree and serialized front to back: a parent is written before its children,
// so every uoffset points forward as the format requires; each vtable sits just before its
// table. Not a general-purpose library: no sharing of vtables or sub-objects.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace tr::workloads {

class FbObject {
 public:
  enum class Kind { table, scalar_vector, object_vector, string };

  static FbObject table() { return FbObject(Kind::table); }
  static FbObject string(std::string_view s);
  static FbObject object_vector(std::vector<FbObject> items);
  // Raw little-endian element bytes; the payload is aligned to `align` (>= element size).
  static FbObject scalar_vector(std::vector<uint8_t> bytes, uint32_t elem_size, uint32_t align);
  template <typename T>
  static FbObject vector_of(const std::vector<T>& values, uint32_t align = sizeof(T)) {
    std::vector<uint8_t> bytes(values.size() * sizeof(T));
    if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
    return scalar_vector(std::move(bytes), sizeof(T), align);
  }

  // Table fields (slot = schema field id). Scalars are stored even when equal to the default.
  template <typename T>
  FbObject& add_scalar(int slot, T value) {
    Scalar s{slot, static_cast<uint32_t>(sizeof(T)), {}};
    std::memcpy(s.bytes, &value, sizeof(T));
    scalars_.push_back(s);
    return *this;
  }
  FbObject& add_object(int slot, FbObject child);

 private:
  friend class FbSerializer;
  struct Scalar {
    int slot;
    uint32_t size;
    uint8_t bytes[8];
  };
  explicit FbObject(Kind kind) : kind_(kind) {}

  Kind kind_;
  std::vector<Scalar> scalars_;     // table
  std::vector<FbObject> children_;  // table children or vector items
  std::vector<int> child_slots_;    // table only, parallel to children_
  std::vector<uint8_t> bytes_;      // scalar vector payload or string bytes
  uint32_t elem_size_ = 1;
  uint32_t align_ = 1;
};

// Serializes `root` after a 4-byte root offset and a 4-character file identifier.
std::vector<uint8_t> serialize_flatbuffer(const FbObject& root, const char identifier[4]);

}  // namespace tr::workloads
