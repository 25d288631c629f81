#!/usr/bin/env bash
# espefuse.py: the name older guides use. Runs bin/espefuse, which says once that the name is the old one.
export JESPTOOL_PROG=espefuse.py
exec "$(dirname "${BASH_SOURCE[0]}")/espefuse" "$@"
