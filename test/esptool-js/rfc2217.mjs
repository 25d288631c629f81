// Telnet / RFC 2217 codec for the test client: just what a serial-port client needs.
// Outgoing data doubles 0xFF (IAC); incoming data is separated from telnet commands.

export const IAC = 255;
export const SE = 240;
export const SB = 250;
export const WILL = 251;
export const WONT = 252;
export const DO = 253;
export const DONT = 254;

export const BINARY = 0;
export const SGA = 3;
export const COM_PORT_OPTION = 44;

// Client-to-server COM-PORT-OPTION commands; the server answers with command + 100.
export const SET_BAUDRATE = 1;
export const SET_DATASIZE = 2;
export const SET_PARITY = 3;
export const SET_STOPSIZE = 4;
export const SET_CONTROL = 5;
export const PURGE_DATA = 12;
export const SERVER_OFFSET = 100;

// SET_CONTROL values.
export const DTR_ON = 8;
export const DTR_OFF = 9;
export const RTS_ON = 11;
export const RTS_OFF = 12;

/** Escapes payload bytes for the telnet stream (0xFF becomes 0xFF 0xFF). */
export function escapeData(bytes) {
  let count = 0;
  for (const b of bytes) if (b === IAC) count++;
  if (count === 0) return bytes;
  const out = new Uint8Array(bytes.length + count);
  let j = 0;
  for (const b of bytes) {
    out[j++] = b;
    if (b === IAC) out[j++] = IAC;
  }
  return out;
}

/** IAC <verb> <option>. */
export function negotiation(verb, option) {
  return Uint8Array.of(IAC, verb, option);
}

/** IAC SB COM-PORT-OPTION <command> <value...> IAC SE, with 0xFF in the value doubled. */
export function comPortCommand(command, value) {
  return Uint8Array.from([IAC, SB, COM_PORT_OPTION, command, ...escapeData(Uint8Array.from(value)), IAC, SE]);
}

/** Big-endian u32, as RFC 2217 sends baud rates. */
export function u32be(n) {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

/**
 * Splits an incoming telnet stream into serial data and telnet events. Keeps its state between
 * chunks, so a command cut across two TCP segments is still recognised.
 */
export class TelnetDecoder {
  constructor() {
    this.state = "data";
    this.verb = 0;
    this.sub = [];
  }

  /**
   * @param {Uint8Array} chunk bytes from the socket
   * @returns {{data: Uint8Array, events: Array<{type: string, option?: number, command?: number, value?: number[]}>}}
   */
  decode(chunk) {
    const data = [];
    const events = [];
    for (const b of chunk) {
      switch (this.state) {
        case "data":
          if (b === IAC) this.state = "iac";
          else data.push(b);
          break;
        case "iac":
          if (b === IAC) {
            data.push(IAC);
            this.state = "data";
          } else if (b === SB) {
            this.sub = [];
            this.state = "sb";
          } else if (b === WILL || b === WONT || b === DO || b === DONT) {
            this.verb = b;
            this.state = "option";
          } else {
            this.state = "data"; // NOP, GA and friends carry nothing for us
          }
          break;
        case "option":
          events.push({ type: verbName(this.verb), option: b });
          this.state = "data";
          break;
        case "sb":
          if (b === IAC) this.state = "sb-iac";
          else this.sub.push(b);
          break;
        case "sb-iac":
          if (b === SE) {
            if (this.sub[0] === COM_PORT_OPTION && this.sub.length >= 2) {
              events.push({ type: "comport", command: this.sub[1], value: this.sub.slice(2) });
            }
            this.state = "data";
          } else {
            this.sub.push(b); // IAC IAC inside a subnegotiation is a literal 0xFF
            this.state = "sb";
          }
          break;
      }
    }
    return { data: Uint8Array.from(data), events };
  }
}

function verbName(verb) {
  return { [WILL]: "will", [WONT]: "wont", [DO]: "do", [DONT]: "dont" }[verb];
}
