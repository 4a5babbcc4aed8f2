#include "metrics/roc_auc.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

using tr::metrics::roc_auc;
using tr::metrics::ScoredSample;

TEST_CASE("perfect, inverted and chance orderings", "[metrics][auc]") {
  const std::vector<ScoredSample> perfect{{0.1, false}, {0.2, false}, {0.8, true}, {0.9, true}};
  CHECK(roc_auc(perfect) == Approx(1.0));
  const std::vector<ScoredSample> inverted{{0.9, false}, {0.8, false}, {0.2, true}, {0.1, true}};
  CHECK(roc_auc(inverted) == Approx(0.0));
  const std::vector<ScoredSample> all_tied{{0.5, false}, {0.5, true}, {0.5, false}, {0.5, true}};
  CHECK(roc_auc(all_tied) == Approx(0.5));
}

TEST_CASE("a hand-counted case with ties between the classes", "[metrics][auc]") {
  // Anomalous scores {0.4, 0.6, 0.6}, normal {0.2, 0.6, 0.8}: of the 9 (anomalous, normal)
  // pairs, anomalous is higher in (0.4>0.2), (0.6>0.2) x2 = 3 pairs, tied in (0.6=0.6) x2 = 2
  // pairs counting one half each: AUC = (3 + 1) / 9.
  const std::vector<ScoredSample> s{{0.4, true},  {0.6, true},  {0.6, true},
                                    {0.2, false}, {0.6, false}, {0.8, false}};
  CHECK(roc_auc(s) == Approx(4.0 / 9.0));
}

TEST_CASE("the order of the samples does not matter", "[metrics][auc]") {
  std::vector<ScoredSample> s{{3, true}, {1, false}, {2, true}, {2, false}, {5, true}, {0, false}};
  const double a = roc_auc(s);
  std::reverse(s.begin(), s.end());
  CHECK(roc_auc(s) == Approx(a));
  // Pairs: 3>1,3>2,3>0; 2>1,2=2,2>0; 5 beats all 3 -> 8 wins + 1 tie -> 8.5 / 9.
  CHECK(a == Approx(8.5 / 9.0));
}

TEST_CASE("undefined AUCs are errors, not numbers", "[metrics][auc]") {
  const std::vector<ScoredSample> only_normal{{0.1, false}, {0.2, false}};
  CHECK_THROWS_WITH(roc_auc(only_normal), "roc_auc: no anomalous samples, so the AUC is undefined");
  const std::vector<ScoredSample> only_anomalous{{0.1, true}};
  CHECK_THROWS_WITH(roc_auc(only_anomalous), "roc_auc: no normal samples, so the AUC is undefined");
  const std::vector<ScoredSample> nan{{0.1, true}, {std::nan(""), false}};
  CHECK_THROWS_WITH(roc_auc(nan), "roc_auc: score of sample 1 is NaN");
}
