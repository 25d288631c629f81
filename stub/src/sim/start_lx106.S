/* QEMU lx60 entry for the lx106 simulation build (call0 ABI): a stack, then C. */
    .section .text.start, "ax"
    .literal_position
    .align 4
    .globl _start
_start:
    movi a1, _stack_top
    movi a0, sim_main
    callx0 a0
1:  j 1b
