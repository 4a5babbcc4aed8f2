// SOFTMAX: prepare math + reference kernel against vectors/misc_vectors.json (the fact sheet's
// KWS, IC and VWW rows, random rows, diff_min cut-offs, a clamped beta, a 511-entry row), the
// overflow guard, and prepare errors.
#include <catch2/catch.hpp>

#include "builder/tflite_writer.h"
#include "engine/ops/softmax.h"
#include "misc_vectors.h"
#include "support/model_runner.h"

namespace {

namespace ref = tr::engine::reference;
constexpr int32_t kSoftmax = 25;

// A one-op model without SoftmaxOptions (the writer has none), so beta reads as 0.
std::vector<uint8_t> softmax_model(float output_scale, int64_t output_zero_point) {
  tr::workloads::TfliteWriter w;
  const int in = w.add_int8("in", {1, 10}, 0.1f, 0);
  const int out = w.add_int8("out", {1, 10}, output_scale, output_zero_point);
  w.add_operator(kSoftmax, {in}, {out});
  w.set_inputs({in});
  w.set_outputs({out});
  return w.build();
}

}  // namespace

TEST_CASE("SOFTMAX matches the fact sheet and the independent reference vectors", "[softmax]") {
  size_t checked = 0;
  for (const auto& c : tr::test::misc_cases("softmax", 20)) {
    INFO("case " << c["name"].get<std::string>());
    ref::SoftmaxParams p;
    REQUIRE(tr::engine::softmax_params(c["input_scale"], c["beta"], p));
    CHECK(std::vector<int32_t>{p.input_multiplier, p.input_left_shift, p.diff_min} ==
          c["params"].get<std::vector<int32_t>>());
    const auto shape = c["shape"].get<std::vector<int32_t>>();
    const auto x = tr::test::to_int8(c["input"]);
    const int32_t depth = shape.back();
    std::vector<int8_t> y(x.size());
    int32_t bad_row = -1;
    REQUIRE(ref::softmax_s8(p, static_cast<int32_t>(x.size()) / depth, depth, x.data(), y.data(),
                            bad_row));
    CHECK(tr::test::to_ints(y) == c["expected"].get<std::vector<int>>());
    checked += y.size();
  }
  CHECK(checked > 900);
}

TEST_CASE("SOFTMAX reports a row whose sum of exponentials overflows", "[softmax]") {
  ref::SoftmaxParams p;
  REQUIRE(tr::engine::softmax_params(0.1f, 1.0f, p));
  // Each entry equal to the maximum adds 2^19; 600 of them pass 2^28, where TFLM aborts.
  std::vector<int8_t> x(2 * 600, 0);
  std::fill(x.begin(), x.begin() + 600, int8_t{-128});  // row 0 spread out: fine
  x[0] = 127;
  std::vector<int8_t> y(x.size());
  int32_t bad_row = -1;
  CHECK_FALSE(ref::softmax_s8(p, 2, 600, x.data(), y.data(), bad_row));
  CHECK(bad_row == 1);
  CHECK(y[0] == 127);  // row 0 was written
}

TEST_CASE("softmax_params rejects a multiplier that is not above 1", "[softmax]") {
  ref::SoftmaxParams p;
  CHECK_FALSE(tr::engine::softmax_params(0.1f, 0.0f, p));
  CHECK_FALSE(tr::engine::softmax_params(1e-9f, 1.0f, p));  // 1e-9 * 2^26 < 1
  CHECK(tr::engine::softmax_params(1e-7f, 1.0f, p));
}

TEST_CASE("SOFTMAX prepare names what is wrong", "[softmax]") {
  tr::test::ModelRunner no_beta(softmax_model(1.0f / 256.0f, -128));
  CHECK(no_beta.load() == tr::Status::bad_model);
  CHECK_THAT(no_beta.err().c_str(), Catch::Contains("operator 0 (SOFTMAX): beta"));
  tr::test::ModelRunner wrong_zero_point(softmax_model(1.0f / 256.0f, 0));
  CHECK(wrong_zero_point.load() == tr::Status::unsupported);
  CHECK_THAT(wrong_zero_point.err().c_str(), Catch::Contains("scale 1/256, zero point -128"));
  tr::test::ModelRunner wrong_scale(softmax_model(1.0f / 255.0f, -128));
  CHECK(wrong_scale.load() == tr::Status::unsupported);
}
