#include "engine/persistent_allocator.h"

#include <cstring>

namespace tr::engine {

void PersistentAllocator::reset(uint8_t* base, uint32_t capacity) {
  base_ = base;
  capacity_ = capacity;
  used_ = 0;
  requested_ = 0;
}

void* PersistentAllocator::allocate(uint32_t bytes) {
  const uint64_t rounded = (static_cast<uint64_t>(bytes) + 15u) & ~uint64_t{15};
  const bool all_fitted_so_far = used_ == requested_;
  const uint64_t total = requested_ + rounded;
  requested_ = total > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(total);
  if (base_ == nullptr || !all_fitted_so_far || total > capacity_) return nullptr;
  used_ = static_cast<uint32_t>(total);
  uint8_t* p = base_ + (capacity_ - used_);
  std::memset(p, 0, static_cast<size_t>(rounded));
  return p;
}

}  // namespace tr::engine
