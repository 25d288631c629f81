/** espsecure: secure boot signing and verification, key digests, flash encryption. */
package org.jesptool.secure;
