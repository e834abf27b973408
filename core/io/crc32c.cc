// CRC-32C: slice-by-8 tables built at compile time, an SSE4.2 path that runs three CRC
// streams in parallel and joins them with a precomputed shift table, and the choice among
// them and the folding path (crc32c_fold.cc) at run time.
#include "core/io/crc32c.h"

#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace rill {
namespace crc32c {
namespace {

constexpr uint32_t kPolynomial = 0x82f63b78u;  // reflected Castagnoli polynomial

// kStride is the length of each of the three blocks the hardware path checksums at once.
constexpr size_t kStride = 256;

// Tables: `slice[k][b]` advances a raw CRC register (no pre/post inversion) over byte b
// followed by k zero bytes; `shift[j][b]` is the register that byte j == b of a register
// becomes after kStride zero bytes. The raw register is linear over GF(2), so a register's
// shift is the xor of its four bytes' entries.
struct Tables {
  uint32_t slice[8][256];
  uint32_t shift[4][256];
};

constexpr Tables MakeTables() {
  Tables t{};
  for (uint32_t b = 0; b < 256; ++b) {
    uint32_t crc = b;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1) ? (crc >> 1) ^ kPolynomial : crc >> 1;
    t.slice[0][b] = crc;
  }
  for (int k = 1; k < 8; ++k) {
    for (int b = 0; b < 256; ++b) {
      const uint32_t prev = t.slice[k - 1][b];
      t.slice[k][b] = (prev >> 8) ^ t.slice[0][prev & 0xff];
    }
  }
  uint32_t column[32] = {};
  for (int bit = 0; bit < 32; ++bit) {
    uint32_t reg = uint32_t{1} << bit;
    for (size_t i = 0; i < kStride; ++i) reg = t.slice[0][reg & 0xff] ^ (reg >> 8);
    column[bit] = reg;
  }
  for (int j = 0; j < 4; ++j) {
    for (int b = 0; b < 256; ++b) {
      uint32_t reg = 0;
      for (int bit = 0; bit < 8; ++bit) {
        if (b & (1 << bit)) reg ^= column[8 * j + bit];
      }
      t.shift[j][b] = reg;
    }
  }
  return t;
}

constexpr Tables kTables = MakeTables();

inline uint32_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;  // x86 and every other target Rill builds for are little-endian
}

inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

}  // namespace

uint32_t ExtendPortable(uint32_t init_crc, const char* data, size_t n) {
  const auto& s = kTables.slice;
  const char* p = data;
  uint32_t crc = init_crc ^ 0xffffffffu;
  while (n >= 8) {
    const uint32_t lo = crc ^ Load32(p);
    const uint32_t hi = Load32(p + 4);
    crc = s[7][lo & 0xff] ^ s[6][(lo >> 8) & 0xff] ^ s[5][(lo >> 16) & 0xff] ^ s[4][lo >> 24] ^
          s[3][hi & 0xff] ^ s[2][(hi >> 8) & 0xff] ^ s[1][(hi >> 16) & 0xff] ^ s[0][hi >> 24];
    p += 8;
    n -= 8;
  }
  for (; n > 0; --n, ++p) crc = s[0][(crc ^ static_cast<uint8_t>(*p)) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}

#if defined(__x86_64__)

bool HardwareAvailable() {
  static const bool available = __builtin_cpu_supports("sse4.2");
  return available;
}

namespace {

// ShiftStride returns raw register `reg` advanced over kStride zero bytes.
inline uint32_t ShiftStride(uint32_t reg) {
  const auto& t = kTables.shift;
  return t[0][reg & 0xff] ^ t[1][(reg >> 8) & 0xff] ^ t[2][(reg >> 16) & 0xff] ^ t[3][reg >> 24];
}

}  // namespace

__attribute__((target("sse4.2"))) uint32_t ExtendHardware(uint32_t init_crc, const char* data,
                                                          size_t n) {
  const char* p = data;
  uint64_t crc = init_crc ^ 0xffffffffu;
  while (n > 0 && (reinterpret_cast<uintptr_t>(p) & 7) != 0) {
    crc = _mm_crc32_u8(static_cast<uint32_t>(crc), static_cast<uint8_t>(*p));
    ++p;
    --n;
  }
  // Running one stream leaves the CRC unit idle for its 3-cycle latency; three streams over
  // adjacent blocks keep it busy. run(r, A B) == shift_|B|(run(r, A)) ^ run(0, B) joins them.
  while (n >= 3 * kStride) {
    uint64_t c0 = crc, c1 = 0, c2 = 0;
    for (size_t i = 0; i < kStride; i += 8) {
      c0 = _mm_crc32_u64(c0, Load64(p + i));
      c1 = _mm_crc32_u64(c1, Load64(p + kStride + i));
      c2 = _mm_crc32_u64(c2, Load64(p + 2 * kStride + i));
    }
    const uint32_t c01 = ShiftStride(static_cast<uint32_t>(c0)) ^ static_cast<uint32_t>(c1);
    crc = ShiftStride(c01) ^ static_cast<uint32_t>(c2);
    p += 3 * kStride;
    n -= 3 * kStride;
  }
  while (n >= 8) {
    crc = _mm_crc32_u64(crc, Load64(p));
    p += 8;
    n -= 8;
  }
  for (; n > 0; --n, ++p) crc = _mm_crc32_u8(static_cast<uint32_t>(crc), static_cast<uint8_t>(*p));
  return static_cast<uint32_t>(crc) ^ 0xffffffffu;
}

#else  // no CRC instruction on this architecture

bool HardwareAvailable() { return false; }

uint32_t ExtendHardware(uint32_t init_crc, const char* data, size_t n) {
  return ExtendPortable(init_crc, data, n);
}

#endif

uint32_t Extend(uint32_t init_crc, const char* data, size_t n) {
  using ExtendFunction = uint32_t (*)(uint32_t, const char*, size_t);
  static const ExtendFunction best = FoldingAvailable()    ? ExtendFolding
                                     : HardwareAvailable() ? ExtendHardware
                                                           : ExtendPortable;
  return best(init_crc, data, n);
}

}  // namespace crc32c
}  // namespace rill
