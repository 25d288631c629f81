/**
 * The loader command layer's public face: how long commands may take ({@link org.jesptool.command.Timeouts})
 * and how they fail ({@link org.jesptool.command.LoaderException} for a status reporting failure,
 * {@link org.jesptool.command.NoReplyException}, {@link org.jesptool.command.UnsupportedCommandException}).
 * The SLIP framing and the request/response channel itself are in the non-exported
 * {@code org.jesptool.command.internal}.
 */
package org.jesptool.command;
