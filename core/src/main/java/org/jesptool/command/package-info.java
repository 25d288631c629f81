/** SLIP-framed request/response commands of the ROM loader and flasher stub. */
package org.jesptool.command;
