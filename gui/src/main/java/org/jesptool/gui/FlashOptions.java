package org.jesptool.gui;

/**
 * The Options box.
 *
 * @param mode keep, qio, qout, dio, dout
 * @param freq keep or a frequency such as 40m
 * @param size detect, keep or a size such as 4MB
 * @param compress null: automatic (whenever the loader can inflate), else on/off
 */
record FlashOptions(String mode, String freq, String size, boolean eraseFirst, boolean verify, Boolean compress) {
}
