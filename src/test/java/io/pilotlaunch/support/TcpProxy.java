package io.pilotlaunch.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A TCP proxy on this host. Between an app and its database it can cut the line: during an outage
 * every open connection is dropped and every new one is closed at once, as when the database goes
 * down. It can also make the database far away (every byte arrives later) or blackhole it (a
 * partition: nothing arrives, nothing is refused). In front of the app it stands for a TLS proxy
 * with an address of its own, the one the app trusts to forward client addresses. Clients connect
 * to {@link #port()}.
 */
public final class TcpProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final InetAddress source;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean down;
  private volatile boolean blackholed;
  private volatile long delayNanos;

  public TcpProxy(int targetPort) {
    this(targetPort, InetAddress.getLoopbackAddress());
  }

  /**
   * @param source the address the proxy connects from, e.g. 127.0.0.2 (all of 127/8 is this host)
   */
  public TcpProxy(int targetPort, InetAddress source) {
    this.targetPort = targetPort;
    this.source = source;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "outage-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The target is gone: open connections break, new ones are refused. */
  public void cut() {
    down = true;
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
  }

  /** Every byte, either way, arrives this much later: a database far away. */
  public void delay(Duration oneWay) {
    delayNanos = oneWay.toNanos();
  }

  /**
   * Packets are dropped, as behind a network partition: open connections stay open and new ones are
   * accepted, but nothing arrives either way and nobody is told. What was sent meanwhile arrives
   * after {@link #restore()}, as TCP would send it again.
   */
  public void blackhole() {
    blackholed = true;
  }

  /** The line is back to normal: no outage, no partition, no delay. */
  public void restore() {
    down = false;
    blackholed = false;
    delayNanos = 0;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (down) {
          closeQuietly(client);
          continue;
        }
        Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort, source, 0);
        open.add(client);
        open.add(target);
        pipe(client, target);
        pipe(target, client);
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  /** Bytes read from one side and when they may reach the other; no bytes: the side closed. */
  private record Chunk(byte[] bytes, long dueNanos) {}

  /** One direction: a reader that stamps what it reads, and a writer that sends it when due. */
  private void pipe(Socket from, Socket to) {
    BlockingQueue<Chunk> inFlight = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                  inFlight.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + delayNanos));
                }
              } catch (IOException broken) {
                // one side is gone: the writer closes both
              } finally {
                inFlight.add(new Chunk(new byte[0], System.nanoTime() + delayNanos));
              }
            },
            "outage-proxy-read");
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream out = to.getOutputStream()) {
                for (Chunk chunk = inFlight.take(); chunk.bytes().length > 0; ) {
                  long wait = chunk.dueNanos() - System.nanoTime();
                  if (blackholed || wait > 0) {
                    Thread.sleep(blackholed ? 10 : Math.max(1, wait / 1_000_000));
                    continue;
                  }
                  out.write(chunk.bytes());
                  out.flush();
                  chunk = inFlight.take();
                }
              } catch (IOException | InterruptedException broken) {
                // one side is gone: close both below
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "outage-proxy-write");
    reader.setDaemon(true);
    writer.setDaemon(true);
    reader.start();
    writer.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is all we wanted
    }
  }

  @Override
  public void close() {
    cut();
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
