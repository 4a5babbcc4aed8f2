#include "debug/elf_image.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "debug/probe_error.h"
#include "elf_builder.h"
#include "support/test_paths.h"

using namespace tr::probe;
using tr::probe::test::ElfBuilder;

namespace {

ElfBuilder sample() {
  ElfBuilder b;
  b.entry = 0x00000101;
  // Code at 0, .data loaded after it (VMA in RAM, LMA in flash), .bss with no file bytes.
  b.segments.push_back({0x00000000, {0x00, 0x00, 0x01, 0x20, 0x09, 0x00, 0x00, 0x00}});
  b.segments.push_back({0x00000100, {0xfe, 0xe7}, 0, 0});
  b.segments.push_back({0x00000200, {1, 2, 3, 4}, 16, 0x20000000});  // memsz > filesz
  b.segments.push_back({0x20000010, {}, 64});                        // .bss only
  b.symbols = {{"Reset_Handler", 0x101},
               {"tr_model_slot", 0x20001000},
               {"local_thing", 7, false},
               {"undefined_ref", 0, true, false}};
  return b;
}

ElfImage parse(std::vector<std::uint8_t> bytes) {
  return ElfImage::parse(bytes, "test.elf");
}

// Checks that parsing fails with ProbeError(image), naming the file and containing `what`.
void require_rejected(const std::vector<std::uint8_t>& bytes, const std::string& what) {
  try {
    ElfImage::parse(bytes, "bad.elf");
    FAIL("accepted a malformed ELF; expected: " << what);
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::image);
    CHECK_THAT(e.what(), Catch::StartsWith("bad.elf: ") && Catch::Contains(what));
  }
}

}  // namespace

TEST_CASE("ElfImage reads PT_LOAD file bytes at their load addresses", "[elf]") {
  auto b = sample();
  const auto image = parse(b.build());
  REQUIRE(image.segments().size() == 3);  // the .bss-only segment has nothing to write
  CHECK(image.segments()[0].address == 0);
  CHECK(image.segments()[0].bytes.size() == 8);
  CHECK(image.segments()[1].address == 0x100);
  CHECK(image.segments()[1].bytes == std::vector<std::uint8_t>{0xfe, 0xe7});
  CHECK(image.segments()[2].address == 0x200);   // paddr (LMA), not the RAM vaddr
  CHECK(image.segments()[2].bytes.size() == 4);  // memsz 16 beyond filesz is not written
  CHECK(image.loadable_bytes() == 14);
  CHECK(image.entry() == 0x101);
  CHECK(image.source() == "test.elf");
}

TEST_CASE("ElfImage looks up defined symbols", "[elf]") {
  const auto image = parse(sample().build());
  CHECK(image.symbol("Reset_Handler") == 0x101u);
  CHECK(image.symbol("tr_model_slot") == 0x20001000u);
  CHECK(image.symbol("local_thing") == 7u);
  CHECK_FALSE(image.symbol("undefined_ref"));
  CHECK_FALSE(image.symbol("no_such_symbol"));
  CHECK_FALSE(image.symbol(""));

  SECTION("a global definition wins over a local one of the same name") {
    auto b = sample();
    b.symbols = {{"dup", 1, false}, {"dup", 2, true}, {"dup", 3, false}};
    CHECK(parse(b.build()).symbol("dup") == 2u);
  }
  SECTION("an ELF without section headers has no symbols but loads") {
    auto b = sample();
    b.with_sections = false;
    const auto stripped = parse(b.build());
    CHECK(stripped.segments().size() == 3);
    CHECK_FALSE(stripped.symbol("Reset_Handler"));
  }
}

TEST_CASE("ElfImage sha256 covers addresses and bytes", "[elf]") {
  const auto a = parse(sample().build());
  CHECK(a.sha256().size() == 64);
  CHECK(parse(sample().build()).sha256() == a.sha256());

  auto moved = sample();
  moved.segments[1].paddr = 0x104;
  CHECK(parse(moved.build()).sha256() != a.sha256());
  auto changed = sample();
  changed.segments[2].bytes[3] = 5;
  CHECK(parse(changed.build()).sha256() != a.sha256());
  auto renamed = sample();  // symbols are not loadable content
  renamed.symbols[0].name = "Other";
  CHECK(parse(renamed.build()).sha256() == a.sha256());
}

TEST_CASE("ElfImage rejects truncated files, naming what is missing", "[elf]") {
  auto b = sample();
  const auto good = b.build();
  auto cut = [&](std::size_t n) {
    return std::vector<std::uint8_t>(good.begin(), good.begin() + n);
  };
  require_rejected(cut(0), "not an ELF");
  require_rejected(cut(3), "not an ELF");
  require_rejected(cut(30), "the ELF header");
  require_rejected(cut(b.phoff + 40), "program header table");
  require_rejected(cut(b.data_offset + 3), "PT_LOAD segment 0 data");
  require_rejected(cut(b.strtab_offset + 2), "truncated");
  require_rejected(cut(b.shoff + 10), "section header table");
}

TEST_CASE("ElfImage rejects corrupt headers", "[elf]") {
  const auto good = sample().build();
  auto patched = [&](std::size_t at, std::uint8_t v) {
    auto f = good;
    f[at] = v;
    return f;
  };
  require_rejected(patched(0, 0x7e), "not an ELF");
  require_rejected(patched(4, 2), "not a 32-bit ELF");
  require_rejected(patched(5, 2), "not little-endian");
  require_rejected(patched(18, 3), "not an ARM ELF (e_machine 3)");
  require_rejected(patched(16, 1), "not an executable (e_type 1)");
  require_rejected(patched(42, 33), "e_phentsize is 33");
  require_rejected(patched(46, 41), "e_shentsize is 41");
  {
    auto f = good;
    f[44] = 0;  // e_phnum = 0
    require_rejected(f, "no program headers");
  }
}

TEST_CASE("ElfImage rejects inconsistent segments and symbol tables", "[elf]") {
  SECTION("filesz > memsz") {
    auto b = sample();
    b.segments[0].memsz = 4;
    require_rejected(b.build(), "p_filesz > p_memsz");
  }
  SECTION("overlapping segments") {
    auto b = sample();
    b.segments[1].paddr = 0x4;
    require_rejected(b.build(), "overlap");
  }
  SECTION("a segment past 4 GiB") {
    auto b = sample();
    b.segments[1].paddr = 0xffffffff;
    require_rejected(b.build(), "past the 32-bit address space");
  }
  SECTION("nothing loadable") {
    auto b = sample();
    b.segments = {{0x20000000, {}, 64}};
    require_rejected(b.build(), "no PT_LOAD segment with file bytes");
  }
  SECTION("a symbol name outside the string table") {
    auto b = sample();
    auto f = b.build();
    f[b.symtab_offset + 16] = 0xf0;  // first real symbol's st_name
    require_rejected(f, "outside the string table");
  }
  SECTION(".symtab linking to a missing section") {
    auto b = sample();
    auto f = b.build();
    f[b.shoff + 40 + 24] = 9;  // .symtab sh_link
    require_rejected(f, "missing section 9");
  }
}

TEST_CASE("ElfImage::load reads files and names missing ones", "[elf]") {
  const auto dir = tr::test::scratch_dir("elf_image");
  const auto path = dir / "fw.elf";
  const auto bytes = sample().build();
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
  const auto image = ElfImage::load(path);
  CHECK(image.segments().size() == 3);
  CHECK(image.source() == path.string());
  CHECK_THROWS_WITH(ElfImage::load(dir / "missing.elf"),
                    Catch::Contains("missing.elf") && Catch::Contains("no such file"));
}
