#include "cli/accuracy_table.h"

#include "run/report_builder.h"

namespace tr::cli {
namespace {

using nlohmann::json;

std::string percent(std::optional<double> v) {
  if (!v) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", *v * 100.0);
  return buf;
}

// The class a true class is most often mistaken for, or "-".
std::string top_confusion(const metrics::ConfusionMatrix& m, size_t truth,
                          const std::vector<std::string>& names) {
  size_t best = truth;
  size_t count = 0;
  for (size_t p = 0; p < m.classes(); ++p) {
    if (p != truth && m.count(truth, p) > count) {
      best = p;
      count = m.count(truth, p);
    }
  }
  return count == 0 ? "-" : names[best] + " (" + std::to_string(count) + ")";
}

}  // namespace

std::string format_metric(const std::string& metric, double value) {
  char buf[32];
  if (metric == "top1") {
    std::snprintf(buf, sizeof buf, "%.1f %%", value);
  } else {
    std::snprintf(buf, sizeof buf, "%.3f AUC", value);
  }
  return buf;
}

void print_evaluation(const harness::PreparedWorkload& w, std::FILE* out) {
  const dataset::Accuracy& acc = *w.host_accuracy;
  const std::string metric = config::to_string(acc.metric);
  std::fprintf(out, "%s: %s on %u files (%u windows), host engine, model %s\n", w.spec.name.c_str(),
               format_metric(metric, harness::report_value(acc)).c_str(), acc.files, acc.windows,
               w.model_description.c_str());
  if (!acc.confusion) return;
  const auto& m = *acc.confusion;
  std::fprintf(out, "  %-16s %6s %8s %9s %10s  %s\n", "class", "files", "correct", "recall %",
               "precision %", "most confused with");
  for (size_t c = 0; c < m.classes(); ++c) {
    size_t files = 0;
    for (size_t p = 0; p < m.classes(); ++p) files += m.count(c, p);
    std::fprintf(out, "  %-16s %6zu %8zu %9s %10s  %s\n", w.spec.classes[c].c_str(), files,
                 m.count(c, c), percent(m.recall(c)).c_str(), percent(m.precision(c)).c_str(),
                 top_confusion(m, c, w.spec.classes).c_str());
  }
}

json evaluation_json(const harness::PreparedWorkload& w) {
  const dataset::Accuracy& acc = *w.host_accuracy;
  const std::string metric = config::to_string(acc.metric);
  json j{{"name", w.spec.name},
         {"file", w.spec.file.string()},
         {"model", {{"source", w.model_source}, {"sha256", w.model_sha256}}},
         {"dataset",
          {{"path", w.dataset->dir.string()},
           {"files", acc.files},
           {"windows", acc.windows},
           {"per_class", w.dataset->per_class}}},
         {"metric", metric},
         {"score", config::to_string(w.spec.score)},
         {"value", harness::report_value(acc)},
         {"unit", acc.metric == config::Metric::top1 ? "%" : "AUC"},
         {"engine", "host"},
         {"classes", w.spec.classes}};
  if (acc.confusion) {
    const auto& m = *acc.confusion;
    json rows = json::array();
    json per_class = json::array();
    for (size_t t = 0; t < m.classes(); ++t) {
      json row = json::array();
      size_t files = 0;
      for (size_t p = 0; p < m.classes(); ++p) {
        row.push_back(m.count(t, p));
        files += m.count(t, p);
      }
      rows.push_back(std::move(row));
      json entry{{"class", w.spec.classes[t]}, {"files", files}, {"correct", m.count(t, t)}};
      entry["recall"] = m.recall(t) ? json(*m.recall(t)) : json(nullptr);
      entry["precision"] = m.precision(t) ? json(*m.precision(t)) : json(nullptr);
      per_class.push_back(std::move(entry));
    }
    j["confusion"] = std::move(rows);
    j["per_class"] = std::move(per_class);
  }
  return j;
}

}  // namespace tr::cli
