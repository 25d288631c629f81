/** Flashing operations: write, read, verify and erase, with retries, verification and progress events. */
package org.jesptool.flash;
