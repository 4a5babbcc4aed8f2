#include "builder/flatbuffer_builder.h"

#include <algorithm>
#include <stdexcept>

namespace tr::workloads {

FbObject FbObject::string(std::string_view s) {
  FbObject o(Kind::string);
  o.bytes_.assign(s.begin(), s.end());
  return o;
}

FbObject FbObject::object_vector(std::vector<FbObject> items) {
  FbObject o(Kind::object_vector);
  o.children_ = std::move(items);
  return o;
}

FbObject FbObject::scalar_vector(std::vector<uint8_t> bytes, uint32_t elem_size, uint32_t align) {
  if (elem_size == 0 || bytes.size() % elem_size != 0 || align < elem_size) {
    throw std::invalid_argument("FbObject::scalar_vector: bad element size or alignment");
  }
  FbObject o(Kind::scalar_vector);
  o.bytes_ = std::move(bytes);
  o.elem_size_ = elem_size;
  o.align_ = align;
  return o;
}

FbObject& FbObject::add_object(int slot, FbObject child) {
  if (kind_ != Kind::table) throw std::logic_error("FbObject::add_object on a non-table");
  children_.push_back(std::move(child));
  child_slots_.push_back(slot);
  return *this;
}

class FbSerializer {
 public:
  std::vector<uint8_t> out;

  // Writes `o` (and, after it, everything it references); returns the position uoffsets
  // must point at.
  size_t write(const FbObject& o) {
    switch (o.kind_) {
      case FbObject::Kind::table:
        return write_table(o);
      case FbObject::Kind::scalar_vector:
        return write_vector_header(o.bytes_.size() / o.elem_size_, o.align_, o.bytes_);
      case FbObject::Kind::string: {
        std::vector<uint8_t> bytes = o.bytes_;
        bytes.push_back(0);  // NUL, not counted
        return write_vector_header(o.bytes_.size(), 4, bytes);
      }
      case FbObject::Kind::object_vector:
        return write_object_vector(o);
    }
    throw std::logic_error("FbSerializer: unknown kind");
  }

  void put_u32(size_t at, uint32_t v) { std::memcpy(out.data() + at, &v, 4); }
  void pad_to(size_t align) {
    while (out.size() % align != 0) out.push_back(0);
  }

 private:
  // Count at a 4-aligned position such that the payload after it is `align`-aligned.
  size_t write_vector_header(size_t count, uint32_t align, const std::vector<uint8_t>& payload) {
    const size_t a = std::max<size_t>(align, 4);
    while (out.size() % 4 != 0 || (out.size() + 4) % a != 0) out.push_back(0);
    const size_t pos = out.size();
    out.resize(pos + 4);
    put_u32(pos, static_cast<uint32_t>(count));
    out.insert(out.end(), payload.begin(), payload.end());
    return pos;
  }

  size_t write_object_vector(const FbObject& o) {
    const size_t pos = write_vector_header(o.children_.size(), 4, {});
    const size_t first = out.size();
    out.resize(first + 4 * o.children_.size());
    for (size_t i = 0; i < o.children_.size(); ++i) {
      const size_t target = write(o.children_[i]);
      const size_t at = first + 4 * i;
      put_u32(at, static_cast<uint32_t>(target - at));
    }
    return pos;
  }

  size_t write_table(const FbObject& o);
};

size_t FbSerializer::write_table(const FbObject& o) {
  struct Field {
    int slot;
    uint32_t size;
    const uint8_t* bytes;  // nullptr: a child uoffset
    size_t child;
    uint32_t offset = 0;
  };
  std::vector<Field> fields;
  for (const auto& s : o.scalars_) fields.push_back({s.slot, s.size, s.bytes, 0});
  for (size_t i = 0; i < o.children_.size(); ++i)
    fields.push_back({o.child_slots_[i], 4, nullptr, i});
  // Largest first packs without padding; the table itself starts at its largest alignment.
  std::stable_sort(fields.begin(), fields.end(),
                   [](const Field& a, const Field& b) { return a.size > b.size; });
  uint32_t inline_size = 4;  // the soffset
  uint32_t table_align = 4;
  int max_slot = -1;
  for (auto& f : fields) {
    inline_size = (inline_size + f.size - 1) / f.size * f.size;
    f.offset = inline_size;
    inline_size += f.size;
    table_align = std::max(table_align, f.size);
    max_slot = std::max(max_slot, f.slot);
  }
  const size_t vtable_bytes = 4 + 2 * static_cast<size_t>(max_slot + 1);
  std::vector<uint16_t> vtable(vtable_bytes / 2, 0);
  vtable[0] = static_cast<uint16_t>(vtable_bytes);
  vtable[1] = static_cast<uint16_t>(inline_size);
  for (const auto& f : fields) vtable[2 + f.slot] = static_cast<uint16_t>(f.offset);
  // vtable, then padding so the table lands on its alignment.
  pad_to(2);
  size_t vt_pos = out.size();
  while ((vt_pos + vtable_bytes) % table_align != 0) {
    out.push_back(0);
    vt_pos = out.size();
  }
  out.resize(vt_pos + vtable_bytes);
  std::memcpy(out.data() + vt_pos, vtable.data(), vtable_bytes);
  const size_t pos = out.size();
  out.resize(pos + inline_size, 0);
  const auto soffset = static_cast<int32_t>(pos - vt_pos);  // vtable = table - soffset
  std::memcpy(out.data() + pos, &soffset, 4);
  for (const auto& f : fields) {
    if (f.bytes != nullptr) std::memcpy(out.data() + pos + f.offset, f.bytes, f.size);
  }
  for (const auto& f : fields) {
    if (f.bytes != nullptr) continue;
    const size_t target = write(o.children_[f.child]);
    put_u32(pos + f.offset, static_cast<uint32_t>(target - (pos + f.offset)));
  }
  return pos;
}

std::vector<uint8_t> serialize_flatbuffer(const FbObject& root, const char identifier[4]) {
  FbSerializer s;
  s.out.resize(8, 0);
  std::memcpy(s.out.data() + 4, identifier, 4);
  const size_t pos = s.write(root);
  s.put_u32(0, static_cast<uint32_t>(pos));
  s.pad_to(16);
  return s.out;
}

}  // namespace tr::workloads
