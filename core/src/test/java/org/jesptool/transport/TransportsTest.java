package org.jesptool.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.jesptool.testing.RecordingTransport;
import org.junit.jupiter.api.Test;

class TransportsTest {

    @Test
    void builtInAndDiscoveredSchemesInConsultationOrder() {
        // socket and rfc2217 are core's own; virtual comes from the virtual jar's META-INF/services
        assertThat(Transports.providers()).extracting(TransportProvider::usage)
                .containsExactly("socket://HOST:PORT", "rfc2217://HOST:PORT", "virtual://CHIP");
    }

    @Test
    void theVirtualDeviceOpensThroughItsServiceAsALinkWithEveryCapability() throws IOException {
        try (Transport t = Transports.open("virtual://esp32c3", 460800)) {
            assertThat(t.capabilities()).containsExactlyInAnyOrder(Transport.Capability.values());
            assertThat(t.baudRate()).isEqualTo(460800);
        }
        assertThatThrownBy(() -> Transports.open("virtual://esp99"))
                .isInstanceOf(PortException.class).hasMessageContaining("Cannot open virtual://esp99: unknown chip");
    }

    @Test
    void aRegisteredProviderServesItsSchemeFirstUntilUnregistered() throws IOException {
        RecordingTransport fake = new RecordingTransport(Set.of());
        TransportProvider p = new TransportProvider() {
            @Override public List<String> schemes() {
                return List.of("fake", "virtual");
            }

            @Override public String usage() {
                return "fake://X";
            }

            @Override public Transport open(String name) {
                return fake;
            }
        };
        Transports.register(p);
        try {
            assertThat(Transports.open("FAKE://board")).isSameAs(fake);
            assertThat(Transports.open("virtual://esp32")).as("registered providers come first").isSameAs(fake);
        } finally {
            Transports.unregister(p);
        }
        assertThatThrownBy(() -> Transports.open("fake://board")).isInstanceOf(PortException.class)
                .hasMessage("Unknown port URL scheme in fake://board: use a serial port path, socket://HOST:PORT, "
                        + "rfc2217://HOST:PORT or virtual://CHIP");
    }
}
