// Per-operator data that lives as long as the model (multipliers, op state), taken from the top
// of the arena downward so the activation plan can use everything below it.
#pragma once

#include <cstdint>

namespace tr::engine {

class PersistentAllocator {
 public:
  // [base, base + capacity) must be 16-byte aligned at both ends.
  void reset(uint8_t* base, uint32_t capacity);

  // 16-byte aligned zeroed block, or nullptr when it does not fit (requested() still grows so
  // the caller can say how much was needed).
  void* allocate(uint32_t bytes);

  uint32_t used() const { return used_; }            // bytes handed out, from the top
  uint32_t requested() const { return requested_; }  // bytes asked for, fitting or not

 private:
  uint8_t* base_ = nullptr;
  uint32_t capacity_ = 0;
  uint32_t used_ = 0;
  uint32_t requested_ = 0;
};

}  // namespace tr::engine
