// The check itself must catch a wrong kernel: the reference set passes, a set that is off by
// one in a single output byte, or that writes past its output, fails with a replayable line.
#include <catch2/catch.hpp>
#include <string>

#include "engine/kernels/portable/portable_kernels.h"
#include "kernel_check/kernel_check.h"

namespace {

class StringConsole : public tr::fw::Console {
 public:
  void write(const char* s, size_t n) override { text.append(s, n); }
  std::string text;
};

namespace ref = tr::engine::reference;

// The portable set with a bug planted in one kernel.
void conv_off_by_one(const ref::ConvParams& p, const ref::PerChannelQuant& q,
                     const ref::ConvDims& d, const int8_t* in, const int8_t* f, const int32_t* b,
                     int8_t* out, const tr::engine::KernelBuffers& kb) {
  tr::engine::portable::conv_2d_s8(p, q, d, in, f, b, out, kb);
  if (d.output_c > 7) out[7] = static_cast<int8_t>(out[7] ^ 1);
}

void fc_overrun(const ref::FullyConnectedParams& p, const ref::FullyConnectedDims& d,
                const int8_t* in, const int8_t* w, const int32_t* b, int8_t* out,
                const tr::engine::KernelBuffers& kb) {
  tr::engine::portable::fully_connected_s8(p, d, in, w, b, out, kb);
  out[d.batches * d.output_depth] = 0;  // one byte past the output
}

}  // namespace

TEST_CASE("the reference kernels pass their own check", "[kernel_check]") {
  StringConsole out;
  const auto totals =
      tr::check::run_kernel_check(TR_KERNEL_SET_TABLE(tr::engine::portable), 5, 40, 10, out);
  CHECK(totals.cases == 160);
  CHECK(totals.mismatches == 0);
  CHECK(out.text == "kernel-check reference: 160 cases, 0 mismatches (seed 5)\n");
}

TEST_CASE("a wrong output byte and an overrun are both caught", "[kernel_check]") {
  tr::check::KernelSet broken = TR_KERNEL_SET_TABLE(tr::engine::portable);
  broken.conv = conv_off_by_one;
  broken.fc = fc_overrun;
  StringConsole out;
  const auto totals = tr::check::run_kernel_check(broken, 5, 40, 1000, out);
  INFO(out.text);
  CHECK(totals.mismatches > 10);
  CHECK(out.text.find("mismatch conv_2d case ") != std::string::npos);
  CHECK(out.text.find("(past the output)") != std::string::npos);
  CHECK(out.text.find("mismatch depthwise_conv_2d") == std::string::npos);
}
