// compute_padding against the fact sheet's worked examples (int8-quantization.md §5) and the
// geometry table of vectors/conv_vectors.json.
#include "engine/ops/conv_geometry.h"

#include <catch2/catch.hpp>

#include "conv_vectors.h"

using tr::engine::AxisGeometry;
using tr::engine::compute_padding;
using tr::engine::Padding;

TEST_CASE("compute_padding reproduces the §5 worked examples", "[conv][geometry]") {
  AxisGeometry g;
  REQUIRE(compute_padding(Padding::same, 49, 10, 2, 1, g));  // KWS op 0, height
  CHECK((g.output == 25 && g.pad_before == 4 && g.pad_after == 5));
  REQUIRE(compute_padding(Padding::same, 10, 4, 2, 1, g));  // KWS op 0, width
  CHECK((g.output == 5 && g.pad_before == 1 && g.pad_after == 1));
  REQUIRE(compute_padding(Padding::same, 96, 3, 2, 1, g));  // VWW op 0
  CHECK((g.output == 48 && g.pad_before == 0 && g.pad_after == 1));
  REQUIRE(compute_padding(Padding::same, 32, 1, 2, 1, g));  // IC 1x1 stride-2 shortcut
  CHECK((g.output == 16 && g.pad_before == 0 && g.pad_after == 0));
}

TEST_CASE("compute_padding matches the independent geometry table", "[conv][geometry]") {
  const auto& rows = tr::test::conv_vectors()["geometry"];
  REQUIRE(rows.size() >= 60);
  size_t invalid = 0;
  for (const auto& r : rows) {
    INFO(r.dump());
    const Padding padding = r["padding"] == "VALID" ? Padding::valid : Padding::same;
    AxisGeometry g;
    const bool ok = compute_padding(padding, r["input"].get<int32_t>(), r["filter"].get<int32_t>(),
                                    r["stride"].get<int32_t>(), r["dilation"].get<int32_t>(), g);
    REQUIRE(ok == r["valid"].get<bool>());
    if (!ok) ++invalid;
    CHECK(g.output == r["output"].get<int32_t>());
    CHECK(g.pad_before == r["pad_before"].get<int32_t>());
    CHECK(g.pad_after == r["pad_after"].get<int32_t>());
  }
  CHECK(invalid >= 4);
}

TEST_CASE("compute_padding rejects an unknown padding and huge dilations", "[conv][geometry]") {
  AxisGeometry g;
  CHECK_FALSE(compute_padding(static_cast<Padding>(2), 8, 3, 1, 1, g));
  CHECK_FALSE(compute_padding(Padding::same, 8, 3, 1, INT32_MAX, g));
  CHECK(g.output == 0);
  REQUIRE(compute_padding(Padding::same, 8, 3, 1, 1 << 20, g));  // SAME still fits: all padding
  CHECK(g.output == 8);
  CHECK(g.pad_before + g.pad_after == 2 * (1 << 20));
}
