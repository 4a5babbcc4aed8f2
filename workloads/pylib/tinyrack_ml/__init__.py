"""Shared Python tooling of the standard workloads: the layer vocabulary models are written in
(nn), int8 quantization and export through the project's .tflite writer (export), and the MLPerf
Tiny dataset layout (mlperf_layout)."""
