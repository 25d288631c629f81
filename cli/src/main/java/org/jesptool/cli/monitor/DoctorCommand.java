package org.jesptool.cli.monitor;

import java.util.List;
import java.util.concurrent.Callable;

import org.jesptool.cli.CliContext;
import org.jesptool.cli.GlobalOptions;
import org.jesptool.monitor.doctor.Doctor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** doctor: why does the board not connect, and which command line works. */
@Command(name = "doctor", sortOptions = false,
        description = {"Find out why a board does not connect: port missing, busy or not permitted, the USB bridge and",
            "its driver, what the chip prints after each reset strategy (boot mode, brown-outs, garbage), and",
            "which strategy gets an answer. Ends with a command line that works. Exit status 0 when one works."})
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "The port to examine (default: the global"
            + " --port, else every port).")
    String port;

    @Option(names = "--listen", paramLabel = "MS", defaultValue = "400",
            description = "How long to listen after each reset (ms). Default: 400.")
    long listenMillis;

    @Override
    public Integer call() {
        CliContext ctx = CliContext.of(spec);
        GlobalOptions g = (GlobalOptions) spec.root().userObject();
        String p = port != null ? port : g.port();
        Doctor doctor = new Doctor(line -> {
            if (ctx.tty()) {
                ctx.err().println(line);
            }
        }, listenMillis);
        List<Doctor.Report> reports = p != null ? List.of(doctor.examine(p)) : doctor.examineAll();
        boolean ok = false;
        for (Doctor.Report r : reports) {
            ctx.out().print(Doctor.format(r));
            ok |= r.ok();
        }
        return ok ? 0 : 2;
    }
}
