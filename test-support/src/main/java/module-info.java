/** Test support shared by every module's tests: traces, fixtures, the CLI runner, {@code @Requires}. */
module org.jesptool.testsupport {
    requires transitive org.junit.jupiter.api;
    requires org.jesptool.protocol;

    exports org.jesptool.testsupport;
    opens org.jesptool.testsupport;
}
