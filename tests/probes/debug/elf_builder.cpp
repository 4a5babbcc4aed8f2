#include "elf_builder.h"

namespace tr::probe::test {
namespace {

void put16(std::vector<std::uint8_t>& f, std::size_t at, std::uint32_t v) {
  f[at] = static_cast<std::uint8_t>(v);
  f[at + 1] = static_cast<std::uint8_t>(v >> 8);
}

void put32(std::vector<std::uint8_t>& f, std::size_t at, std::uint32_t v) {
  put16(f, at, v & 0xffff);
  put16(f, at + 2, v >> 16);
}

std::uint32_t u32(std::size_t v) {
  return static_cast<std::uint32_t>(v);
}

}  // namespace

std::vector<std::uint8_t> ElfBuilder::build() {
  std::vector<std::uint8_t> f(52, 0);
  const std::uint8_t ident[] = {0x7f, 'E', 'L', 'F', 1, 1, 1};
  std::copy(std::begin(ident), std::end(ident), f.begin());
  put16(f, 16, 2);   // ET_EXEC
  put16(f, 18, 40);  // EM_ARM
  put32(f, 20, 1);
  put32(f, 24, entry);
  put16(f, 40, 52);
  put16(f, 42, 32);
  put16(f, 44, static_cast<std::uint32_t>(segments.size()));

  phoff = f.size();
  put32(f, 28, u32(phoff));
  f.resize(f.size() + 32 * segments.size());
  data_offset = f.size();
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& s = segments[i];
    const std::size_t ph = phoff + 32 * i;
    put32(f, ph, 1);  // PT_LOAD
    put32(f, ph + 4, u32(f.size()));
    put32(f, ph + 8, s.vaddr ? s.vaddr : s.paddr);
    put32(f, ph + 12, s.paddr);
    put32(f, ph + 16, u32(s.bytes.size()));
    put32(f, ph + 20, s.memsz ? s.memsz : u32(s.bytes.size()));
    put32(f, ph + 24, 5);
    put32(f, ph + 28, 4);
    f.insert(f.end(), s.bytes.begin(), s.bytes.end());
  }
  if (!with_sections) return f;

  // .strtab: "\0name1\0name2\0..."
  strtab_offset = f.size();
  std::vector<std::uint32_t> name_at;
  f.push_back(0);
  for (const auto& s : symbols) {
    name_at.push_back(u32(f.size() - strtab_offset));
    f.insert(f.end(), s.name.begin(), s.name.end());
    f.push_back(0);
  }
  const std::size_t strtab_size = f.size() - strtab_offset;
  // .symtab: a null symbol, then ours (SHN_ABS 0xfff1 when defined).
  symtab_offset = f.size();
  f.resize(f.size() + 16 * (symbols.size() + 1));
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    const std::size_t at = symtab_offset + 16 * (i + 1);
    put32(f, at, name_at[i]);
    put32(f, at + 4, symbols[i].value);
    f[at + 12] = static_cast<std::uint8_t>((symbols[i].global ? 1 : 0) << 4);
    put16(f, at + 14, symbols[i].defined ? 0xfff1 : 0);
  }
  const std::size_t symtab_size = f.size() - symtab_offset;
  // .shstrtab
  const std::size_t shstrtab_offset = f.size();
  const std::string shstr = std::string("\0.symtab\0.strtab\0.shstrtab\0", 27);
  f.insert(f.end(), shstr.begin(), shstr.end());
  // Section headers: null, .symtab (link 2), .strtab, .shstrtab.
  shoff = f.size();
  f.resize(f.size() + 40 * 4);
  auto section = [&](int index, std::uint32_t name, std::uint32_t type, std::size_t offset,
                     std::size_t size, std::uint32_t link, std::uint32_t entsize) {
    const std::size_t sh = shoff + 40 * static_cast<std::size_t>(index);
    put32(f, sh, name);
    put32(f, sh + 4, type);
    put32(f, sh + 16, u32(offset));
    put32(f, sh + 20, u32(size));
    put32(f, sh + 24, link);
    put32(f, sh + 36, entsize);
  };
  section(1, 1, 2, symtab_offset, symtab_size, 2, 16);
  section(2, 9, 3, strtab_offset, strtab_size, 0, 0);
  section(3, 17, 3, shstrtab_offset, shstr.size(), 0, 0);
  put32(f, 32, u32(shoff));
  put16(f, 46, 40);
  put16(f, 48, 4);
  put16(f, 50, 3);
  return f;
}

}  // namespace tr::probe::test
