/**
 * Command-line front ends: esptool, espsecure and espefuse drop-ins.
 *
 * <p>The esptool frame: {@link org.jesptool.cli.EsptoolMain} parses the global options
 * ({@link org.jesptool.cli.GlobalOptions}, defaults from ESPTOOL_* variables), expands {@code @file}
 * arguments, rewrites v4 option spellings, reads the {@code [esptool]} config section
 * ({@link org.jesptool.cli.Config}) and registers every command under its v5 name plus the v4 alias with
 * underscores. Commands that talk to a chip extend {@link org.jesptool.cli.ChipCommand}: the prepare flow
 * connects and hands them a {@link org.jesptool.cli.Session}; output goes through
 * {@link org.jesptool.cli.Console}; bad input is a {@link org.jesptool.cli.FatalError}. Exit status: 0 ok,
 * 2 usage and fatal errors, 1 unexpected failures.
 */
package org.jesptool.cli;
