/** One class per supported chip, holding that chip's facts; operations never branch on chip names. */
package org.jesptool.target;
