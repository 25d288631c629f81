package org.jesptool.factory;

/**
 * The work done on one board, on its own thread. Throwing fails this board only; the message of the exception
 * becomes {@link BoardResult#error()}. Report what happens through the {@link Board}.
 */
@FunctionalInterface
public interface BoardJob {

    void run(Board board) throws Exception;
}
