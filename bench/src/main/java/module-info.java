/** Benchmarks (bench/flash-bench); not shipped. */
module org.jesptool.bench {
    requires org.jesptool.core;
    requires org.jesptool.virtual;
    requires org.jesptool.efuse;
}
