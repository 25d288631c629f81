/**
 * The serial monitor ({@code org.jesptool.monitor}: session, boot-log and crash decoders), the ELF symbol and
 * DWARF line-table reader ({@code org.jesptool.monitor.symbols}) and the connection doctor
 * ({@code org.jesptool.monitor.doctor}), on the core library.
 */
module org.jesptool.monitor {
    requires transitive org.jesptool.core;
    requires org.jesptool.image;

    exports org.jesptool.monitor;
    exports org.jesptool.monitor.symbols;
    exports org.jesptool.monitor.doctor;
}
