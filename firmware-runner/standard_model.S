/* The standard-only DUT's model, baked into the image at build time (firmware.cmake passes the
   .tflite path). Read in place by the engine, so it sits in read-only memory, 16-byte aligned. */
  .section .rodata.tr_standard_model, "a"
  .balign 16
  .global tr_standard_model
tr_standard_model:
  .incbin TINYRACK_STANDARD_MODEL_FILE
  .global tr_standard_model_end
tr_standard_model_end:
