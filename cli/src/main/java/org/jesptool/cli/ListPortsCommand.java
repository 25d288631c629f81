package org.jesptool.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.jesptool.transport.PortInfo;
import org.jesptool.transport.Transports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** list-ports: the serial ports auto-detection would try, with USB ids. */
@Command(name = "list-ports", description = "List serial ports with USB VID:PID, description and serial number,"
        + " in the order auto-detection tries them.")
public final class ListPortsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CliContext ctx = CliContext.of(spec);
        GlobalOptions g = (GlobalOptions) spec.root().userObject();
        List<PortInfo> ports = PrepareFlow.PortFilter.apply(Transports.listPorts(), g.portFilter);
        if (ports.isEmpty()) {
            ctx.out().println("No serial ports found.");
            return 0;
        }
        for (PortInfo p : ports) {
            String ids = p.isUsb() ? String.format("%04X:%04X", p.vid(), p.pid()) : "-";
            ctx.out().println(p.path() + "  " + ids + "  " + p.description()
                    + (p.serial().isEmpty() ? "" : "  serial=" + p.serial()));
        }
        return 0;
    }
}
