/**
 * The espefuse library: per-chip eFuse field tables, reading and decoding, burn planning with its safety
 * checks, the coding schemes (3/4, repeat, Reed-Solomon) and programming through the eFuse controller, on a
 * real chip over the core library's loader or on an eFuse file.
 */
module org.jesptool.efuse {
    requires transitive org.jesptool.core;

    exports org.jesptool.efuse;
}
