package org.jesptool.protocol;

/**
 * The option negotiation of an RFC 2217 endpoint (RFC 1143's rule against loops: answer a request only when
 * it changes the option's state). BINARY, SGA and COM-PORT-OPTION are accepted, everything else refused.
 */
public final class TelnetOptions {
    private final boolean[] weWill = new boolean[256];
    private final boolean[] theyWill = new boolean[256];

    /** Every option off on both sides, as a Telnet connection starts. */
    public TelnetOptions() {
    }

    /** Whether a serial-port endpoint takes this option. */
    public static boolean supported(int option) {
        return option == Rfc2217.BINARY || option == Rfc2217.SGA || option == Rfc2217.COM_PORT_OPTION;
    }

    /** Records a request this side sent (WILL or DO), so the peer's agreement is not answered again. */
    public void requested(int verb, int option) {
        if (verb == Rfc2217.WILL) {
            weWill[option & 0xFF] = true;
        } else if (verb == Rfc2217.DO) {
            theyWill[option & 0xFF] = true;
        }
    }

    /** The reply to the peer's {@code IAC verb option}, or null when none is due. */
    public byte[] answer(int verb, int option) {
        int o = option & 0xFF;
        boolean ok = supported(o);
        if (verb == Rfc2217.WILL) {
            if (!theyWill[o]) {
                theyWill[o] = ok;
                return Rfc2217.negotiation(ok ? Rfc2217.DO : Rfc2217.DONT, o);
            }
        } else if (verb == Rfc2217.DO) {
            if (!weWill[o]) {
                weWill[o] = ok;
                return Rfc2217.negotiation(ok ? Rfc2217.WILL : Rfc2217.WONT, o);
            }
        } else if (verb == Rfc2217.WONT) {
            theyWill[o] = false;
        } else if (verb == Rfc2217.DONT) {
            weWill[o] = false;
        }
        return null;
    }
}
