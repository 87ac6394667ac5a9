package io.stressgate.engine.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2FrameTypes;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.nio.ByteBuffer;

/**
 * The boundary to Netty for one HTTP/2 connection: Netty's frame writer and reader (with their HPACK encoder and
 * decoder) turn frames into bytes and bytes into listener calls; the sockets, TLS, timers and streams stay ours. The
 * writer needs a channel context to write to, so it gets the one of a channel that never touches the network: the
 * frames it writes there are collected into {@link #out}, which the connection writes to its socket.
 */
final class Http2Wire {
    /** Header bytes a response may carry, the same limit as {@link ResponseHeaders}'s. */
    static final int MAX_HEADER_LIST = 64 * 1024;
    /** The receive window of a stream, announced once: a response larger than this waits for nothing but the cap. */
    static final int STREAM_WINDOW = 1 << 30;
    /** The connection's receive window; it is topped up whenever half of it was used. */
    static final int CONNECTION_WINDOW = 1 << 30;

    private final EmbeddedChannel channel = new EmbeddedChannel(WireId.INSTANCE, new ChannelHandlerAdapter() { });
    private final ChannelHandlerContext ctx = channel.pipeline().firstContext();
    private final DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter();
    private final DefaultHttp2FrameReader reader = new DefaultHttp2FrameReader(new DefaultHttp2HeadersDecoder(true, MAX_HEADER_LIST));
    private final ByteBuf in = Unpooled.buffer(16 * 1024);
    private final Http2FrameListener listener;
    private long unacknowledgedReceived;
    /** Bytes for the socket, in read mode: position is the next byte to write. */
    private ByteBuffer out = ByteBuffer.allocate(16 * 1024).flip();

    Http2Wire(Http2FrameListener listener) {
        this.listener = listener;
    }

    /** The client preface: the magic line, our settings and the larger connection window. */
    void preface() {
        put(Http2CodecUtil.connectionPrefaceBuf());
        Http2Settings settings = new Http2Settings().pushEnabled(false).initialWindowSize(STREAM_WINDOW)
                .maxHeaderListSize(MAX_HEADER_LIST);
        writer.writeSettings(ctx, settings, ctx.newPromise());
        writer.writeWindowUpdate(ctx, 0, CONNECTION_WINDOW - Http2CodecUtil.DEFAULT_WINDOW_SIZE, ctx.newPromise());
    }

    void headers(int stream, Http2Headers headers, boolean endStream) {
        writer.writeHeaders(ctx, stream, headers, 0, endStream, ctx.newPromise());
    }

    /** Writes {@code length} bytes of {@code body} from {@code offset} as DATA frames (split at the peer's frame size). */
    void data(int stream, byte[] body, int offset, int length, boolean endStream) {
        writer.writeData(ctx, stream, Unpooled.wrappedBuffer(body, offset, length), 0, endStream, ctx.newPromise());
    }

    void reset(int stream, long code) {
        writer.writeRstStream(ctx, stream, code, ctx.newPromise());
    }

    void settingsAck() {
        writer.writeSettingsAck(ctx, ctx.newPromise());
    }

    void pingAck(long data) {
        writer.writePing(ctx, true, data, ctx.newPromise());
    }

    /** Applies the server's settings that shape what we write: its HPACK table and its largest frame. */
    void apply(Http2Settings settings) throws Http2Exception {
        if (settings.headerTableSize() != null) {
            writer.headersConfiguration().maxHeaderTableSize(settings.headerTableSize());
        }
        if (settings.maxFrameSize() != null) {
            writer.maxFrameSize(settings.maxFrameSize());
        }
    }

    /** Counts received DATA bytes against the connection window and tops it up once half of it was used. */
    void received(int bytes) {
        unacknowledgedReceived += bytes;
        if (unacknowledgedReceived >= CONNECTION_WINDOW / 2) {
            writer.writeWindowUpdate(ctx, 0, (int) unacknowledgedReceived, ctx.newPromise());
            unacknowledgedReceived = 0;
        }
    }

    /** Takes bytes read from the socket and calls the listener for every whole frame among what has arrived. */
    void read(ByteBuffer bytes) throws Http2Exception {
        in.writeBytes(bytes);
        frames();
    }

    /** Calls the listener for every whole frame among the bytes taken. */
    void frames() throws Http2Exception {
        reader.readFrame(ctx, in, listener);
        in.discardSomeReadBytes();
    }

    /** Takes bytes read from the socket without reading frames yet (see {@link #settingsFirst}). */
    void take(ByteBuffer bytes) {
        in.writeBytes(bytes);
    }

    /**
     * Whether the server's first bytes open a SETTINGS frame, as its connection preface must (RFC 9113, 3.4): true or
     * false once the frame's length and type (4 bytes) arrived, null before. An HTTP/1.x server answers the client
     * preface with a status line, whose {@code HTTP} reads as a frame of type 'P'.
     */
    Boolean settingsFirst() {
        if (in.readableBytes() < 4) {
            return null;
        }
        return in.getByte(in.readerIndex() + 3) == Http2FrameTypes.SETTINGS;
    }

    /**
     * The first line of what the server sent, for a log line: up to the first line end and at most {@code max}
     * characters, anything but printable ASCII shown as {@code ?}; empty when nothing arrived.
     */
    String firstLine(int max) {
        StringBuilder line = new StringBuilder(max + 3);
        for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
            int b = in.getByte(i) & 0xff;
            if (b == '\r' || b == '\n') {
                break;
            }
            if (line.length() == max) {
                return line.append("...").toString();
            }
            line.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return line.toString();
    }

    /**
     * The bytes for the socket: what is left from the last write and the frames written since (collected from the
     * channel once per socket write, not once per frame).
     */
    ByteBuffer pending() {
        collect();
        return out;
    }

    /** Moves what the writer wrote into {@link #out}. */
    private void collect() {
        channel.flushOutbound();
        ByteBuf frame;
        while ((frame = channel.readOutbound()) != null) {
            put(frame);
        }
    }

    private void put(ByteBuf bytes) {
        try {
            int n = bytes.readableBytes();
            if (out.capacity() - out.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.remaining() + n));
                bigger.put(out).flip();
                out = bigger;
            }
            out.compact();
            out.limit(out.position() + n);
            bytes.readBytes(out);
            out.flip();
        } finally {
            bytes.release();
        }
    }

    void close() {
        in.release();
        reader.close();
        writer.close();
        channel.finishAndReleaseAll();
    }

    /**
     * The id of every wire's channel: Netty's default id reads the machine's network interfaces and a random seed
     * the first time, which took seconds on a loaded machine, and the channel is never seen by anyone.
     */
    private static final class WireId implements ChannelId {
        static final WireId INSTANCE = new WireId();

        @Override
        public String asShortText() {
            return "http2-wire";
        }

        @Override
        public String asLongText() {
            return "stressgate-http2-wire";
        }

        @Override
        public int compareTo(ChannelId other) {
            return asLongText().compareTo(other.asLongText());
        }
    }
}
