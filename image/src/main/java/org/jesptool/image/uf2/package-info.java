/** UF2 file writing for merge-bin. */
package org.jesptool.image.uf2;
