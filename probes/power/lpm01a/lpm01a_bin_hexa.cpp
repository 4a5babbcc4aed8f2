#include "power/lpm01a/lpm01a_bin_hexa.h"

#include <cmath>

namespace tr::power::lpm01a {
namespace {

using Kind = Lpm01aItem::Kind;

constexpr std::size_t kMaxText = 256;  // longer "text" means the framing is lost

std::string hex(std::uint8_t b) {
  const char* digits = "0123456789ABCDEF";
  return {digits[b >> 4], digits[b & 0xF]};
}

Lpm01aItem garbage(std::string what) {
  Lpm01aItem item{Kind::garbage};
  item.text = std::move(what);
  return item;
}

std::uint32_t big_endian(const std::string& bytes, std::size_t pos, std::size_t count) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < count; ++i) {
    v = (v << 8) | static_cast<std::uint8_t>(bytes[pos + i]);
  }
  return v;
}

}  // namespace

double bin_hexa_current(std::uint16_t word) {
  return (word & 0xFFF) * std::pow(16.0, -static_cast<int>(word >> 12));
}

std::uint16_t bin_hexa_word(double amperes) {
  if (!(amperes > 0.0)) return 0;
  for (int exponent = 14; exponent > 0; --exponent) {
    long mantissa = std::lround(amperes * std::pow(16.0, exponent));
    if (mantissa <= 0xFFF) return static_cast<std::uint16_t>((exponent << 12) | mantissa);
  }
  long mantissa = std::lround(amperes);
  return static_cast<std::uint16_t>(mantissa > 0xFFF ? 0xFFF : mantissa);
}

void BinHexaDecoder::reset() {
  state_ = State::first;
  payload_.clear();
}

bool BinHexaDecoder::feed(std::uint8_t byte, std::vector<Lpm01aItem>& out) {
  switch (state_) {
    case State::first:
      first_ = byte;
      state_ = State::second;
      return false;
    case State::second:
      if ((first_ >> 4) != 0xF) {
        Lpm01aItem item{Kind::sample};
        item.value = bin_hexa_current(static_cast<std::uint16_t>((first_ << 8) | byte));
        out.push_back(item);
        state_ = State::first;
      } else if (first_ == 0xF0 && byte >= 0xF1 && byte <= 0xF7) {
        begin_record(byte);
      } else {
        // Not a sample and not a record: a byte was lost. Slide by one to find the framing.
        out.push_back(garbage("byte 0x" + hex(first_) + " out of frame"));
        first_ = byte;
      }
      return false;
    case State::payload:
      if (!payload_size_ && byte == 0xFF) {
        state_ = State::trailer_2;
        return false;
      }
      payload_.push_back(static_cast<char>(byte));
      if (payload_size_ && payload_.size() == *payload_size_) state_ = State::trailer_1;
      if (!payload_size_ && payload_.size() > kMaxText) {
        out.push_back(garbage("record F0 " + hex(tag_) + " has no end"));
        reset();
      }
      return false;
    case State::trailer_1:
      if (byte != 0xFF) {
        out.push_back(garbage("record F0 " + hex(tag_) + " lacks its FF FF end"));
        reset();
        return false;
      }
      state_ = State::trailer_2;
      return false;
    case State::trailer_2:
      if (byte != 0xFF) {
        out.push_back(garbage("record F0 " + hex(tag_) + " lacks its FF FF end"));
        reset();
        return false;
      }
      return finish_record(out);
  }
  return false;
}

void BinHexaDecoder::begin_record(std::uint8_t tag) {
  tag_ = tag;
  payload_.clear();
  switch (tag) {
    case 0xF1:
    case 0xF2:
      payload_size_.reset();  // ASCII up to FF FF
      state_ = State::payload;
      return;
    case 0xF3:
      payload_size_ = 5;  // u32 ms + u8 buffer load
      state_ = State::payload;
      return;
    case 0xF7:
      payload_size_ = 2;  // u16 mV
      state_ = State::payload;
      return;
    default:
      payload_size_ = 0;
      state_ = State::trailer_1;
      return;
  }
}

bool BinHexaDecoder::finish_record(std::vector<Lpm01aItem>& out) {
  Lpm01aItem item;
  bool end = false;
  switch (tag_) {
    case 0xF1:
      item.kind = Kind::board_error;
      item.text = payload_;
      break;
    case 0xF2:
      item.kind = Kind::board_info;
      item.text = payload_;
      break;
    case 0xF3:
      item.kind = Kind::timestamp;
      item.number = big_endian(payload_, 0, 4) & 0x7FFFFFFFu;  // bit 31: overflow flag?
      item.buff = static_cast<std::uint8_t>(payload_[4]);
      break;
    case 0xF4:
      item.kind = Kind::end_of_acquisition;
      end = true;
      break;
    case 0xF5:
      item.kind = Kind::overcurrent;
      break;
    case 0xF6:
      item.kind = Kind::power_down;
      break;
    default:
      item.kind = Kind::voltage;
      item.value = big_endian(payload_, 0, 2) / 1000.0;
      break;
  }
  out.push_back(item);
  reset();
  return end;
}

}  // namespace tr::power::lpm01a
