package vn.hailong;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds a taken port before anything slow starts, so the operator hears about it at once. */
final class Ports {
    private Ports() {
    }

    static void checkFree(int port) {
        if (port == 0) {
            return;
        }
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new StartupException(inUse(port), e);
        }
    }

    static String inUse(int port) {
        return "port " + port + " is already in use (choose another with PORT or --port)";
    }
}
