package org.jesptool.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jesptool.testsupport.Fixtures;

/** Builds small synthetic 32-bit little-endian ELF files for tests. */
final class TestElf {
    private record Sec(String name, int type, long addr, byte[] data, int align) {
    }

    private final List<Sec> sections = new ArrayList<>();
    private int machine = 0x5E;
    private long entry = 0x40080000L;
    private boolean programHeaders = true;

    TestElf machine(int m) {
        this.machine = m;
        return this;
    }

    /** Builds the ELF without a program header table (e_phnum 0), as objcopy makes from a binary. */
    TestElf withoutProgramHeaders() {
        this.programHeaders = false;
        return this;
    }

    TestElf entry(long e) {
        this.entry = e;
        return this;
    }

    TestElf progbits(String name, long addr, byte[] data) {
        sections.add(new Sec(name, 1, addr, data, 4));
        return this;
    }

    /** A PROGBITS section with the given sh_addralign. */
    TestElf progbits(String name, long addr, byte[] data, int align) {
        sections.add(new Sec(name, 1, addr, data, align));
        return this;
    }

    TestElf section(String name, int type, long addr, byte[] data) {
        sections.add(new Sec(name, type, addr, data, 4));
        return this;
    }

    static byte[] filled(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }

    byte[] build() {
        ByteArrayOutputStream strtab = new ByteArrayOutputStream();
        strtab.write(0);
        List<Integer> nameOffsets = new ArrayList<>();
        for (Sec s : sections) {
            nameOffsets.add(strtab.size());
            strtab.writeBytes(s.name().getBytes(StandardCharsets.UTF_8));
            strtab.write(0);
        }
        int shstrName = strtab.size();
        strtab.writeBytes(".shstrtab\0".getBytes(StandardCharsets.UTF_8));
        int dataStart = 0x34 + 0x20;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        for (Sec s : sections) {
            offsets.add(dataStart + body.size());
            if (s.type() != 8) {
                body.writeBytes(s.data());
            }
        }
        int strOff = dataStart + body.size();
        body.writeBytes(strtab.toByteArray());
        while (body.size() % 4 != 0) {
            body.write(0);
        }
        int shoff = dataStart + body.size();
        int shnum = sections.size() + 2;
        ByteBuffer b = ByteBuffer.allocate(shoff + shnum * 0x28).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 1, 1, 1, 0}).put(new byte[8]);
        b.putShort((short) 2).putShort((short) machine).putInt(1).putInt((int) entry).putInt(0x34).putInt(shoff)
                .putInt(0).putShort((short) 0x34).putShort((short) 0x20).putShort((short) (programHeaders ? 1 : 0))
                .putShort((short) 0x28)
                .putShort((short) shnum).putShort((short) (shnum - 1));
        // one PT_LOAD program header covering the first section
        Sec first = sections.isEmpty() ? new Sec("", 1, 0x3FFB0000L, new byte[4], 4) : sections.get(0);
        b.putInt(1).putInt(sections.isEmpty() ? 0 : offsets.get(0)).putInt((int) first.addr())
                .putInt((int) first.addr()).putInt(first.data().length).putInt(first.data().length).putInt(5)
                .putInt(4);
        b.put(body.toByteArray());
        b.position(shoff);
        b.put(new byte[0x28]);
        for (int i = 0; i < sections.size(); i++) {
            Sec s = sections.get(i);
            b.putInt(nameOffsets.get(i)).putInt(s.type()).putInt(2).putInt((int) s.addr()).putInt(offsets.get(i))
                    .putInt(s.data().length).putInt(0).putInt(0).putInt(s.align()).putInt(0);
        }
        b.putInt(shstrName).putInt(3).putInt(0).putInt(0).putInt(strOff).putInt(strtab.size()).putInt(0).putInt(0)
                .putInt(1).putInt(0);
        return b.array();
    }

    /** A fixture of this module, or one of the shared flash images (bootloaders, partition table). */
    static byte[] fixture(String name) {
        if (TestElf.class.getResource("/fixtures/" + name) == null) {
            return Fixtures.bytes("flash/" + name);
        }
        try (InputStream in = TestElf.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
