// Fixed-width little-endian integer encoding, the byte order of every Rill and TensorFlow
// on-disk format (TFRecord lengths and CRCs, table trailers).
#ifndef RILL_CORE_IO_CODING_H_
#define RILL_CORE_IO_CODING_H_

#include <cstdint>
#include <cstring>

namespace rill {
namespace io {

// EncodeFixed32 writes `value` as 4 little-endian bytes at `dst`.
inline void EncodeFixed32(char* dst, uint32_t value) {
  for (int i = 0; i < 4; ++i) dst[i] = static_cast<char>(value >> (8 * i));
}

// EncodeFixed64 writes `value` as 8 little-endian bytes at `dst`.
inline void EncodeFixed64(char* dst, uint64_t value) {
  for (int i = 0; i < 8; ++i) dst[i] = static_cast<char>(value >> (8 * i));
}

// DecodeFixed32 reads 4 little-endian bytes at `src`.
inline uint32_t DecodeFixed32(const char* src) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value |= uint32_t{static_cast<uint8_t>(src[i])} << (8 * i);
  return value;
}

// DecodeFixed64 reads 8 little-endian bytes at `src`.
inline uint64_t DecodeFixed64(const char* src) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value |= uint64_t{static_cast<uint8_t>(src[i])} << (8 * i);
  return value;
}

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_CODING_H_
