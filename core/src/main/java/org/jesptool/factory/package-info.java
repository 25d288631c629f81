/**
 * Many boards at once: one job runs on every port in its own thread and session (its own reset, baud change,
 * stub and retries); one board's failure never stops the others.
 *
 * <p>Entry point: {@link org.jesptool.factory.FactoryRun}. A {@link org.jesptool.factory.BoardJob} does the
 * work on one {@link org.jesptool.factory.Board}; {@link org.jesptool.factory.FlashJob} is the ready-made
 * connect-write-verify-reset job. Progress arrives per board as {@link org.jesptool.factory.BoardProgress}
 * events, and each board ends with a {@link org.jesptool.factory.BoardResult} (port, chip, MAC, files and
 * MD5s, result, error, time, the command that redoes a failed board), which
 * {@link org.jesptool.factory.BoardReport} writes as JSON or CSV.
 */
package org.jesptool.factory;
