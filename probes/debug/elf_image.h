// ElfImage: what a flasher needs from a 32-bit little-endian ARM ELF executable: the bytes of
// each PT_LOAD segment at its load (physical) address, the entry point, symbol addresses from
// .symtab, and a SHA-256 identifying the loadable content.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tr::probe {

struct ElfSegment {
  std::uint32_t address = 0;        // p_paddr: where the bytes live in flash / code memory
  std::vector<std::uint8_t> bytes;  // p_filesz bytes; the zero-filled rest of p_memsz is not
                                    // part of the image (startup code clears .bss)
};

class ElfImage {
 public:
  // Reads and validates `path`. Unreadable, truncated or non-ARM files throw
  // ProbeError(image) naming the file and what is wrong.
  static ElfImage load(const std::filesystem::path& path);
  // Same from bytes in memory; `source` names them in error messages.
  static ElfImage parse(std::span<const std::uint8_t> file, std::string source);

  // PT_LOAD segments with file bytes, in program-header order.
  const std::vector<ElfSegment>& segments() const { return segments_; }
  std::uint32_t entry() const { return entry_; }
  std::size_t loadable_bytes() const;
  // st_value of a defined symbol (global binding preferred over local); nullopt if absent.
  // Thumb function symbols carry bit 0 (Reset_Handler at 0x100 reads 0x101).
  std::optional<std::uint32_t> symbol(std::string_view name) const;
  // Lower-case hex SHA-256 over each segment in order: address (4 bytes LE), length (4 bytes
  // LE), bytes. Moving a segment changes it as well as changing its content.
  const std::string& sha256() const { return sha256_; }
  const std::string& source() const { return source_; }

 private:
  struct Symbol {
    std::uint32_t value = 0;
    bool global = false;
  };

  std::string source_;
  std::uint32_t entry_ = 0;
  std::vector<ElfSegment> segments_;
  std::map<std::string, Symbol, std::less<>> symbols_;
  std::string sha256_;

  friend class ElfParser;
};

}  // namespace tr::probe
