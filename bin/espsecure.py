#!/usr/bin/env bash
# espsecure.py: the name older guides use. Runs bin/espsecure, which says once that the name is the old one.
export JESPTOOL_PROG=espsecure.py
exec "$(dirname "${BASH_SOURCE[0]}")/espsecure" "$@"
