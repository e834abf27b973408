// CRC-32C (Castagnoli), the checksum of TFRecords, table blocks and checkpoints, and
// TensorFlow's masked form of it. Carry-less multiplies or SSE4.2 instructions when the CPU
// has them, tables otherwise.
#ifndef RILL_CORE_IO_CRC32C_H_
#define RILL_CORE_IO_CRC32C_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace rill {
namespace crc32c {

// Extend returns the CRC-32C of A followed by data[0, n), where `init_crc` is the CRC-32C of
// some string A. Extend(Value(a), b, n) == Value of the concatenation. Thread-safe.
uint32_t Extend(uint32_t init_crc, const char* data, size_t n);

// Value returns the CRC-32C of data[0, n): reflected polynomial 0x82F63B78, initial value
// and final xor 0xFFFFFFFF. Value("123456789") == 0xE3069283.
inline uint32_t Value(const char* data, size_t n) { return Extend(0, data, n); }
inline uint32_t Value(absl::string_view data) { return Extend(0, data.data(), data.size()); }

// kMaskDelta is the constant Mask adds after rotating.
inline constexpr uint32_t kMaskDelta = 0xa282ead8u;

// Mask returns the form of `crc` stored in files. A CRC computed over a string that itself
// holds CRCs is poorly distributed; masking (rotate right by 15, add kMaskDelta) avoids that.
inline uint32_t Mask(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + kMaskDelta; }

// Unmask inverts Mask.
inline uint32_t Unmask(uint32_t masked_crc) {
  const uint32_t rotated = masked_crc - kMaskDelta;
  return (rotated >> 17) | (rotated << 15);
}

// The implementations behind Extend, exposed for tests and benchmarks; use Extend, which
// takes the first available of folding, hardware and portable.

// HardwareAvailable says whether this CPU has the SSE4.2 CRC32 instruction.
bool HardwareAvailable();

// ExtendHardware is Extend with SSE4.2 CRC32 instructions, three independent streams per
// 768-byte block. REQUIRES: HardwareAvailable().
uint32_t ExtendHardware(uint32_t init_crc, const char* data, size_t n);

// FoldingAvailable says whether this CPU has AVX-512 (F, VL), VPCLMULQDQ, PCLMULQDQ and
// SSE4.2, and the OS saves 512-bit registers.
bool FoldingAvailable();

// ExtendFolding is Extend by carry-less multiplication: four 512-bit accumulators fold 256
// bytes a step, the CRC32 instruction reduces them and takes tails and inputs under 256
// bytes. REQUIRES: FoldingAvailable().
uint32_t ExtendFolding(uint32_t init_crc, const char* data, size_t n);

// ExtendPortable is Extend with slice-by-8 lookup tables, for any CPU.
uint32_t ExtendPortable(uint32_t init_crc, const char* data, size_t n);

}  // namespace crc32c
}  // namespace rill

#endif  // RILL_CORE_IO_CRC32C_H_
