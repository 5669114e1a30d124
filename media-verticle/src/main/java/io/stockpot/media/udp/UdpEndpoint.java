package io.stockpot.media.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One bound UDP port of a room, registered on the room verticle's own event loop, so that its
 * packets and the room's state share one thread. Uses Netty epoll (recvmmsg, sendmmsg when several
 * writes are flushed together) where the event loop is an epoll loop, NIO otherwise.
 */
public final class UdpEndpoint {
  private static final Logger LOG = Logger.getLogger(UdpEndpoint.class.getName());
  private static final int MAX_DATAGRAM = 1500;
  private static final int DATAGRAMS_PER_READ = 32;

  /** Receives every datagram on the event loop; the buffer is released after the call. */
  public interface Receiver {
    void onDatagram(UdpEndpoint endpoint, ByteBuf data, InetSocketAddress sender);

    /** A batch of reads is done: flush what the batch queued (one sendmmsg per endpoint). */
    void onReadComplete(UdpEndpoint endpoint);
  }

  private final Channel channel;
  private final int port;
  private long datagramsIn;
  private long datagramsOut;
  private long bytesOut;
  private int pendingWrites;

  private UdpEndpoint(Channel channel, int port) {
    this.channel = channel;
    this.port = port;
  }

  /**
   * Binds {@code host:port} on {@code loop}; completes on that loop. {@code epoll} says that the
   * loop is a native epoll loop (Vert.x's native transport is on).
   */
  public static CompletionStage<UdpEndpoint> bind(
      EventLoop loop, boolean epoll, String host, int port, Receiver receiver) {
    Bootstrap bootstrap = new Bootstrap().group(loop);
    if (epoll) {
      bootstrap
          .channel(EpollDatagramChannel.class)
          .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
          .option(
              ChannelOption.RCVBUF_ALLOCATOR,
              new FixedRecvByteBufAllocator(MAX_DATAGRAM * DATAGRAMS_PER_READ));
    } else {
      bootstrap
          .channel(NioDatagramChannel.class)
          .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM));
    }
    bootstrap.option(ChannelOption.SO_RCVBUF, 4 << 20).option(ChannelOption.SO_SNDBUF, 4 << 20);
    CompletableFuture<UdpEndpoint> result = new CompletableFuture<>();
    UdpEndpoint[] self = new UdpEndpoint[1];
    bootstrap.handler(
        new SimpleChannelInboundHandler<DatagramPacket>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            UdpEndpoint endpoint = self[0];
            if (endpoint == null) {
              return;
            }
            endpoint.datagramsIn++;
            receiver.onDatagram(endpoint, packet.content(), packet.sender());
          }

          @Override
          public void channelReadComplete(ChannelHandlerContext ctx) {
            UdpEndpoint endpoint = self[0];
            if (endpoint != null) {
              receiver.onReadComplete(endpoint);
            }
          }

          @Override
          public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A socket error (e.g. ICMP port unreachable surfaced by the kernel) must not close
            // the room's port; log it and go on.
            LOG.log(Level.FINE, "UDP error on port " + port, cause);
          }
        });
    ChannelFuture bound = bootstrap.bind(new InetSocketAddress(host, port));
    bound.addListener(
        f -> {
          if (f.isSuccess()) {
            self[0] = new UdpEndpoint(bound.channel(), port);
            result.complete(self[0]);
          } else {
            result.completeExceptionally(f.cause());
          }
        });
    return result;
  }

  public int port() {
    return port;
  }

  /** Queues a datagram; call {@link #flush()} once per batch so that writes go out together. */
  @SuppressWarnings("FutureReturnValueIgnored") // a void promise: failures reach exceptionCaught
  public void write(ByteBuf data, InetSocketAddress to) {
    datagramsOut++;
    bytesOut += data.readableBytes();
    pendingWrites++;
    channel.write(new DatagramPacket(data, to), channel.voidPromise());
  }

  /** Copies {@code data[off, off+len)} into a pooled buffer and queues it. */
  public void write(byte[] data, int off, int len, InetSocketAddress to) {
    ByteBuf buf = channel.alloc().directBuffer(len);
    buf.writeBytes(data, off, len);
    write(buf, to);
  }

  /** Writes and flushes at once: for datagrams sent outside a read batch (timers, DTLS). */
  public void send(byte[] data, int off, int len, InetSocketAddress to) {
    write(data, off, len, to);
    flush();
  }

  public void flush() {
    if (pendingWrites > 0) {
      pendingWrites = 0;
      channel.flush();
    }
  }

  public long bytesOut() {
    return bytesOut;
  }

  public long datagramsIn() {
    return datagramsIn;
  }

  public long datagramsOut() {
    return datagramsOut;
  }

  public CompletionStage<Void> close() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    channel.close().addListener(f -> done.complete(null));
    return done;
  }
}
