#!/usr/bin/env bash
# esptool.py: the name older guides use. Runs bin/esptool, which says once that the name is the old one.
export JESPTOOL_PROG=esptool.py
exec "$(dirname "${BASH_SOURCE[0]}")/esptool" "$@"
