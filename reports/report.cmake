# tr_report: the report data model, JSON reading/writing and summary statistics. The schema
# (report.schema.json) and its validator (validate_report.py) sit beside the sources.
add_library(tr_report STATIC
  ${CMAKE_CURRENT_LIST_DIR}/statistic.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report_json_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report_json_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report_file.cpp)
target_include_directories(tr_report PUBLIC ${CMAKE_CURRENT_LIST_DIR}/..)
target_link_libraries(tr_report PUBLIC nlohmann_json::nlohmann_json)
tinyrack_warnings(tr_report)
