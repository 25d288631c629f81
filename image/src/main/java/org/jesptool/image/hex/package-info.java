/** Intel HEX reading and writing (byte-compatible with the reference's output). */
package org.jesptool.image.hex;
