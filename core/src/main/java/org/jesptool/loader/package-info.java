/** Loader operations: connect and sync, chip detection, stub upload, and the flash primitives built on commands. */
package org.jesptool.loader;
