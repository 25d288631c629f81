/*
 * QEMU entry for the windowed-Xtensa simulation build (-M lx60-nommu -cpu sample_controller): the window
 * overflow/underflow handlers (a real chip's ROM has its own), then a stack, PS.WOE and a windowed call into C.
 *
 * Spill layout (Xtensa windowed ABI): a frame's a0-a3 go to the 16 bytes below the stack pointer of the frame
 * it called (the "base save area"); a call8/call12 frame's a4-a7 (a4-a11) go to the extra save area at the
 * bottom of its caller's frame, found through the caller's saved a1 (the word 12 bytes below the callee's sp).
 */
    .section .text.vectors, "ax"
    .p2align 10
    .globl _vectors
_vectors:
    /* +0x000 WindowOverflow4: spill a0-a3 of the frame at WindowBase+1; its callee's sp is a5 */
    s32e a0, a5, -16
    s32e a1, a5, -12
    s32e a2, a5, -8
    s32e a3, a5, -4
    rfwo

    .org _vectors + 0x040
    /* WindowUnderflow4: reload a0-a3 of the frame being returned to (its callee's sp is a5) */
    l32e a0, a5, -16
    l32e a1, a5, -12
    l32e a2, a5, -8
    l32e a3, a5, -4
    rfwu

    .org _vectors + 0x080
    /* WindowOverflow8: a0-a3 below the callee's sp (a9), a4-a7 below the caller's sp (read from a1 - 12) */
    s32e a0, a9, -16
    l32e a0, a1, -12
    s32e a1, a9, -12
    s32e a2, a9, -8
    s32e a3, a9, -4
    s32e a4, a0, -32
    s32e a5, a0, -28
    s32e a6, a0, -24
    s32e a7, a0, -20
    rfwo

    .org _vectors + 0x0C0
    /* WindowUnderflow8 */
    l32e a1, a9, -12
    l32e a0, a9, -16
    l32e a7, a1, -12
    l32e a2, a9, -8
    l32e a4, a7, -32
    l32e a3, a9, -4
    l32e a5, a7, -28
    l32e a6, a7, -24
    l32e a7, a7, -20
    rfwu

    .org _vectors + 0x100
    /* WindowOverflow12: a0-a3 below the callee's sp (a13), a4-a11 below the caller's sp */
    s32e a0, a13, -16
    l32e a0, a1, -12
    s32e a1, a13, -12
    s32e a2, a13, -8
    s32e a3, a13, -4
    s32e a4, a0, -48
    s32e a5, a0, -44
    s32e a6, a0, -40
    s32e a7, a0, -36
    s32e a8, a0, -32
    s32e a9, a0, -28
    s32e a10, a0, -24
    s32e a11, a0, -20
    rfwo

    .org _vectors + 0x140
    /* WindowUnderflow12 */
    l32e a1, a13, -12
    l32e a0, a13, -16
    l32e a11, a1, -12
    l32e a2, a13, -8
    l32e a4, a11, -48
    l32e a8, a11, -32
    l32e a3, a13, -4
    l32e a5, a11, -44
    l32e a6, a11, -40
    l32e a7, a11, -36
    l32e a9, a11, -28
    l32e a10, a11, -24
    l32e a11, a11, -20
    rfwu

    /* any other exception (none is expected): stop here, the host's timeout reports it */
    .org _vectors + 0x180
1:  j 1b
    .org _vectors + 0x400

    .section .text.start, "ax"
    .p2align 2
    .literal_position
    .literal .Lvectors, _vectors
    .literal .Lstack, _stack_top
    .literal .Lmain, sim_main
    .literal .Lps, 0x0004000F
    .p2align 2
    .globl _start
_start:
    l32r a2, .Lvectors
    wsr a2, vecbase
    movi a2, 0
    wsr a2, windowbase
    rsync
    movi a2, 1
    wsr a2, windowstart
    /* PS: WOE (bit 18) on, EXCM off, all interrupts masked (INTLEVEL 15) */
    l32r a2, .Lps
    wsr a2, ps
    rsync
    /* this outermost frame gets spilled too: a call8 spill stores its a4-a7 below the "caller's sp" it finds at
     * sp - 12, so point that at the top of a 32-byte area above our sp */
    l32r a2, .Lstack
    addi a1, a2, -32
    addi a3, a2, -44
    s32i a2, a3, 0
    movi a0, 0
    l32r a8, .Lmain
    callx8 a8
1:  j 1b
