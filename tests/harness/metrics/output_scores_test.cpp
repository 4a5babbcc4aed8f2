#include "metrics/output_scores.h"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

#include "metrics/roc_auc.h"

using namespace tr::metrics;

TEST_CASE("dequantize and normalise class scores", "[metrics][scores]") {
  const std::vector<int8_t> q{-128, -64, 0, 127};
  // scale 1/256, zero point -128: 0, 0.25, 0.5, 0.99609375.
  const auto d = dequantize(q, 1.0 / 256, -128);
  CHECK(d == std::vector<double>{0.0, 0.25, 0.5, 0.99609375});
  const auto p = class_probabilities(q, 1.0 / 256, -128);
  CHECK(p[1] == Approx(0.25 / 1.74609375));
  CHECK(p[0] + p[1] + p[2] + p[3] == Approx(1.0));
  // Nothing to normalise: left as dequantized.
  const std::vector<int8_t> zeros{-128, -128};
  CHECK(class_probabilities(zeros, 1.0 / 256, -128) == std::vector<double>{0.0, 0.0});
}

TEST_CASE("reconstruction error against the real input values", "[metrics][scores]") {
  const std::vector<int8_t> q{10, 12, 8};
  const std::vector<float> ref{0.0f, 1.5f, -1.0f};
  // scale 0.5, zero point 10: outputs 0, 1, -1; errors 0, 0.25, 0 -> mean 1/12.
  CHECK(reconstruction_mse(q, 0.5, 10, ref) == Approx(0.25 / 3));
  CHECK_THROWS_AS(reconstruction_mse(q, 0.5, 10, std::vector<float>{0.0f}), std::invalid_argument);
}

TEST_CASE("one-vs-rest AUC averages the classes that occur", "[metrics][auc]") {
  // Three samples of classes 0, 1, 2 and a class 3 nobody has (left out of the average).
  // Class 0 by column 0: {0.6} vs {0.3, 0.1} -> 1. Class 1 by column 1: {0.2} vs {0.3, 0.4}
  // -> 0. Class 2 by column 2: {0.5} vs {0.1, 0.5} -> (1 + 0.5) / 2 = 0.75. Mean 1.75 / 3.
  const std::vector<std::vector<double>> scores{
      {0.6, 0.3, 0.1, 0.0}, {0.3, 0.2, 0.5, 0.0}, {0.1, 0.4, 0.5, 0.0}};
  const std::vector<std::size_t> labels{0, 1, 2};
  CHECK(roc_auc_one_vs_rest(scores, labels, 4) == Approx(1.75 / 3));
  const std::vector<std::size_t> one_class{1, 1, 1};
  CHECK_THROWS_AS(roc_auc_one_vs_rest(scores, one_class, 4), std::invalid_argument);
}
