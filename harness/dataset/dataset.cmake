# tr_dataset: datasets in MLPerf Tiny's layout (y_labels.csv + .bin files), host-side input
# conversion (with the engine's MFCC front end for raw audio) and the workload's metric over a
# set of outputs. No Asio.
add_library(tr_dataset STATIC
  ${CMAKE_CURRENT_LIST_DIR}/label_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/input_conversion.cpp
  ${CMAKE_CURRENT_LIST_DIR}/audio_frontend.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dataset.cpp
  ${CMAKE_CURRENT_LIST_DIR}/accuracy.cpp)
target_include_directories(tr_dataset PUBLIC ${CMAKE_CURRENT_LIST_DIR}/..)
target_link_libraries(tr_dataset PUBLIC tr_config tr_metrics tr_engine)
tinyrack_warnings(tr_dataset)
