#!/usr/bin/env bash
# Builds the JEsptool flasher stub from source with Debian's cross compilers.
#
#   stub/build.sh            install the pinned toolchains if missing, build every chip image and write
#                            core/src/main/resources/org/jesptool/stub/<chip>.json, and the QEMU sim ELFs
#   stub/build.sh --check    rebuild into a temp dir; fail if any committed image differs by one byte
#   stub/build.sh --test     build and run the host unit tests of the portable core (needs gcc, zlib1g-dev)
#   stub/build.sh --sim      build only the QEMU simulation ELFs (stub/build/sim-*.elf)
#   --no-install             never call apt-get (fail if a pinned package is missing)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
RES="$ROOT/core/src/main/resources/org/jesptool/stub"

# Pinned toolchain packages (Debian 12 bookworm). A rebuild with other versions may differ by a byte.
PINS=(
  "gcc-riscv64-unknown-elf=12.2.0-14+deb12u1+11+b2"
  "binutils-riscv64-unknown-elf=2.40-2+4+b1"
  "gcc-xtensa-lx106=12.2.0-14+deb12u1+13+b2"
  "binutils-xtensa-lx106=2.40-2+5+b1"
  "clang-22=1:22.1.8-1~deb12u1"
  "llvm-22=1:22.1.8-1~deb12u1"
)

mode=build
install=1
for a in "$@"; do
  case "$a" in
    --check) mode=check ;;
    --test) mode=test ;;
    --sim) mode=sim ;;
    --no-install) install=0 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $a" >&2; exit 2 ;;
  esac
done

install_toolchains() {
  local missing=() p name ver have
  for p in "${PINS[@]}"; do
    name=${p%%=*}; ver=${p#*=}
    have=$(dpkg-query -W -f='${Version}' "$name" 2>/dev/null || true)
    if [ "$have" != "$ver" ]; then
      missing+=("$p")
      [ -n "$have" ] && echo "build.sh: $name is $have here, the build is pinned to $ver" >&2
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$install" -eq 0 ]; then
    echo "build.sh: missing pinned packages: ${missing[*]}" >&2; exit 1
  fi
  local sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  for p in "${missing[@]}"; do
    name=${p%%=*}; ver=${p#*=}
    if ! apt-cache madison "$name" 2>/dev/null | awk -F'|' '{gsub(/ /,"",$2); print $2}' | grep -qxF "$ver"; then
      echo "build.sh: the pinned version $ver of $name has left the Debian archive (available:" \
        "$(apt-cache madison "$name" 2>/dev/null | awk -F'|' '{gsub(/ /,"",$2); printf "%s ", $2}')). Update PINS in" \
        "stub/build.sh, rebuild, and commit the new images." >&2
      exit 1
    fi
  done
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

CORE="src/core/util.c src/core/libc_min.c src/core/md5.c src/core/inflate.c src/core/slip.c src/core/flashw.c src/core/proto.c"
COMMON_CFLAGS="-Os -std=gnu99 -ffreestanding -nostdlib -fno-builtin -fno-common -ffunction-sections -fdata-sections
  -fno-tree-loop-distribute-patterns -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-ident
  -Wall -Wextra -Wno-unused-parameter -Isrc/core -ffile-prefix-map=$HERE=stub"
RV_CC="riscv64-unknown-elf-gcc -march=rv32imc_zicsr_zifencei -mabi=ilp32 -msmall-data-limit=0"
LX_CC="xtensa-lx106-elf-gcc -mlongcalls -mtext-section-literals"

# Windowed Xtensa (ESP32, S2, S3): clang-22 -> LLVM IR -> llc-22 -> assembly with every literal pool aligned by
# hand (LLVM places pools unaligned: "fixup value must be 4-byte aligned") -> llvm-mc-22 -> Debian's lx106 GNU ld
# (ld.lld rejects Xtensa; every call is l32r + callx8 with a plain R_XTENSA_32 literal, which GNU ld links for
# any Xtensa core). No compiler runtime: the core needs none (checked by the undefined-symbol test below).
XT_CFLAGS="-Os -std=gnu99 -ffreestanding -nostdlib -fno-builtin -fno-common -Wall -Wextra -Wno-unused-parameter
  -Isrc/core -ffile-prefix-map=$HERE=stub"
XT_LX6="-mcpu=esp32"
XT_LX7_S2="-mcpu=generic -mattr=+windowed,+density,+mul16,+mul32,+mul32high,+div32,+nsa,+minmax,+sext,+clamps"

# out.elf, linker script, llc/llvm-mc CPU flags, extra C flags, sources (.c or plain .S assembly)...
link_xt() {
  local out=$1 ld=$2 cpu=$3 flags=$4; shift 4
  local dir=${out%.elf}.o.d src base objs=() undef
  rm -rf "$dir"; mkdir -p "$dir"
  for src in "$@"; do
    base=$dir/$(basename "${src%.*}")
    if [ "${src##*.}" = c ]; then
      # shellcheck disable=SC2086
      clang-22 --target=xtensa $XT_CFLAGS $flags -S -emit-llvm -o "$base.ll" "$src"
      # shellcheck disable=SC2086
      llc-22 -march=xtensa $cpu -function-sections -data-sections -o "$base.s" "$base.ll"
      sed -i 's/^\([[:space:]]*\)\.literal_position/\1.p2align 2\n\1.literal_position/' "$base.s"
      # shellcheck disable=SC2086
      llvm-mc-22 -triple=xtensa $cpu -filetype=obj -o "$base.o" "$base.s"
    else
      # hand-written startup (sim only): needs the LX6 set for VECBASE
      # shellcheck disable=SC2086
      llvm-mc-22 -triple=xtensa $XT_LX6 -filetype=obj -o "$base.o" "$src"
    fi
    objs+=("$base.o")
  done
  xtensa-lx106-elf-ld --gc-sections --build-id=none --no-warn-rwx-segments -z noexecstack -T "$ld" -o "$out" "${objs[@]}"
  undef=$(xtensa-lx106-elf-nm -u "$out" || true)
  if [ -n "$undef" ]; then echo "build.sh: $out has undefined symbols: $undef" >&2; exit 1; fi
  # windowed ROM functions expect call8 frames: every call must be callx8 (address from a literal)
  # (code only: the literal pools, data, come first in .text)
  local calls code
  code=$(xtensa-lx106-elf-nm -n "$out" | awk '$2 ~ /^[Tt]$/ && $3 != "_vectors" {print "0x" $1; exit}')
  calls=$(llvm-objdump-22 --mcpu=esp32 -d --start-address="$code" "$out" | grep -E '\s(call(x)?(0|4|12)|call8)\s' || true)
  if [ -n "$calls" ]; then echo "build.sh: $out has calls other than callx8:" >&2; echo "$calls" >&2; exit 1; fi
}

# cc, out.elf, linker script, extra flags, sources...
link() {
  local cc=$1 out=$2 ld=$3 flags=$4; shift 4
  # shellcheck disable=SC2086
  $cc $COMMON_CFLAGS $flags -Wl,--gc-sections -Wl,--build-id=none -Wl,--no-warn-rwx-segments -T "$ld" -o "$out" "$@" -lgcc
  local undef
  undef=$(${cc%%-gcc*}-nm -u "$out" || true)
  if [ -n "$undef" ]; then echo "build.sh: $out has undefined symbols: $undef" >&2; exit 1; fi
}

# ELF -> esptool JSON form (stub-facts 3.4): entry, text, text_start, data, data_start, bss_start.
to_json() {
  local prefix=$1 elf=$2 out=$3 tmp
  tmp=$(mktemp -d)
  "$prefix-objcopy" -O binary -j .text "$elf" "$tmp/t.bin"
  "$prefix-objcopy" -O binary -j .data "$elf" "$tmp/d.bin"
  for f in "$tmp/t.bin" "$tmp/d.bin"; do
    local n; n=$(stat -c %s "$f"); truncate -s $(( (n + 3) / 4 * 4 )) "$f"
  done
  local entry text_start data_start bss_start
  entry=$(( $("$prefix-readelf" -h "$elf" | awk '/Entry point/ {print $4}') ))
  sect() { "$prefix-readelf" -SW "$elf" | awk -v s="$1" '$2 == s {print "0x" $4} $3 == s {print "0x" $5}' | head -1; }
  text_start=$(( $(sect .text) )); data_start=$(( $(sect .data) )); bss_start=$(( $(sect .bss) ))
  if ! grep -q 'JEsptoolStub' "$tmp/d.bin"; then
    echo "build.sh: $elf: the JEsptoolStub marker is missing from .data (STUB-CONTRACT 2)" >&2; exit 1
  fi
  printf '{\n  "entry": %d,\n  "text": "%s",\n  "text_start": %d,\n  "data": "%s",\n  "data_start": %d,\n  "bss_start": %d\n}\n' \
    "$entry" "$(base64 -w0 "$tmp/t.bin")" "$text_start" "$(base64 -w0 "$tmp/d.bin")" "$data_start" "$bss_start" > "$out"
  rm -rf "$tmp"
}

# chip  arch  iram-origin  iram-length  dram-origin  dram-length  rom-script  hal-source
CHIPS=(
  "esp8266   lx106 0x4010C500 0x3B00 0x3FFE8100 0x13F00 esp8266 src/hal/esp8266.c"
  "esp32     lx6   0x400A8000 0x4000 0x3FFCC000 0x14000 esp32 src/hal/esp_xtensa.c"
  "esp32s2   lx7s2 0x40028000 0x18000 0x3FFD0000 0x28000 esp32s2 src/hal/esp_xtensa.c"
  "esp32s3   lx6   0x40378000 0x18000 0x3FCA0000 0x28000 esp32s3 src/hal/esp_xtensa.c"
  "esp32c2   rv32  0x40380000 0x4000 0x3FCA4000 0x18000 esp32c2 src/hal/esp_riscv.c"
  "esp32c3   rv32  0x40380000 0x4000 0x3FC84000 0x18000 esp32c3 src/hal/esp_riscv.c"
  "esp32c5   rv32  0x40800000 0x4500 0x40840000 0x18000 esp32c5 src/hal/esp_riscv.c"
  "esp32c6   rv32  0x40800000 0x4500 0x40840000 0x18000 esp32c6 src/hal/esp_riscv.c"
  "esp32c61  rv32  0x40800000 0x4000 0x40804000 0x18000 esp32c61 src/hal/esp_riscv.c"
  "esp32h2   rv32  0x40800000 0x4500 0x40830000 0x18000 esp32h2 src/hal/esp_riscv.c"
  "esp32p4   rv32  0x4FF50000 0x4500 0x4FF60000 0x18000 esp32p4 src/hal/esp_riscv.c"
  "esp32p4-rev1 rv32 0x4FF10000 0x4500 0x4FF50000 0x18000 esp32p4-rev1 src/hal/esp_riscv.c"
)

# arch -> linker template name / LLVM CPU flags
ld_template() { case "$1" in lx6|lx7s2) echo xtensa ;; *) echo "$1" ;; esac; }
xt_cpu() { if [ "$1" = lx7s2 ]; then echo "$XT_LX7_S2"; else echo "$XT_LX6"; fi; }

build_chip() {
  local out=$1; shift
  local chip=$1 arch=$2 io=$3 il=$4 do=$5 dl=$6 rom=$7 hal=$8
  local ld="$out/$chip.ld"
  sed -e "s/@IRAM_ORIGIN@/$io/; s/@IRAM_LENGTH@/$il/; s/@DRAM_ORIGIN@/$do/; s/@DRAM_LENGTH@/$dl/" \
      -e "s|@ROM@|$HERE/ld/rom/$rom.ld|" "ld/$(ld_template "$arch").ld.in" > "$ld"
  local defs="-DCHIP_H=\"chip/$chip.h\" -Isrc/hal"
  if [ "$arch" = rv32 ]; then
    link "$RV_CC" "$out/$chip.elf" "$ld" "$defs" $CORE "$hal"
    to_json riscv64-unknown-elf "$out/$chip.elf" "$out/$chip.json"
  elif [ "$arch" = lx6 ] || [ "$arch" = lx7s2 ]; then
    link_xt "$out/$chip.elf" "$ld" "$(xt_cpu "$arch")" "$defs" $CORE "$hal"
    to_json xtensa-lx106-elf "$out/$chip.elf" "$out/$chip.json"
  else
    link "$LX_CC" "$out/$chip.elf" "$ld" "$defs" $CORE src/hal/esp8266_start.S "$hal"
    to_json xtensa-lx106-elf "$out/$chip.elf" "$out/$chip.json"
  fi
}

build_sims() {
  local out=$1
  link "$RV_CC" "$out/sim-rv32.elf" ld/sim_rv32.ld \
    "-DSIM_UART=0x10000000u -DSIM_UART_STRIDE=1 -DSIM_FLASH=0x80400000u -DSIM_FLASH_SIZE=0x400000u
     -DSIM_CHIP_MAGIC=0 -DSIM_CHIP_ID=5 -DSIM_RAM_LO=0x80000000u -DSIM_RAM_HI=0x88000000u" $CORE src/sim/start_rv32.S src/sim/sim_hal.c
  link "$LX_CC" "$out/sim-lx106.elf" ld/sim_lx106.ld \
    "-DSIM_UART=0x9D050020u -DSIM_UART_STRIDE=4 -DSIM_FLASH=0x60000000u -DSIM_FLASH_SIZE=0x400000u
     -DSIM_CHIP_MAGIC=0xFFF0C101u -DSIM_RAM_LO=0x3FF80000u -DSIM_RAM_HI=0x40200000u" $CORE src/sim/start_lx106.S src/sim/sim_hal.c
  # windowed Xtensa (lx60-nommu, -cpu sample_controller), the ESP32/S3 code generation, answering as an ESP32. The S2's
  # option set (no loops/FP/MAC16) makes llc-22 emit the same core code byte for byte, so one sim covers all three.
  link_xt "$out/sim-esp32.elf" ld/sim_xtensa.ld "$XT_LX6" \
    "-DSIM_UART=0x9D050020u -DSIM_UART_STRIDE=4 -DSIM_FLASH=0x60000000u -DSIM_FLASH_SIZE=0x400000u
     -DSIM_CHIP_MAGIC=0x00F01D83u -DSIM_RAM_LO=0x3FFE0000u -DSIM_RAM_HI=0x40020000u" \
    $CORE src/sim/start_xtensa.S src/sim/sim_hal.c
}

build_all() {
  local out=$1 c f
  for c in "${CHIPS[@]}"; do
    # shellcheck disable=SC2086
    build_chip "$out" $c
  done
  # the one windowed sim runs the -mcpu=esp32 core code; the S2 images carry the same only while llc emits it
  for f in $CORE; do
    f=$(basename "${f%.c}").s
    if ! cmp -s "$out/esp32.o.d/$f" "$out/esp32s2.o.d/$f"; then
      echo "build.sh: llc-22 now emits other core code ($f) for the ESP32-S2 than for the ESP32: add an S2 sim build" >&2
      exit 1
    fi
  done
}

sizes() {
  local out=$1 c chip arch
  printf '%-10s %6s %6s %6s\n' chip text data bss
  for c in "${CHIPS[@]}"; do
    read -r chip arch _ <<<"$c"
    local p=riscv64-unknown-elf; [ "$arch" != rv32 ] && p=xtensa-lx106-elf
    "$p-size" -A "$out/$chip.elf" | awk -v c="$chip" '$1==".text"{t=$2} $1==".data"{d=$2} $1==".bss"{b=$2} END{printf "%-10s %6d %6d %6d\n", c, t, d, b}'
  done
}

cd "$HERE"
case "$mode" in
  test)
    mkdir -p build
    gcc -std=gnu99 -O1 -g -Wall -Wextra -Wno-unused-parameter -fsanitize=address,undefined \
      -Isrc/core -Itest -o build/test_core test/test_main.c test/test_codec.c test/test_protocol.c test/fake_hal.c \
      src/core/util.c src/core/md5.c src/core/inflate.c src/core/slip.c src/core/flashw.c src/core/proto.c -lz
    exec build/test_core
    ;;
  sim)
    install_toolchains
    mkdir -p build
    build_sims build
    echo "build.sh: simulation ELFs in stub/build/"
    ;;
  build)
    install_toolchains
    mkdir -p build "$RES"
    build_all build
    build_sims build
    for c in "${CHIPS[@]}"; do read -r chip _ <<<"$c"; cp "build/$chip.json" "$RES/$chip.json"; done
    sizes build
    echo "build.sh: images written to ${RES#$ROOT/}"
    ;;
  check)
    install_toolchains
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    build_all "$tmp"
    bad=0
    for c in "${CHIPS[@]}"; do
      read -r chip _ <<<"$c"
      if [ ! -f "$RES/$chip.json" ]; then
        echo "build.sh --check: $chip.json is not committed" >&2; bad=1
      elif ! cmp -s "$tmp/$chip.json" "$RES/$chip.json"; then
        echo "build.sh --check: $chip.json differs from what stub/ builds (run stub/build.sh and commit)" >&2; bad=1
      fi
    done
    [ "$bad" -eq 0 ] || exit 1
    echo "build.sh --check: all ${#CHIPS[@]} stub images are byte-identical to a rebuild from source"
    ;;
esac
