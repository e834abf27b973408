#!/bin/sh
# Coverage tooling is not available offline.
echo "not available offline" >&2
exit 1
