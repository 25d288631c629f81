// Conformance run: esptool-js (an independent esptool client, pinned in package-lock.json) drives
// bin/esp-virtual over TCP through TcpSerialPort, and every step is checked against what the virtual
// device was configured with.
//
//   node run.mjs --port 5555 --chip esp32c3 [--host 127.0.0.1] [--mode raw|rfc2217]
//                [--expect-mac aa:bb:cc:dd:ee:ff] [--expect-flash-id 0x1640ef]
//                [--baud 921600] [--size 262144] [--offset 0x10000] [--read-only] [--timeout 60] [--trace]
//
// --usb-jtag makes the port report Espressif's USB-Serial/JTAG ids, so esptool-js resets with its
// USB-JTAG sequence instead of the classic one.
// --reopen-baud hides the adapter's setBaudRate(), as browsers' Web Serial has none: esptool-js then
// changes baud by closing the port and opening it again at the new rate (a second TCP connection).
// --erase ends with esptool-js's eraseFlash() (stub ERASE_FLASH) and checks the flash reads 0xFF.
// --read-only skips the write and checks that the data an earlier run wrote (same chip, size and
// offset give the same bytes) is still in flash: MD5 and READ_FLASH read-back.
//
// Prints one "ok <step>: ..." line per passed step and a final "PASS <chip> ..." line; on the first
// failed check it prints "FAIL <step>: ..." and exits 1. Usage errors exit 2.

import { createHash } from "node:crypto";
import { ESPLoader, Transport } from "esptool-js";
import { TcpSerialPort } from "./tcp-serial-port.mjs";

const OP = {
  FLASH_DATA: 0x03,
  MEM_BEGIN: 0x05,
  MEM_END: 0x06,
  MEM_DATA: 0x07,
  CHANGE_BAUDRATE: 0x0f,
  FLASH_DEFL_BEGIN: 0x10,
  FLASH_DEFL_DATA: 0x11,
  FLASH_DEFL_END: 0x12,
  SPI_FLASH_MD5: 0x13,
  ERASE_FLASH: 0xd0,
  READ_FLASH: 0xd2,
};

/** esptool-js chip names for the --chip values we accept. */
const CHIP_NAMES = {
  esp8266: "ESP8266",
  esp32: "ESP32",
  esp32s2: "ESP32-S2",
  esp32s3: "ESP32-S3",
  esp32c2: "ESP32-C2",
  esp32c3: "ESP32-C3",
  esp32c5: "ESP32-C5",
  esp32c6: "ESP32-C6",
  esp32c61: "ESP32-C61",
  esp32h2: "ESP32-H2",
  esp32p4: "ESP32-P4",
};

/** Chips whose ROM prints its boot banner at 74880 baud when clocked from a 26 MHz crystal. */
const ROM_PRINTS_AT_74880 = ["ESP8266", "ESP32-C2"];

class CheckFailed extends Error {
  constructor(step, message) {
    super(message);
    this.step = step;
  }
}

function usage(message) {
  console.error(`run.mjs: ${message}`);
  console.error(
    "usage: node run.mjs --port N --chip CHIP [--host H] [--mode raw|rfc2217] [--expect-mac MAC]\n" +
      "                   [--expect-flash-id HEX] [--baud B] [--size BYTES] [--offset ADDR] [--read-only]\n" +
      "                   [--usb-jtag] [--reopen-baud] [--erase] [--lines-unwired] [--timeout S] [--trace]",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    host: "127.0.0.1",
    mode: "raw",
    baud: 921600,
    size: 256 * 1024,
    offset: 0x10000,
    timeout: 60,
    trace: false,
    readOnly: false,
    usbJtag: false,
    erase: false,
    reopenBaud: false,
    linesUnwired: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${name} needs a value`);
      return argv[++i];
    };
    switch (name) {
      case "--host": opts.host = value(); break;
      case "--port": opts.port = parseNumber(name, value()); break;
      case "--chip": opts.chip = value().toLowerCase().replace(/[-_()]/g, ""); break;
      case "--mode": opts.mode = value(); break;
      case "--expect-mac": opts.expectMac = value().toLowerCase(); break;
      case "--expect-flash-id": opts.expectFlashId = parseNumber(name, value()); break;
      case "--baud": opts.baud = parseNumber(name, value()); break;
      case "--size": opts.size = parseNumber(name, value()); break;
      case "--offset": opts.offset = parseNumber(name, value()); break;
      case "--timeout": opts.timeout = parseNumber(name, value()); break;
      case "--read-only": opts.readOnly = true; break;
      case "--usb-jtag": opts.usbJtag = true; break;
      case "--erase": opts.erase = true; break;
      case "--reopen-baud": opts.reopenBaud = true; break;
      case "--lines-unwired": opts.linesUnwired = true; break;
      case "--trace": opts.trace = true; break;
      default: usage(`unknown option ${name}`);
    }
  }
  if (opts.port === undefined) usage("--port is required");
  if (opts.chip === undefined) usage("--chip is required");
  if (!CHIP_NAMES[opts.chip]) usage(`unknown chip ${opts.chip}; known: ${Object.keys(CHIP_NAMES).join(", ")}`);
  if (opts.mode !== "raw" && opts.mode !== "rfc2217") usage(`--mode must be raw or rfc2217, not ${opts.mode}`);
  if (opts.size % 4 !== 0 || opts.size <= 0) usage("--size must be a positive multiple of 4");
  return opts;
}

function parseNumber(name, text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) usage(`${name}: not a number: ${text}`);
  return n;
}

/** Deterministic incompressible test data (xorshift32), different per chip. */
function testData(size, chip) {
  let x = 0x9e3779b9;
  for (const c of chip) x = (Math.imul(x ^ c.charCodeAt(0), 0x01000193) >>> 0) || 1;
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

const md5hex = (bytes) => createHash("md5").update(bytes).digest("hex");
const hex = (n, width = 6) => "0x" + (n >>> 0).toString(16).padStart(width, "0");

async function conformance(opts, log) {
  const port = new TcpSerialPort({ host: opts.host, port: opts.port, mode: opts.mode, usbJtag: opts.usbJtag,
    inPlaceBaud: !opts.reopenBaud, log });
  const transport = new Transport(port, opts.trace);

  // Record the opcode of every command esptool-js sends (READ_FLASH acks are 4-byte frames: skipped).
  const sent = new Map();
  const originalWrite = transport.write.bind(transport);
  transport.write = async (data) => {
    if (data.length >= 8 && data[0] === 0x00) sent.set(data[1], (sent.get(data[1]) ?? 0) + 1);
    return originalWrite(data);
  };
  const count = (op) => sent.get(op) ?? 0;

  const printed = []; // what esptool-js printed, line by line
  const terminal = {
    clean() {},
    writeLine(line) {
      printed.push(line);
      log(line);
    },
    write(text) {
      if (text.trim()) log(text.trim());
    },
  };
  const loader = new ESPLoader({ transport, baudrate: opts.baud, romBaudrate: 115200, terminal, debugLogging: opts.trace });
  const expectedChip = CHIP_NAMES[opts.chip];
  const timings = {};
  const timed = async (name, fn) => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      timings[name] = Math.round(performance.now() - t0);
    }
  };
  const check = (step, condition, message) => {
    if (!condition) throw new CheckFailed(step, message);
  };
  const ok = (step, message) => console.log(`ok ${step}: ${message}`);

  try {
    // main(): reset into download mode, sync, detect, describe, MAC, stub upload, baud change, flash id.
    let description;
    try {
      description = await timed("main", () => loader.main("default_reset"));
    } catch (e) {
      throw new CheckFailed("connect", `esptool-js main() failed: ${e.message ?? e}`);
    }

    if (opts.mode === "rfc2217") {
      const controlAcks = port.serverReplies.filter((r) => r.command === 105).length;
      check("reset", controlAcks > 0, "the server acknowledged no SET-CONTROL (command 105)");
      const bootStrapHeld = port.signalHistory.some((s) => s.dtr && !s.rts);
      check("reset", bootStrapHeld, "esptool-js never asserted DTR alone (the boot strap)");
      const banner = port.banners.at(-1) ?? "";
      if (opts.linesUnwired) {
        // DTR/RTS end at a link that cannot carry them (a pseudo-terminal): the chip waits in download mode
        ok("reset", `${port.signalHistory.length} DTR/RTS changes sent as RFC 2217 SET-CONTROL and acknowledged; the lines are not wired to the chip here`);
      } else if (ROM_PRINTS_AT_74880.includes(loader.chip.CHIP_NAME) && !/waiting for download/.test(banner)) {
        // With a 26 MHz crystal these ROMs print their banner at 74880 baud: noise at 115200, as on a board.
        check("reset", banner.length > 0, "after the last reset the chip printed no boot banner");
        ok("reset", `${port.signalHistory.length} DTR/RTS changes (${port.usbJtag ? "USB-JTAG" : "classic"} reset) sent as RFC 2217 SET-CONTROL; chip printed a ${banner.length}-byte banner (74880 baud, unreadable at 115200)`);
      } else {
        check("reset", /boot:0x[0-9a-f]+[\s\S]*waiting for download/i.test(banner),
          `after the last reset the chip did not print a download-mode boot banner; it printed ${JSON.stringify(banner)}`);
        const bootLine = banner.split(/\r?\n/).find((l) => /boot:0x/i.test(l));
        ok("reset", `${port.signalHistory.length} DTR/RTS changes (${port.usbJtag ? "USB-JTAG" : "classic"} reset) sent as RFC 2217 SET-CONTROL; chip printed "${bootLine}" + "waiting for download"`);
      }
    }
    ok("connect", `synced with ${loader.syncStubDetected ? "the running stub" : "the ROM"} at 115200 baud`);

    check("detect", loader.chip.CHIP_NAME === expectedChip, `detected ${loader.chip.CHIP_NAME}, expected ${expectedChip}`);
    ok("detect", `${loader.chip.CHIP_NAME} (${description})`);

    // main() printed the MAC as read from the ROM; read it again through the stub.
    const romMac = printed.find((l) => l.startsWith("MAC: "))?.slice(5);
    const mac = await timed("mac", () => loader.chip.readMac(loader));
    check("mac", romMac === mac, `MAC read through the ROM (${romMac}) differs from MAC read through the stub (${mac})`);
    if (opts.expectMac !== undefined) {
      check("mac", mac.toLowerCase() === opts.expectMac, `MAC ${mac}, expected ${opts.expectMac}`);
    } else {
      check("mac", /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(mac) && mac !== "00:00:00:00:00:00", `implausible MAC ${mac}`);
    }
    ok("mac", `${mac} (same through ROM and stub)`);

    // esptool-js 0.7.0 defines ESP8266's SPI_MOSI_DLEN_OFFS as 0 instead of leaving it unset, so
    // runSpiflashCommand writes the MISO length to SPI_CMD instead of SPI_USR1 and the chip clocks in
    // only what USR1 held (after reset: 1 bit, so RDID yields the manufacturer byte only). esptool
    // (Python) has no such register on ESP8266; unset it here so RDID is configured as there.
    let quirk = "";
    if (loader.chip.CHIP_NAME === "ESP8266" && loader.chip.SPI_MOSI_DLEN_OFFS === 0) {
      loader.chip.SPI_MOSI_DLEN_OFFS = undefined;
      loader.chip.SPI_MISO_DLEN_OFFS = undefined;
      quirk = "; esptool-js ESP8266 SPI length quirk bypassed";
    }
    const flashId = await timed("flash-id", () => loader.readFlashId());
    if (opts.expectFlashId !== undefined) {
      check("flash-id", flashId >>> 0 === opts.expectFlashId, `flash id ${hex(flashId)}, expected ${hex(opts.expectFlashId)}`);
    } else {
      check("flash-id", flashId !== 0xffffff && flashId !== 0, `no flash answers RDID (${hex(flashId)})`);
    }
    ok("flash-id", `${hex(flashId)} (manufacturer ${hex(flashId & 0xff, 2)}, size code ${hex((flashId >> 16) & 0xff, 2)}${quirk})`);

    check("stub", loader.IS_STUB === true, "esptool-js did not get OHAI: the stub is not running");
    if (loader.syncStubDetected) {
      // A stub left running by an earlier connection (no reset on a plain socket): SYNC said so.
      check("stub", count(OP.MEM_END) === 0, "esptool-js uploaded a stub although SYNC reported one running");
      ok("stub", "already running (every SYNC reply carried value 0), no upload");
    } else {
      check("stub", count(OP.MEM_END) === 1 && count(OP.MEM_DATA) > 0,
        `one stub upload expected, saw ${count(OP.MEM_DATA)} MEM_DATA and ${count(OP.MEM_END)} MEM_END (did esptool-js reconnect?)`);
      ok("stub", `uploaded with ${count(OP.MEM_BEGIN)} MEM_BEGIN + ${count(OP.MEM_DATA)} MEM_DATA, OHAI received`);
    }

    check("baud", count(OP.CHANGE_BAUDRATE) === 1, `CHANGE_BAUDRATE sent ${count(OP.CHANGE_BAUDRATE)} times`);
    check("baud", loader.baudrate === opts.baud && transport.baudrate === opts.baud,
      `still at ${transport.baudrate} baud (device stopped answering after CHANGE_BAUDRATE?)`);
    if (opts.mode === "rfc2217") {
      // RFC 2217: the server acknowledges SET-BAUDRATE with command 101 and the rate it applied.
      const acked = port.serverReplies.some((r) => r.command === 101 && r.value.length === 4 &&
        ((r.value[0] << 24) | (r.value[1] << 16) | (r.value[2] << 8) | r.value[3]) >>> 0 === opts.baud);
      check("baud", acked, `the server never acknowledged SET-BAUDRATE ${opts.baud} (replies: ${JSON.stringify(port.serverReplies)})`);
    }
    if (opts.reopenBaud) {
      check("baud", port.connections === 2, `expected the port to be reopened once, saw ${port.connections} connections`);
      ok("baud", `${opts.baud} by closing and reopening the port (second TCP connection${opts.mode === "rfc2217" ? " opened at " + opts.baud + " with SET-BAUDRATE" : ""}), stub still answering`);
    } else {
      check("baud", port.connections === 1, `the port was reopened (${port.connections} connections)`);
      ok("baud", `${opts.baud} in place${opts.mode === "rfc2217" ? " (RFC 2217 SET-BAUDRATE sent)" : ""}, stub still answering`);
    }

    const data = testData(opts.size, opts.chip);
    const md5 = md5hex(data);
    if (opts.readOnly) {
      // Data written by an earlier connection to the same device: the flash must have kept it.
      const flashMd5 = await timed("md5", () => loader.flashMd5sum(opts.offset, opts.size));
      check("md5", flashMd5 === md5, `device MD5 ${flashMd5}, MD5 of the data written earlier ${md5}`);
      ok("md5", `${opts.size} bytes at ${hex(opts.offset)} kept from the earlier connection, MD5 ${md5}`);
    } else {
      const flashMd5 = await timed("write", async () => {
        await loader.writeFlash({
          fileArray: [{ data, address: opts.offset }],
          flashMode: "keep",
          flashFreq: "keep",
          flashSize: "keep",
          eraseAll: false,
          compress: true,
          calculateMD5Hash: md5hex, // writeFlash throws unless SPI_FLASH_MD5 matches this
        });
        return loader.flashMd5sum(opts.offset, opts.size);
      });
      check("write", count(OP.FLASH_DEFL_DATA) >= Math.ceil(opts.size / 0x4000) && count(OP.FLASH_DATA) === 0,
        `expected compressed blocks, saw ${count(OP.FLASH_DEFL_DATA)} FLASH_DEFL_DATA and ${count(OP.FLASH_DATA)} FLASH_DATA`);
      check("write", count(OP.FLASH_DEFL_END) === 1, `FLASH_DEFL_END sent ${count(OP.FLASH_DEFL_END)} times`);
      check("write", flashMd5 === md5, `device MD5 ${flashMd5}, data MD5 ${md5}`);
      ok("write", `${opts.size} bytes at ${hex(opts.offset)} in ${count(OP.FLASH_DEFL_DATA)} FLASH_DEFL_DATA blocks, MD5 ${md5} verified`);
    }

    const readBack = await timed("read", () => loader.readFlash(opts.offset, opts.size));
    check("read", readBack.length === opts.size, `read ${readBack.length} bytes, expected ${opts.size}`);
    const mismatch = readBack.findIndex((b, i) => b !== data[i]);
    check("read", mismatch < 0, `read-back differs first at ${hex(opts.offset + mismatch)}: ${hex(readBack[mismatch], 2)} != ${hex(data[mismatch], 2)}`);
    ok("read", `${opts.size} bytes read back with READ_FLASH, equal to what was written`);

    if (opts.erase) {
      await timed("erase", () => loader.eraseFlash());
      check("erase", count(OP.ERASE_FLASH) === 1, `ERASE_FLASH sent ${count(OP.ERASE_FLASH)} times`);
      const erasedMd5 = await loader.flashMd5sum(opts.offset, opts.size);
      const blankMd5 = md5hex(new Uint8Array(opts.size).fill(0xff));
      check("erase", erasedMd5 === blankMd5, `after ERASE_FLASH the region's MD5 is ${erasedMd5}, not that of 0xFF bytes (${blankMd5})`);
      const head = await loader.readFlash(0, 0x1000);
      check("erase", head.every((b) => b === 0xff), "after ERASE_FLASH the first sector does not read back as 0xFF");
      ok("erase", `ERASE_FLASH left the written region and sector 0 all 0xFF (MD5 ${blankMd5})`);
    }

    console.log(`PASS ${expectedChip} mode=${opts.mode} timings_ms=${JSON.stringify(timings)}`);
    return 0;
  } catch (e) {
    if (e instanceof CheckFailed) {
      console.log(`FAIL ${e.step}: ${e.message}`);
    } else {
      console.log(`FAIL error: ${e?.stack ?? e}`);
    }
    return 1;
  } finally {
    try {
      await transport.disconnect();
    } catch {
      await port.close();
    }
  }
}

const opts = parseArgs(process.argv.slice(2));
const log = (line) => console.error(`  esptool-js| ${line}`);
const watchdog = setTimeout(() => {
  console.log(`FAIL timeout: no result after ${opts.timeout} s`);
  process.exit(1);
}, opts.timeout * 1000);
watchdog.unref();
const code = await conformance(opts, log);
clearTimeout(watchdog);
process.exit(code);
