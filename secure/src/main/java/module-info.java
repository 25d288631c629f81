/** espsecure's operations: secure boot signing and digests, flash encryption, key files, PKCS#11 keys. */
module org.jesptool.secure {
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires jdk.crypto.cryptoki;

    exports org.jesptool.secure;
}
