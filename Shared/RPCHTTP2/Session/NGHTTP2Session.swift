internal import CNGHTTP2
internal import NIOCore

/// What a connection hears from its HTTP/2 session. nghttp2 calls these from inside
/// `receive` and `send`; implementations record state and may submit frames, but must never
/// call `receive` or `send` again (nghttp2 is not re-entrant).
protocol NGHTTP2SessionDelegate: AnyObject {
  /// A complete header block (nghttp2 has validated it as HTTP). `isTrailers` is true for a
  /// block after the first. The block is only valid during the call.
  func sessionDidReceiveHeaders(
    streamID: Int32, headers: borrowing HeaderBlock, isTrailers: Bool, endStream: Bool)
  func sessionDidReceiveData(streamID: Int32, bytes: UnsafeRawBufferPointer)
  /// END_STREAM on a DATA frame: the peer has half-closed.
  func sessionDidReceiveEndOfStream(streamID: Int32)
  func sessionDidCloseStream(streamID: Int32, errorCode: UInt32)
  /// nghttp2 asks for the next DATA payload of a stream that has a body.
  func sessionReadData(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer)
    -> DataSourceResult
  func sessionDidReceivePing(ack: Bool, payload: UInt64)
  func sessionDidReceiveGoAway(lastStreamID: Int32, errorCode: UInt32)
  func sessionDidReceiveSettings()
  /// A frame carrying END_STREAM (trailers, a Trailers-Only response, the last request DATA)
  /// has been serialised for the socket.
  func sessionDidSendEndOfStream(streamID: Int32)
  /// A HEADERS or DATA frame, of any stream, has been serialised for the socket (before
  /// `sessionDidSendEndOfStream` when it ends its stream). It comes once per frame on the
  /// response path, so an implementation must stay cheap: no allocation, no logging.
  func sessionDidSendHeadersOrData()
}

/// The answer to nghttp2's request for body bytes.
enum DataSourceResult {
  /// This many bytes were written; more may follow.
  case bytes(Int)
  /// Nothing to send now; the stream resumes when `resumeData` is called.
  case deferred
  /// This many bytes were written and the body is complete. With trailers, they end the
  /// stream (gRPC responses); without, the last DATA frame carries END_STREAM (requests).
  case end(Int, trailers: HeaderBlock?)
}

/// One HTTP/2 connection's protocol state, in nghttp2's memory mode: bytes in through
/// ``receive(_:)``, bytes out through ``send()`` into ``output``.
///
/// It performs no I/O and must only be used from one thread at a time (the connection's
/// event loop). C callbacks are non-capturing trampolines that recover the session from
/// `user_data` and forward to the delegate.
final class NGHTTP2Session {
  private var session: OpaquePointer?
  fileprivate unowned(unsafe) let delegate: any NGHTTP2SessionDelegate
  /// Serialised frames waiting to be written to the socket.
  var output: ByteBuffer
  /// Once `output` holds this many bytes, `send()` stops pulling frames (write backpressure).
  var outputLimit: Int = 256 * 1024
  let isServer: Bool
  /// The header block being received; fields are collected here and delivered once, so a
  /// header field costs no call into the delegate.
  private var receivingHeaders = HeaderBlock()
  private var receivingHeadersStream: Int32 = 0

  init(
    isServer: Bool,
    delegate: any NGHTTP2SessionDelegate,
    allocator: ByteBufferAllocator,
    maxConcurrentStreamsForPeer: UInt32 = 100
  ) throws(NGHTTP2Error) {
    self.isServer = isServer
    self.delegate = delegate
    self.output = allocator.buffer(capacity: 16 * 1024)

    var callbacks: OpaquePointer?
    nghttp2_session_callbacks_new(&callbacks)
    defer { nghttp2_session_callbacks_del(callbacks) }
    nghttp2_session_callbacks_set_send_callback(callbacks, sendCallback)
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, beginHeadersCallback)
    nghttp2_session_callbacks_set_on_header_callback(callbacks, headerCallback)
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, frameRecvCallback)
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, dataChunkCallback)
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, streamCloseCallback)
    nghttp2_session_callbacks_set_on_frame_send_callback(callbacks, frameSendCallback)

    var option: OpaquePointer?
    nghttp2_option_new(&option)
    defer { nghttp2_option_del(option) }
    // Receive backpressure: windows reopen only as the application consumes data.
    nghttp2_option_set_no_auto_window_update(option, 1)
    nghttp2_option_set_peer_max_concurrent_streams(option, maxConcurrentStreamsForPeer)

    let userData = Unmanaged.passUnretained(self).toOpaque()
    let rv =
      isServer
      ? nghttp2_session_server_new2(&session, callbacks, userData, option)
      : nghttp2_session_client_new2(&session, callbacks, userData, option)
    guard rv == 0, session != nil else { throw NGHTTP2Error(rv, "session_new") }
  }

  deinit {
    nghttp2_session_del(session)
  }

  // MARK: driving

  /// Feeds received bytes. Callbacks fire during this call.
  func receive(_ bytes: UnsafeRawBufferPointer) throws(NGHTTP2Error) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    let rv = nghttp2_session_mem_recv(
      session, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    if rv < 0 { throw NGHTTP2Error(Int32(rv), "mem_recv") }
  }

  /// Serialises pending frames into ``output`` until nothing is pending or the output limit
  /// is reached.
  func send() throws(NGHTTP2Error) {
    let rv = nghttp2_session_send(session)
    if rv != 0 { throw NGHTTP2Error(rv, "send") }
  }

  var wantsRead: Bool { nghttp2_session_want_read(session) != 0 }
  var wantsWrite: Bool { nghttp2_session_want_write(session) != 0 }

  // MARK: settings and connection control

  func submitSettings(_ entries: [(id: Int32, value: UInt32)]) throws(NGHTTP2Error) {
    let iv = entries.map { nghttp2_settings_entry(settings_id: $0.id, value: $0.value) }
    let rv = iv.withUnsafeBufferPointer {
      nghttp2_submit_settings(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), $0.baseAddress, $0.count)
    }
    if rv != 0 { throw NGHTTP2Error(rv, "submit_settings") }
  }

  /// Enlarges the connection-level receive window (stream windows come from SETTINGS).
  func setConnectionWindowSize(_ size: Int32) {
    _ = nghttp2_session_set_local_window_size(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, size)
  }

  func submitPing(_ payload: UInt64) {
    var p = payload.bigEndian
    withUnsafeBytes(of: &p) { raw in
      _ = nghttp2_submit_ping(
        session, UInt8(NGHTTP2_FLAG_NONE.rawValue), raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
    }
  }

  /// The first step of a graceful shutdown: GOAWAY with the maximum stream id.
  func submitShutdownNotice() {
    _ = nghttp2_submit_shutdown_notice(session)
  }

  func submitGoAway(lastStreamID: Int32, errorCode: HTTP2ErrorCode, debugData: String = "") {
    var debug = Array(debugData.utf8)
    debug.withUnsafeMutableBufferPointer { d in
      _ = nghttp2_submit_goaway(
        session, UInt8(NGHTTP2_FLAG_NONE.rawValue), lastStreamID, errorCode.rawValue,
        d.baseAddress, d.count)
    }
  }

  var lastProcessedStreamID: Int32 { nghttp2_session_get_last_proc_stream_id(session) }

  /// The peer's SETTINGS_MAX_CONCURRENT_STREAMS (unbounded until it says otherwise).
  var peerMaxConcurrentStreams: UInt32 {
    nghttp2_session_get_remote_settings(session, NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS)
  }

  // MARK: streams

  /// Response headers; with `hasBody` the body comes from the delegate's `sessionReadData`,
  /// without it the HEADERS frame ends the stream (gRPC Trailers-Only).
  func submitResponse(streamID: Int32, headers: HeaderBlock, hasBody: Bool) throws(NGHTTP2Error) {
    let rv = headers.withNameValues { nva, count in
      if hasBody {
        var provider = nghttp2_data_provider(
          source: nghttp2_data_source(ptr: nil), read_callback: dataReadCallback)
        return nghttp2_submit_response(session, streamID, nva, count, &provider)
      }
      return nghttp2_submit_response(session, streamID, nva, count, nil)
    }
    if rv != 0 { throw NGHTTP2Error(rv, "submit_response") }
  }

  /// Opens a client stream; its body comes from `sessionReadData`.
  func submitRequest(headers: HeaderBlock) throws(NGHTTP2Error) -> Int32 {
    let id = headers.withNameValues { nva, count in
      var provider = nghttp2_data_provider(
        source: nghttp2_data_source(ptr: nil), read_callback: dataReadCallback)
      return nghttp2_submit_request(session, nil, nva, count, &provider, nil)
    }
    if id < 0 { throw NGHTTP2Error(id, "submit_request") }
    return id
  }

  /// Asks nghttp2 to call `sessionReadData` again for a stream that answered `.deferred`.
  func resumeData(streamID: Int32) {
    _ = nghttp2_session_resume_data(session, streamID)
  }

  func resetStream(_ streamID: Int32, errorCode: HTTP2ErrorCode) {
    _ = nghttp2_submit_rst_stream(
      session, UInt8(NGHTTP2_FLAG_NONE.rawValue), streamID, errorCode.rawValue)
  }

  /// Reports that the application consumed `count` DATA bytes of a stream, reopening the
  /// stream and connection windows by that much.
  func consume(streamID: Int32, count: Int) {
    guard count > 0 else { return }
    if nghttp2_session_consume(session, streamID, count) != 0 {
      // The stream is gone; keep the connection window honest.
      _ = nghttp2_session_consume_connection(session, count)
    }
  }

  func consumeConnection(count: Int) {
    guard count > 0 else { return }
    _ = nghttp2_session_consume_connection(session, count)
  }

  // MARK: callback targets

  fileprivate func write(_ data: UnsafePointer<UInt8>, _ length: Int) -> Int {
    if output.readableBytes >= outputLimit { return Int(NGHTTP2_ERR_WOULDBLOCK.rawValue) }
    output.writeBytes(UnsafeRawBufferPointer(start: data, count: length))
    return length
  }

  fileprivate func readData(
    _ streamID: Int32, _ buf: UnsafeMutablePointer<UInt8>, _ length: Int,
    _ flags: UnsafeMutablePointer<UInt32>
  ) -> Int {
    switch delegate.sessionReadData(
      streamID: streamID, into: UnsafeMutableRawBufferPointer(start: buf, count: length))
    {
    case .bytes(let n):
      return n
    case .deferred:
      return Int(NGHTTP2_ERR_DEFERRED.rawValue)
    case .end(let n, let trailers):
      flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
      if let trailers {
        flags.pointee |= NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue
        let rv = trailers.withNameValues { nva, count in
          nghttp2_submit_trailer(session, streamID, nva, count)
        }
        if rv != 0 { return Int(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue) }
      }
      return n
    }
  }

  fileprivate func beginHeaders(_ streamID: Int32) {
    receivingHeaders.removeAll()
    receivingHeadersStream = streamID
  }

  fileprivate func header(
    _ streamID: Int32, _ name: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer
  ) {
    if streamID == receivingHeadersStream { receivingHeaders.add(name: name, value: value) }
  }

  fileprivate func frameReceived(_ frame: UnsafePointer<nghttp2_frame>) {
    let hd = frame.pointee.hd
    let endStream = hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
    switch UInt32(hd.type) {
    case NGHTTP2_HEADERS.rawValue:
      let category = frame.pointee.headers.cat
      let isTrailers = category == NGHTTP2_HCAT_HEADERS
      guard receivingHeadersStream == hd.stream_id else { return }
      receivingHeadersStream = 0
      delegate.sessionDidReceiveHeaders(
        streamID: hd.stream_id, headers: receivingHeaders, isTrailers: isTrailers,
        endStream: endStream)
    case NGHTTP2_DATA.rawValue:
      if endStream { delegate.sessionDidReceiveEndOfStream(streamID: hd.stream_id) }
    case NGHTTP2_PING.rawValue:
      let ack = hd.flags & UInt8(NGHTTP2_FLAG_ACK.rawValue) != 0
      var payload: UInt64 = 0
      withUnsafeBytes(of: frame.pointee.ping.opaque_data) { raw in
        for b in raw { payload = payload << 8 | UInt64(b) }
      }
      delegate.sessionDidReceivePing(ack: ack, payload: payload)
    case NGHTTP2_GOAWAY.rawValue:
      delegate.sessionDidReceiveGoAway(
        lastStreamID: frame.pointee.goaway.last_stream_id,
        errorCode: frame.pointee.goaway.error_code)
    case NGHTTP2_SETTINGS.rawValue:
      if hd.flags & UInt8(NGHTTP2_FLAG_ACK.rawValue) == 0 { delegate.sessionDidReceiveSettings() }
    default:
      break
    }
  }
}

extension NGHTTP2Error {
  fileprivate init(_ code: Int32, _ operation: String) {
    self.init(code: Int(code), operation: operation, text: String(cString: nghttp2_strerror(code)))
  }
}

extension HeaderBlock {
  /// Presents the block as an nghttp2 name/value array (nghttp2 copies the bytes on submit).
  fileprivate func withNameValues<R>(_ body: (UnsafePointer<nghttp2_nv>?, Int) -> R) -> R {
    if fields.isEmpty { return body(nil, 0) }
    return storage.withUnsafeBufferPointer { store in
      let base = UnsafeMutablePointer(mutating: store.baseAddress!)
      return withUnsafeTemporaryAllocation(of: nghttp2_nv.self, capacity: fields.count) { nva in
        for (i, f) in fields.enumerated() {
          nva[i] = nghttp2_nv(
            name: base + f.0, value: base + f.2, namelen: f.1, valuelen: f.3,
            flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue))
        }
        return body(UnsafePointer(nva.baseAddress!), fields.count)
      }
    }
  }
}

// MARK: - C trampolines (non-capturing: Swift 6 crashes on capturing C callbacks)

/// Calls `body` with the session behind `user_data` without retaining it: the session owns
/// the nghttp2 object and outlives every callback.
@inline(__always)
private func withOwner<R>(_ userData: UnsafeMutableRawPointer?, _ body: (NGHTTP2Session) -> R) -> R {
  Unmanaged<NGHTTP2Session>.fromOpaque(userData!)._withUnsafeGuaranteedRef(body)
}

private let sendCallback: nghttp2_send_callback = { _, data, length, _, userData in
  withOwner(userData) { $0.write(data!, length) }
}

private let beginHeadersCallback: nghttp2_on_begin_headers_callback = { _, frame, userData in
  withOwner(userData) { $0.beginHeaders(frame!.pointee.hd.stream_id) }
  return 0
}

private let headerCallback: nghttp2_on_header_callback = {
  _, frame, name, nameLength, value, valueLength, _, userData in
  withOwner(userData) {
    $0.header(
      frame!.pointee.hd.stream_id, UnsafeRawBufferPointer(start: name, count: nameLength),
      UnsafeRawBufferPointer(start: value, count: valueLength))
  }
  return 0
}

private let frameRecvCallback: nghttp2_on_frame_recv_callback = { _, frame, userData in
  withOwner(userData) { $0.frameReceived(frame!) }
  return 0
}

private let dataChunkCallback: nghttp2_on_data_chunk_recv_callback = {
  _, _, streamID, data, length, userData in
  withOwner(userData) {
    $0.delegate.sessionDidReceiveData(
      streamID: streamID, bytes: UnsafeRawBufferPointer(start: data, count: length))
  }
  return 0
}

private let streamCloseCallback: nghttp2_on_stream_close_callback = {
  _, streamID, errorCode, userData in
  withOwner(userData) { $0.delegate.sessionDidCloseStream(streamID: streamID, errorCode: errorCode) }
  return 0
}

private let frameSendCallback: nghttp2_on_frame_send_callback = { _, frame, userData in
  let hd = frame!.pointee.hd
  let type = UInt32(hd.type)
  guard type == NGHTTP2_HEADERS.rawValue || type == NGHTTP2_DATA.rawValue else { return 0 }
  let endStream = hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
  withOwner(userData) { owner in
    owner.delegate.sessionDidSendHeadersOrData()
    if endStream { owner.delegate.sessionDidSendEndOfStream(streamID: hd.stream_id) }
  }
  return 0
}

private let dataReadCallback: nghttp2_data_source_read_callback = {
  _, streamID, buf, length, flags, _, userData in
  withOwner(userData) { $0.readData(streamID, buf!, length, flags!) }
}
