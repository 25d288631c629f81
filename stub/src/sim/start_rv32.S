/* QEMU virt entry for the rv32 simulation build: a stack, then C. */
    .section .text.start, "ax"
    .globl _start
_start:
    la sp, _stack_top
    call sim_main
1:  j 1b
