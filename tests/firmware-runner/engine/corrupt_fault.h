// Test helper for the corrupt-model corpus: one field-level fault (a valid model from
// model_spec.h with one thing broken), the Status load() must return and the words its error
// must contain, plus shorthands for changing the valid models.
#pragma once

#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "common/status.h"
#include "model_spec.h"

namespace tr::test {

struct Fault {
  const char* what;
  ModelSpec model;
  Status status;
  std::vector<std::string> needles;  // substrings the error must contain
};

// Loads the fault's model (exactly sized copy) and checks status and error words.
void check_fault(const Fault& f);

using Change = std::function<void(ModelSpec&)>;
ModelSpec fc(const Change& c);           // fc_reshape_model() changed by c
ModelSpec conv(const Change& c);         // conv_model() changed by c
ModelSpec elementwise(const Change& c);  // elementwise_model() changed by c

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr uint8_t kInt16 = 7, kUint8 = 3, kInt8 = 9;

// Tensor indices in the valid models (see model_spec.cpp).
constexpr int kFcIn = 0, kFcW1 = 1, kFcH = 3, kFcR = 4, kFcOut = 6;
constexpr int kConvIn = 0, kConvFilter = 1, kConvOut = 3, kDwFilter = 4, kPoolOut = 6;
constexpr int kEwSum = 2, kEwProd = 3, kEwCat = 4, kEwPads = 6, kEwAxes = 8;

}  // namespace tr::test
