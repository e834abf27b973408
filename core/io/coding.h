// Fixed-width little-endian and varint integer encoding, the byte order of every Rill and
// TensorFlow on-disk format (TFRecord lengths and CRCs, table entries and trailers).
#ifndef RILL_CORE_IO_CODING_H_
#define RILL_CORE_IO_CODING_H_

#include <cstdint>
#include <cstring>
#include <string>

#include "absl/strings/string_view.h"

namespace rill {
namespace io {

// Rill builds for little-endian targets only, where the fixed-width encodings below are a
// plain copy (one load or store).
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "fixed-width coding assumes little-endian");

// EncodeFixed32 writes `value` as 4 little-endian bytes at `dst`.
inline void EncodeFixed32(char* dst, uint32_t value) { std::memcpy(dst, &value, sizeof(value)); }

// EncodeFixed64 writes `value` as 8 little-endian bytes at `dst`.
inline void EncodeFixed64(char* dst, uint64_t value) { std::memcpy(dst, &value, sizeof(value)); }

// DecodeFixed32 reads 4 little-endian bytes at `src`.
inline uint32_t DecodeFixed32(const char* src) {
  uint32_t value;
  std::memcpy(&value, src, sizeof(value));
  return value;
}

// DecodeFixed64 reads 8 little-endian bytes at `src`.
inline uint64_t DecodeFixed64(const char* src) {
  uint64_t value;
  std::memcpy(&value, src, sizeof(value));
  return value;
}

// kMaxVarint32Length / kMaxVarint64Length are the longest encodings of a varint32 / varint64.
inline constexpr int kMaxVarint32Length = 5;
inline constexpr int kMaxVarint64Length = 10;

// PutVarint64 appends `value` as a varint: 7 bits per byte, least significant first, the
// high bit set on every byte but the last (protobuf's and LevelDB's encoding).
inline void PutVarint64(std::string* dst, uint64_t value) {
  while (value >= 0x80) {
    dst->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  dst->push_back(static_cast<char>(value));
}

// PutVarint32 appends `value` as a varint (at most 5 bytes).
inline void PutVarint32(std::string* dst, uint32_t value) { PutVarint64(dst, value); }

// GetVarint64 decodes a varint at the front of *input and advances *input past it. Returns
// false, leaving *input alone, when *input ends inside the varint or it is longer than 10
// bytes.
inline bool GetVarint64(absl::string_view* input, uint64_t* value) {
  uint64_t result = 0;
  for (size_t i = 0; i < input->size() && i < kMaxVarint64Length; ++i) {
    const uint64_t byte = static_cast<uint8_t>((*input)[i]);
    result |= (byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) {
      *value = result;
      input->remove_prefix(i + 1);
      return true;
    }
  }
  return false;
}

// GetVarint32 is GetVarint64 for values that must fit in 32 bits (false when larger).
inline bool GetVarint32(absl::string_view* input, uint32_t* value) {
  absl::string_view rest = *input;
  uint64_t wide;
  if (!GetVarint64(&rest, &wide) || wide > UINT32_MAX) return false;
  *value = static_cast<uint32_t>(wide);
  *input = rest;
  return true;
}

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_CODING_H_
