// Builds small ELF32 little-endian ARM executables in memory for tests: PT_LOAD segments,
// an entry point and a .symtab. Offsets of interesting parts are exposed so tests can
// truncate or corrupt them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tr::probe::test {

struct ElfBuilder {
  struct Segment {
    std::uint32_t paddr;
    std::vector<std::uint8_t> bytes;
    std::uint32_t memsz = 0;  // 0: same as bytes.size()
    std::uint32_t vaddr = 0;  // 0: same as paddr
  };
  struct Sym {
    std::string name;
    std::uint32_t value;
    bool global = true;
    bool defined = true;
  };

  std::uint32_t entry = 0;
  std::vector<Segment> segments;
  std::vector<Sym> symbols;
  bool with_sections = true;

  // Filled by build(): where things landed in the file.
  std::size_t phoff = 0, data_offset = 0, symtab_offset = 0, strtab_offset = 0, shoff = 0;

  std::vector<std::uint8_t> build();
};

}  // namespace tr::probe::test
