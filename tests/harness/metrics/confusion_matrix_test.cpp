#include "metrics/confusion_matrix.h"

#include <array>
#include <catch2/catch.hpp>
#include <stdexcept>

using tr::metrics::argmax;
using tr::metrics::ConfusionMatrix;

TEST_CASE("argmax takes the first of equal maxima", "[metrics]") {
  const std::array<int8_t, 5> a{-128, 7, 7, -3, 6};
  CHECK(argmax(a) == 1);
  const std::array<int8_t, 3> all_same{-128, -128, -128};
  CHECK(argmax(all_same) == 0);
  const std::array<float, 4> f{0.1f, 0.2f, 0.7f, 0.7f};
  CHECK(argmax(f) == 2);
  CHECK_THROWS_AS(argmax(std::span<const int8_t>{}), std::invalid_argument);
}

TEST_CASE("a hand-counted three-class matrix", "[metrics]") {
  // truth:     0 0 0 0 1 1 1 2 2 2
  // predicted: 0 0 1 2 1 1 0 2 2 2
  ConfusionMatrix m(3);
  const int truth[] = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
  const int predicted[] = {0, 0, 1, 2, 1, 1, 0, 2, 2, 2};
  for (int i = 0; i < 10; ++i) {
    m.add(static_cast<std::size_t>(truth[i]), static_cast<std::size_t>(predicted[i]));
  }
  CHECK(m.total() == 10);
  CHECK(m.correct() == 7);
  CHECK(*m.top1() == Approx(0.7));
  CHECK(m.count(0, 1) == 1);
  CHECK(m.count(1, 0) == 1);
  CHECK(m.count(2, 2) == 3);
  CHECK(*m.recall(0) == Approx(0.5));        // 2 of 4
  CHECK(*m.recall(1) == Approx(2.0 / 3.0));  // 2 of 3
  CHECK(*m.recall(2) == Approx(1.0));
  CHECK(*m.precision(0) == Approx(2.0 / 3.0));  // predicted 0: samples 0, 1, 6
  CHECK(*m.precision(2) == Approx(0.75));       // predicted 2: samples 3, 7, 8, 9
}

TEST_CASE("empty cases have no figure rather than a made-up one", "[metrics]") {
  ConfusionMatrix m(2);
  CHECK_FALSE(m.top1().has_value());
  m.add(0, 0);
  CHECK(*m.top1() == Approx(1.0));
  CHECK_FALSE(m.recall(1).has_value());     // no sample of class 1
  CHECK_FALSE(m.precision(1).has_value());  // nothing predicted as 1
}

TEST_CASE("out-of-range classes are rejected with the sample's name", "[metrics]") {
  ConfusionMatrix m(12);
  try {
    m.add(12, 0, "tst_000042_down_3.bin");
    FAIL("no exception");
  } catch (const std::out_of_range& e) {
    CHECK(std::string(e.what()) ==
          "tst_000042_down_3.bin: true class 12 is not one of the 12 classes");
  }
  CHECK_THROWS_WITH(m.add(0, 40), "sample: predicted class 40 is not one of the 12 classes");
  CHECK(m.total() == 0);  // nothing was counted
  CHECK_THROWS_AS(ConfusionMatrix(0), std::invalid_argument);
}
