#include "debug/elf_image.h"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "debug/probe_error.h"
#include "debug/sha256.h"

namespace tr::probe {
namespace {

// ELF32 constants and layout (System V ABI, ARM ELF supplement).
constexpr std::size_t kEhdrSize = 52, kPhdrSize = 32, kShdrSize = 40, kSymSize = 16;
constexpr std::uint8_t kClass32 = 1, kDataLittle = 1;
constexpr std::uint16_t kTypeExec = 2, kMachineArm = 40;
constexpr std::uint32_t kPtLoad = 1, kShtSymtab = 2;
constexpr std::uint16_t kShnUndef = 0;
constexpr std::uint8_t kBindGlobal = 1, kBindWeak = 2;

std::string hex32(std::uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) s += kDigits[(v >> shift) & 0xf];
  return s;
}

}  // namespace

// Bounds-checked little-endian reads over the whole file; every failure names the file.
class ElfParser {
 public:
  ElfParser(std::span<const std::uint8_t> file, std::string source)
      : file_(file), source_(std::move(source)) {}

  ElfImage run() {
    ElfImage image;
    image.source_ = source_;
    check_header();
    image.entry_ = u32(24);
    read_segments(image);
    read_symbols(image);
    image.sha256_ = hash(image.segments_);
    return image;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw ProbeError(ProbeErrc::image, source_ + ": " + what);
  }

  void need(std::uint64_t offset, std::uint64_t size, const char* what) const {
    if (offset + size > file_.size()) {
      fail(std::string("truncated: ") + what + " needs bytes " + std::to_string(offset) + ".." +
           std::to_string(offset + size) + " but the file has " + std::to_string(file_.size()));
    }
  }

  std::uint16_t u16(std::uint64_t at) const {
    need(at, 2, "a field");
    return static_cast<std::uint16_t>(file_[at] | file_[at + 1] << 8);
  }

  std::uint32_t u32(std::uint64_t at) const {
    need(at, 4, "a field");
    return static_cast<std::uint32_t>(file_[at]) | static_cast<std::uint32_t>(file_[at + 1]) << 8 |
           static_cast<std::uint32_t>(file_[at + 2]) << 16 |
           static_cast<std::uint32_t>(file_[at + 3]) << 24;
  }

  void check_header() const {
    if (file_.size() < 4 || file_[0] != 0x7f || file_[1] != 'E' || file_[2] != 'L' ||
        file_[3] != 'F') {
      fail("not an ELF file (no \\x7fELF magic)");
    }
    need(0, kEhdrSize, "the ELF header");
    if (file_[4] != kClass32) fail("not a 32-bit ELF (EI_CLASS " + std::to_string(file_[4]) + ")");
    if (file_[5] != kDataLittle)
      fail("not little-endian (EI_DATA " + std::to_string(file_[5]) + ")");
    if (u16(18) != kMachineArm) fail("not an ARM ELF (e_machine " + std::to_string(u16(18)) + ")");
    if (u16(16) != kTypeExec) {
      fail("not an executable (e_type " + std::to_string(u16(16)) + "); link the firmware first");
    }
  }

  void read_segments(ElfImage& image) const {
    const std::uint32_t phoff = u32(28);
    const std::uint16_t phentsize = u16(42), phnum = u16(44);
    if (phnum == 0) fail("has no program headers");
    if (phentsize != kPhdrSize) fail("e_phentsize is " + std::to_string(phentsize) + ", not 32");
    need(phoff, std::uint64_t{phnum} * kPhdrSize, "the program header table");
    for (std::uint16_t i = 0; i < phnum; ++i) {
      const std::uint64_t ph = phoff + std::uint64_t{i} * kPhdrSize;
      if (u32(ph) != kPtLoad) continue;
      const std::uint32_t offset = u32(ph + 4), paddr = u32(ph + 12);
      const std::uint32_t filesz = u32(ph + 16), memsz = u32(ph + 20);
      const std::string name = "PT_LOAD segment " + std::to_string(i);
      if (filesz > memsz) fail(name + " has p_filesz > p_memsz");
      if (filesz == 0) continue;  // .bss only: nothing to write
      need(offset, filesz, (name + " data").c_str());
      if (std::uint64_t{paddr} + filesz > (1ull << 32)) {
        fail(name + " at " + hex32(paddr) + " runs past the 32-bit address space");
      }
      const auto bytes = file_.subspan(offset, filesz);
      image.segments_.push_back({paddr, {bytes.begin(), bytes.end()}});
    }
    if (image.segments_.empty()) fail("has no PT_LOAD segment with file bytes");
    check_overlaps(image.segments_);
  }

  void check_overlaps(const std::vector<ElfSegment>& segments) const {
    std::vector<const ElfSegment*> sorted;
    sorted.reserve(segments.size());
    for (const auto& s : segments) sorted.push_back(&s);
    std::sort(sorted.begin(), sorted.end(),
              [](auto* a, auto* b) { return a->address < b->address; });
    for (std::size_t i = 1; i < sorted.size(); ++i) {
      const auto& prev = *sorted[i - 1];
      if (std::uint64_t{prev.address} + prev.bytes.size() > sorted[i]->address) {
        fail("PT_LOAD segments at " + hex32(prev.address) + " and " + hex32(sorted[i]->address) +
             " overlap");
      }
    }
  }

  void read_symbols(ElfImage& image) const {
    const std::uint32_t shoff = u32(32);
    const std::uint16_t shentsize = u16(46), shnum = u16(48);
    if (shnum == 0 || shoff == 0) return;  // stripped of section headers: no symbols
    if (shentsize != kShdrSize) fail("e_shentsize is " + std::to_string(shentsize) + ", not 40");
    need(shoff, std::uint64_t{shnum} * kShdrSize, "the section header table");
    for (std::uint16_t i = 0; i < shnum; ++i) {
      const std::uint64_t sh = shoff + std::uint64_t{i} * kShdrSize;
      if (u32(sh + 4) != kShtSymtab) continue;
      const std::uint32_t link = u32(sh + 24);
      if (link >= shnum) fail(".symtab links to missing section " + std::to_string(link));
      const std::uint64_t strtab = shoff + std::uint64_t{link} * kShdrSize;
      read_symtab(image, u32(sh + 16), u32(sh + 20), u32(sh + 36), u32(strtab + 16),
                  u32(strtab + 20));
    }
  }

  void read_symtab(ElfImage& image, std::uint32_t offset, std::uint32_t size, std::uint32_t entsize,
                   std::uint32_t str_offset, std::uint32_t str_size) const {
    if (entsize != kSymSize) fail(".symtab entry size is " + std::to_string(entsize) + ", not 16");
    need(offset, size, ".symtab");
    need(str_offset, str_size, "the symbol string table");
    for (std::uint64_t at = offset; at + kSymSize <= std::uint64_t{offset} + size; at += kSymSize) {
      const std::uint32_t name = u32(at);
      if (name == 0 || u16(at + 14) == kShnUndef) continue;
      if (name >= str_size) fail("a symbol name offset lies outside the string table");
      const auto* first = reinterpret_cast<const char*>(file_.data()) + str_offset + name;
      const auto* last = std::find(first, first + (str_size - name), '\0');
      if (last == first + (str_size - name)) fail("a symbol name is not NUL-terminated");
      const int bind = file_[at + 12] >> 4;
      const bool global = bind == kBindGlobal || bind == kBindWeak;
      auto [it, inserted] = image.symbols_.try_emplace(std::string(first, last),
                                                       ElfImage::Symbol{u32(at + 4), global});
      if (!inserted && global && !it->second.global) it->second = {u32(at + 4), true};
    }
  }

  static std::string hash(const std::vector<ElfSegment>& segments) {
    Sha256 h;
    for (const auto& s : segments) {
      const auto size = static_cast<std::uint32_t>(s.bytes.size());
      const std::uint8_t header[8] = {static_cast<std::uint8_t>(s.address),
                                      static_cast<std::uint8_t>(s.address >> 8),
                                      static_cast<std::uint8_t>(s.address >> 16),
                                      static_cast<std::uint8_t>(s.address >> 24),
                                      static_cast<std::uint8_t>(size),
                                      static_cast<std::uint8_t>(size >> 8),
                                      static_cast<std::uint8_t>(size >> 16),
                                      static_cast<std::uint8_t>(size >> 24)};
      h.update(header);
      h.update(s.bytes);
    }
    return Sha256::to_hex(h.finish());
  }

  std::span<const std::uint8_t> file_;
  std::string source_;
};

ElfImage ElfImage::parse(std::span<const std::uint8_t> file, std::string source) {
  return ElfParser(file, std::move(source)).run();
}

ElfImage ElfImage::load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw ProbeError(ProbeErrc::image,
                     path.string() + ": cannot open the firmware image (" +
                         (std::filesystem::exists(path) ? "not readable" : "no such file") + ")");
  }
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                        std::istreambuf_iterator<char>());
  return parse(bytes, path.string());
}

std::size_t ElfImage::loadable_bytes() const {
  std::size_t n = 0;
  for (const auto& s : segments_) n += s.bytes.size();
  return n;
}

std::optional<std::uint32_t> ElfImage::symbol(std::string_view name) const {
  const auto it = symbols_.find(name);
  if (it == symbols_.end()) return std::nullopt;
  return it->second.value;
}

}  // namespace tr::probe
