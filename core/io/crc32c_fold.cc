// CRC-32C by folding: carry-less multiplies (VPCLMULQDQ) on 512-bit registers fold 256 bytes
// at a time into four accumulators; the SSE4.2 CRC32 instruction finishes (see crc32c.h).
#include <cstdint>
#include <cstring>

#include "core/io/crc32c.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace rill {
namespace crc32c {

#if defined(__x86_64__)

namespace {

// XPow returns x^n mod P as a raw reflected register: bit i holds the coefficient of x^(31-i).
constexpr uint64_t XPow(int n) {
  uint32_t reg = 0x80000000u;  // x^0
  for (int i = 0; i < n; ++i) reg = (reg & 1) ? (reg >> 1) ^ 0x82f63b78u : reg >> 1;
  return reg;
}

// The math. A 16-byte lane loaded little-endian holds 128 message bits, the first of them in
// bit 0: as a polynomial, H(x) x^64 + L(x), with H in the low and L in the high quadword.
// Moving it D bits further along the message multiplies it by x^D, and modulo P
//   H x^(64+D) + L x^D  ==  clmul(H, XPow(D+31)) ^ clmul(L, XPow(D-33))
// (a 64x64 carry-less product of reflected operands comes out one bit short, hence -1, and
// a 32-bit constant in the low half of a quadword stands for itself times x^32, hence -32):
// two multiplies and an xor fold a lane onto the one D bits later. FoldConstants holds the
// pair for distance D in the low and high quadwords of a 128-bit lane.
struct FoldConstants {
  uint64_t low, high;
};

constexpr FoldConstants ForDistance(int bytes) {
  return {XPow(8 * bytes + 31), XPow(8 * bytes - 33)};
}

constexpr FoldConstants kFold256 = ForDistance(256);  // the four accumulators, 256 bytes on
constexpr FoldConstants kFold64 = ForDistance(64);    // one register onto the next 64 bytes
constexpr FoldConstants kFold48 = ForDistance(48);    // lanes 0, 1, 2 of a register onto lane 3
constexpr FoldConstants kFold32 = ForDistance(32);
constexpr FoldConstants kFold16 = ForDistance(16);

#define RILL_FOLD_TARGET __attribute__((target("avx512f,avx512vl,vpclmulqdq,pclmul,sse4.2")))

RILL_FOLD_TARGET inline __m512i Broadcast(FoldConstants k) {
  return _mm512_broadcast_i32x4(
      _mm_set_epi64x(static_cast<int64_t>(k.high), static_cast<int64_t>(k.low)));
}

// Fold returns `x` moved onto `next` (the constants' distance later) xor `next`.
RILL_FOLD_TARGET inline __m512i Fold(__m512i x, __m512i k, __m512i next) {
  return _mm512_ternarylogic_epi64(_mm512_clmulepi64_epi128(x, k, 0x00),
                                   _mm512_clmulepi64_epi128(x, k, 0x11), next, 0x96);
}

RILL_FOLD_TARGET inline __m512i Load(const char* p) { return _mm512_loadu_si512(p); }

}  // namespace

bool FoldingAvailable() {
  static const bool available =
      __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("vpclmulqdq") && __builtin_cpu_supports("pclmul") &&
      __builtin_cpu_supports("sse4.2");
  return available;
}

RILL_FOLD_TARGET uint32_t ExtendFolding(uint32_t init_crc, const char* data, size_t n) {
  const char* p = data;
  uint64_t crc = init_crc ^ 0xffffffffu;
  if (n >= 256) {
    // The register enters as an xor into the first four bytes: CRC(r, M) == CRC(0, M ^ r).
    __m512i x0 = _mm512_xor_si512(Load(p), _mm512_zextsi128_si512(_mm_cvtsi64_si128(crc)));
    __m512i x1 = Load(p + 64), x2 = Load(p + 128), x3 = Load(p + 192);
    p += 256;
    n -= 256;
    const __m512i k256 = Broadcast(kFold256);
    while (n >= 256) {
      x0 = Fold(x0, k256, Load(p));
      x1 = Fold(x1, k256, Load(p + 64));
      x2 = Fold(x2, k256, Load(p + 128));
      x3 = Fold(x3, k256, Load(p + 192));
      p += 256;
      n -= 256;
    }
    const __m512i k64 = Broadcast(kFold64);
    x0 = Fold(x0, k64, x1);
    x0 = Fold(x0, k64, x2);
    x0 = Fold(x0, k64, x3);
    while (n >= 64) {
      x0 = Fold(x0, k64, Load(p));
      p += 64;
      n -= 64;
    }
    // Lanes 0, 1, 2 move 48, 32 and 16 bytes onto lane 3 (whose constants are zero, so its
    // products vanish), then the four lanes xor into one.
    const __m512i k_lanes = _mm512_set_epi64(
        0, 0, static_cast<int64_t>(kFold16.high), static_cast<int64_t>(kFold16.low),
        static_cast<int64_t>(kFold32.high), static_cast<int64_t>(kFold32.low),
        static_cast<int64_t>(kFold48.high), static_cast<int64_t>(kFold48.low));
    const __m512i moved = Fold(x0, k_lanes, _mm512_maskz_mov_epi64(0xc0, x0));
    const __m256i halves =
        _mm256_xor_si256(_mm512_castsi512_si256(moved), _mm512_extracti64x4_epi64(moved, 1));
    const __m128i lane =
        _mm_xor_si128(_mm256_castsi256_si128(halves), _mm256_extracti128_si256(halves, 1));
    // The 16 bytes that remain, checksummed from a zero register, give the CRC so far.
    crc = _mm_crc32_u64(0, static_cast<uint64_t>(_mm_cvtsi128_si64(lane)));
    crc = _mm_crc32_u64(crc, static_cast<uint64_t>(_mm_extract_epi64(lane, 1)));
  }
  for (; n >= 8; n -= 8, p += 8) {
    uint64_t word;
    std::memcpy(&word, p, sizeof(word));
    crc = _mm_crc32_u64(crc, word);
  }
  for (; n > 0; --n, ++p) crc = _mm_crc32_u8(static_cast<uint32_t>(crc), static_cast<uint8_t>(*p));
  return static_cast<uint32_t>(crc) ^ 0xffffffffu;
}

#undef RILL_FOLD_TARGET

#else  // no carry-less multiply on this architecture

bool FoldingAvailable() { return false; }

uint32_t ExtendFolding(uint32_t init_crc, const char* data, size_t n) {
  return ExtendPortable(init_crc, data, n);
}

#endif

}  // namespace crc32c
}  // namespace rill
