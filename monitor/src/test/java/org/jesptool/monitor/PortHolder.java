package org.jesptool.monitor;

import org.jesptool.transport.Transport;
import org.jesptool.transport.Transports;

/** Test helper process: opens a serial port, says so, and keeps it open until killed (a busy port). */
public final class PortHolder {
    private PortHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Transport t = Transports.open(args[0])) {
            System.out.println("open " + t.name());
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
