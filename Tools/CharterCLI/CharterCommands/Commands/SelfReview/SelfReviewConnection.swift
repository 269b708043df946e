internal import Contracts
internal import RPCCore

/// A self-review client with what every call of one command sends: deadline and token.
struct SelfReviewConnection {
  let client: SelfReview.Client
  let callOptions: CallOptions
  let credential: Credential?

  /// The call options without a deadline, for a feed followed until interrupted.
  var streamingOptions: CallOptions {
    CallOptions(timeout: nil, metadata: callOptions.metadata)
  }
}
