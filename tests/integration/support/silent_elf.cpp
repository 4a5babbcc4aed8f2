#include "support/silent_elf.h"

#include <cstdint>
#include <fstream>
#include <vector>

namespace tr::test {
namespace {

void put16(std::vector<uint8_t>& b, uint16_t v) {
  b.push_back(static_cast<uint8_t>(v));
  b.push_back(static_cast<uint8_t>(v >> 8));
}
void put32(std::vector<uint8_t>& b, uint32_t v) {
  put16(b, static_cast<uint16_t>(v));
  put16(b, static_cast<uint16_t>(v >> 16));
}

}  // namespace

void write_silent_elf(const std::filesystem::path& file, uint32_t code_origin,
                      uint32_t initial_sp) {
  constexpr uint32_t kEhSize = 52, kPhSize = 32, kPayloadOffset = kEhSize + kPhSize;
  std::vector<uint8_t> payload;
  put32(payload, initial_sp);
  put32(payload, code_origin + 8 + 1);  // reset handler right after the two vectors (Thumb)
  put16(payload, 0xE7FE);               // b .
  put16(payload, 0xBF00);               // nop (keeps the segment word-sized)

  std::vector<uint8_t> elf = {0x7F, 'E', 'L', 'F', 1 /*32-bit*/, 1 /*LE*/, 1, 0};
  elf.resize(16, 0);
  put16(elf, 2);   // ET_EXEC
  put16(elf, 40);  // EM_ARM
  put32(elf, 1);   // EV_CURRENT
  put32(elf, code_origin + 9);
  put32(elf, kEhSize);     // program headers follow the ELF header
  put32(elf, 0);           // no section headers
  put32(elf, 0x05000400);  // EABI5, hard float
  put16(elf, kEhSize);
  put16(elf, kPhSize);
  put16(elf, 1);
  put16(elf, 40);
  put16(elf, 0);
  put16(elf, 0);
  put32(elf, 1);  // PT_LOAD
  put32(elf, kPayloadOffset);
  put32(elf, code_origin);
  put32(elf, code_origin);
  put32(elf, static_cast<uint32_t>(payload.size()));
  put32(elf, static_cast<uint32_t>(payload.size()));
  put32(elf, 5);  // R+X
  put32(elf, 4);
  elf.insert(elf.end(), payload.begin(), payload.end());
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(elf.data()), static_cast<std::streamsize>(elf.size()));
}

}  // namespace tr::test
