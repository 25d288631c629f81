// A Web-Serial-shaped port object (what esptool-js's Transport expects from navigator.serial)
// backed by a TCP socket to bin/esp-virtual.
//
// Two modes:
//  - "raw":     plain TCP byte stream. No control lines: setSignals() is recorded but sends nothing,
//               setBaudRate() only records the rate. The device must already be in download mode.
//  - "rfc2217": telnet with COM-PORT-OPTION (RFC 2217). setSignals() becomes SET-CONTROL DTR/RTS,
//               open() and setBaudRate() send SET-BAUDRATE, so resets and baud changes really reach
//               the virtual device, in order with the data.

import net from "node:net";
import * as T from "./rfc2217.mjs";

const NEGOTIATION_TIMEOUT_MS = 3000;

export class TcpSerialPort {
  /**
   * @param {{host: string, port: number, mode?: "raw" | "rfc2217", usbJtag?: boolean, inPlaceBaud?: boolean,
   *          log?: (line: string) => void}} options
   *   usbJtag: report Espressif's USB-Serial/JTAG VID/PID so esptool-js picks its USB-JTAG reset sequence
   *   inPlaceBaud: offer setBaudRate() (default); false hides it, as browsers' Web Serial does, so
   *   esptool-js changes baud by closing and reopening the port (a new TCP connection)
   */
  constructor({ host, port, mode = "raw", usbJtag = false, inPlaceBaud = true, log = () => {} }) {
    if (mode !== "raw" && mode !== "rfc2217") throw new Error(`unknown mode ${mode}: use raw or rfc2217`);
    this.host = host;
    this.port = port;
    this.mode = mode;
    this.usbJtag = usbJtag;
    if (!inPlaceBaud) this.setBaudRate = undefined;
    /** TCP connections opened so far. */
    this.connections = 0;
    this.log = log;
    this.readable = null;
    this.writable = null;
    this.socket = null;
    this.baudRate = 0;
    this.dtr = false;
    this.rts = false;
    /** Every control-line change, in order: [{dtr, rts}] (for the test's own assertions). */
    this.signalHistory = [];
    /** Baud rates requested from the server, in order. */
    this.baudHistory = [];
    /** COM-PORT-OPTION answers from the server, in order: [{command, value}]. */
    this.serverReplies = [];
    /** Text the chip printed after each reset release, up to its first SLIP frame (the boot banner). */
    this.banners = [];
    this.capturingBanner = false;
    this.bytesIn = 0;
    this.bytesOut = 0;
  }

  getInfo() {
    // Without USB ids esptool-js treats the port as a USB-UART bridge and uses the classic reset.
    return this.usbJtag ? { usbVendorId: 0x303a, usbProductId: 0x1001 } : {};
  }

  async open({ baudRate = 115200 } = {}) {
    if (this.socket) throw new DOMException("The port is already open.", "InvalidStateError");
    const socket = await connectSocket(this.host, this.port);
    socket.setNoDelay(true);
    this.socket = socket;
    this.connections++;
    this.decoder = new T.TelnetDecoder();
    let comPortAccepted;
    const accepted = new Promise((resolve) => (comPortAccepted = resolve));

    this.readable = new ReadableStream({
      start: (controller) => {
        socket.on("data", (chunk) => {
          let data = new Uint8Array(chunk);
          if (this.mode === "rfc2217") {
            const decoded = this.decoder.decode(data);
            for (const event of decoded.events) {
              if (this.handleTelnetEvent(event)) comPortAccepted();
            }
            data = decoded.data;
          }
          if (data.length > 0) {
            this.captureBanner(data);
            this.bytesIn += data.length;
            try {
              controller.enqueue(data);
            } catch {
              // stream already cancelled by the reader: drop the bytes, as a closed port would
            }
          }
        });
        socket.on("close", () => {
          try {
            controller.close();
          } catch {
            // already closed or cancelled
          }
        });
        socket.on("error", (err) => {
          this.log(`socket error: ${err.message}`);
        });
      },
      cancel: () => {},
    });

    this.writable = new WritableStream({
      write: (chunk) => this.send(this.mode === "rfc2217" ? T.escapeData(chunk) : chunk, chunk.length),
    });

    if (this.mode === "rfc2217") {
      await this.sendRaw(
        Uint8Array.from([
          ...T.negotiation(T.WILL, T.BINARY),
          ...T.negotiation(T.DO, T.BINARY),
          ...T.negotiation(T.WILL, T.SGA),
          ...T.negotiation(T.DO, T.SGA),
          ...T.negotiation(T.WILL, T.COM_PORT_OPTION),
        ]),
      );
      const timedOut = await Promise.race([
        accepted.then(() => false),
        new Promise((resolve) => setTimeout(() => resolve(true), NEGOTIATION_TIMEOUT_MS)),
      ]);
      if (timedOut) {
        await this.close();
        throw new Error(
          `${this.host}:${this.port} did not accept RFC 2217 (no IAC DO COM-PORT-OPTION within ` +
            `${NEGOTIATION_TIMEOUT_MS} ms); start esp-virtual with --rfc2217 or use --mode raw`,
        );
      }
      await this.sendRaw(
        Uint8Array.from([
          ...T.comPortCommand(T.SET_DATASIZE, [8]),
          ...T.comPortCommand(T.SET_PARITY, [1]), // NONE
          ...T.comPortCommand(T.SET_STOPSIZE, [1]), // 1 stop bit
        ]),
      );
    }
    await this.applyBaudRate(baudRate);
  }

  captureBanner(data) {
    if (!this.capturingBanner) return;
    const end = data.indexOf(0xc0);
    const text = Buffer.from(end < 0 ? data : data.subarray(0, end)).toString("latin1");
    this.banners[this.banners.length - 1] += text;
    if (end >= 0) this.capturingBanner = false;
  }

  /** Returns true when the server agreed to COM-PORT-OPTION. */
  handleTelnetEvent(event) {
    switch (event.type) {
      case "do":
      case "will":
        if (![T.BINARY, T.SGA, T.COM_PORT_OPTION].includes(event.option)) {
          // refuse anything we did not offer
          this.sendRaw(T.negotiation(event.type === "do" ? T.WONT : T.DONT, event.option));
        }
        return event.type === "do" && event.option === T.COM_PORT_OPTION;
      case "comport":
        this.serverReplies.push({ command: event.command, value: event.value });
        return false;
      default:
        return false;
    }
  }

  async setSignals({ dataTerminalReady, requestToSend, break: brk } = {}) {
    // DTR before RTS: when RTS releases EN the boot strap must already be set, as with pyserial.
    const commands = [];
    if (dataTerminalReady !== undefined) {
      this.dtr = !!dataTerminalReady;
      commands.push(T.comPortCommand(T.SET_CONTROL, [this.dtr ? T.DTR_ON : T.DTR_OFF]));
    }
    if (requestToSend !== undefined) {
      if (this.rts && !requestToSend) {
        this.banners.push(""); // EN released: whatever the chip prints next is its boot banner
        this.capturingBanner = true;
      }
      this.rts = !!requestToSend;
      commands.push(T.comPortCommand(T.SET_CONTROL, [this.rts ? T.RTS_ON : T.RTS_OFF]));
    }
    if (brk) throw new Error("break is not supported by this adapter");
    this.signalHistory.push({ dtr: this.dtr, rts: this.rts });
    if (this.mode === "rfc2217" && this.socket && commands.length > 0) {
      // One write for both lines, so they leave together as closely as a real adapter's single
      // control transfer would.
      await this.sendRaw(Uint8Array.from(commands.flatMap((c) => [...c])));
    }
  }

  /** In-place baud change (esptool-js's BaudRateConfigurablePort); avoids close and reopen. */
  async setBaudRate(baud) {
    await this.applyBaudRate(baud);
  }

  async applyBaudRate(baud) {
    this.baudRate = baud;
    this.baudHistory.push(baud);
    if (this.mode === "rfc2217" && this.socket) {
      await this.sendRaw(T.comPortCommand(T.SET_BAUDRATE, T.u32be(baud)));
    }
  }

  async close() {
    const socket = this.socket;
    this.socket = null;
    this.readable = null;
    this.writable = null;
    if (socket) {
      await new Promise((resolve) => {
        socket.once("close", resolve);
        socket.end();
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 500).unref();
      });
    }
  }

  send(bytes, payloadLength) {
    this.bytesOut += payloadLength;
    return this.sendRaw(bytes);
  }

  sendRaw(bytes) {
    const socket = this.socket;
    if (!socket) return Promise.reject(new DOMException("The port is closed.", "InvalidStateError"));
    return new Promise((resolve, reject) => socket.write(bytes, (err) => (err ? reject(err) : resolve())));
  }
}

function connectSocket(host, port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.once("connect", () => {
      socket.removeListener("error", reject);
      resolve(socket);
    });
    socket.once("error", (err) =>
      reject(new Error(`cannot connect to ${host}:${port}: ${err.message} (is bin/esp-virtual listening?)`)),
    );
  });
}
