// Compression names and zlib window bits (see compression.h).
#include "core/io/compression.h"

#include "absl/strings/match.h"
#include "core/framework/errors.h"

namespace rill {
namespace io {

absl::StatusOr<Compression> ParseCompression(absl::string_view name) {
  if (name.empty() || absl::EqualsIgnoreCase(name, "NONE")) return Compression::kNone;
  if (absl::EqualsIgnoreCase(name, "ZLIB")) return Compression::kZlib;
  if (absl::EqualsIgnoreCase(name, "GZIP")) return Compression::kGzip;
  return errors::InvalidArgument("unknown compression \"", name, "\"; expected NONE, ZLIB or GZIP");
}

absl::string_view CompressionName(Compression compression) {
  switch (compression) {
    case Compression::kNone:
      return "NONE";
    case Compression::kZlib:
      return "ZLIB";
    case Compression::kGzip:
      return "GZIP";
  }
  return "NONE";
}

int ZlibWindowBits(Compression compression) {
  return compression == Compression::kGzip ? 15 + 16 : 15;
}

}  // namespace io
}  // namespace rill
