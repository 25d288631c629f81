package org.jesptool.flash;

/** Progress of one file's write: raw bytes done and payload bytes sent. */
final class WriteCounter {
    final String name;
    final int address;
    final long total;
    final long t0;
    long done;
    long doneBase;
    long wire;

    WriteCounter(String name, int address, long total, long t0) {
        this.name = name;
        this.address = address;
        this.total = total;
        this.t0 = t0;
    }

    Progress progress() {
        return new Progress("Writing", name, address, total, done, wire, System.nanoTime() - t0);
    }
}
