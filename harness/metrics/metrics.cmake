# tr_metrics: accuracy figures of a workload's test set (top-1, confusion, ROC AUC, per-window
# output scores). Portable, no Asio, so the sanitizer build covers it.
add_library(tr_metrics STATIC
  ${CMAKE_CURRENT_LIST_DIR}/confusion_matrix.cpp
  ${CMAKE_CURRENT_LIST_DIR}/roc_auc.cpp
  ${CMAKE_CURRENT_LIST_DIR}/output_scores.cpp)
target_include_directories(tr_metrics PUBLIC ${CMAKE_CURRENT_LIST_DIR}/..)
tinyrack_warnings(tr_metrics)
