import CompressNIO
import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore

/// One file the gateway serves as it is: bytes, type, ETag and a gzip copy made once.
struct StaticAsset: Sendable {
  let bytes: ByteBuffer
  let gzipped: ByteBuffer?
  let contentType: String
  let etag: String
  let cacheControl: String

  init(_ data: [UInt8], contentType: String, cacheControl: String) {
    bytes = ByteBuffer(bytes: data)
    var copy = bytes
    let compressed = data.count >= 1024 ? try? copy.compress(with: .gzip()) : nil
    gzipped = compressed.flatMap { $0.readableBytes < data.count ? $0 : nil }
    self.contentType = contentType
    etag = Reply.etag(of: data)
    self.cacheControl = cacheControl
  }

  func response(to request: Request) -> Response {
    var headers = HTTPFields()
    headers[.eTag] = etag
    headers[.cacheControl] = cacheControl
    headers[.vary] = "Accept-Encoding"
    if let match = request.headers[.ifNoneMatch],
      match.split(separator: ",").contains(where: { String($0).trimmingSpaces == etag })
    {
      return Response(status: .notModified, headers: headers)
    }
    headers[.contentType] = contentType
    if let gzipped, request.headers[.acceptEncoding]?.contains("gzip") ?? false {
      headers[.contentEncoding] = "gzip"
      return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: gzipped))
    }
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: bytes))
  }
}

/// The map page and what it loads: the page's own small hand-written HTML, JS and CSS and the
/// Great Britain outline (embedded in the executable), and Leaflet with marker clustering from
/// Debian's `libjs-leaflet` and `libjs-leaflet.markercluster` (read once from their directory).
/// Nothing comes from a CDN.
public struct MapPage: Sendable {
  /// Where Debian installs Leaflet and the marker-cluster plugin.
  public static let debianLeafletDirectory = "/usr/share/javascript/leaflet"
  /// The files of that directory the page uses, by the path it asks for under `/vendor/leaflet/`.
  static let leafletFiles = [
    "leaflet.js", "leaflet.css", "leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css",
    "images/layers.png", "images/layers-2x.png", "images/marker-icon.png", "images/marker-icon-2x.png",
    "images/marker-shadow.png",
  ]

  let assets: [String: StaticAsset]

  /// - Parameters:
  ///   - leafletDirectory: Debian's Leaflet directory (or a copy of it).
  ///   - tileURL: a tile server URL template (`https://tiles.example/{z}/{x}/{y}.png`) for
  ///     deployments that have one; `nil` draws the shipped outline on a plain background.
  /// - Throws: ``MapPageError`` naming a Leaflet file that cannot be read.
  public init(leafletDirectory: String = MapPage.debianLeafletDirectory, tileURL: String?) throws(MapPageError) {
    var assets: [String: StaticAsset] = [:]
    let day = "public, max-age=86400"
    for file in Self.leafletFiles {
      let path = leafletDirectory + "/" + file
      // leaflet.js is served from Debian's minified copy when there is one.
      let minified = file.hasSuffix(".js") ? path.replacingOccurrences(of: ".js", with: ".min.js") : path
      guard let data = FileManager.default.contents(atPath: minified) ?? FileManager.default.contents(atPath: path)
      else {
        throw MapPageError(path: path)
      }
      assets["/vendor/leaflet/" + file] = StaticAsset(Array(data), contentType: Self.type(of: file), cacheControl: day)
    }
    let short = "public, max-age=300"
    assets["/static/app.js"] = StaticAsset(
      Array(PackageResources.app_js), contentType: "text/javascript; charset=utf-8", cacheControl: short)
    assets["/static/app.css"] = StaticAsset(
      Array(PackageResources.app_css), contentType: "text/css; charset=utf-8", cacheControl: short)
    assets["/static/gb-outline.geojson"] = StaticAsset(
      Array(PackageResources.gb_outline_geojson), contentType: "application/geo+json", cacheControl: day)
    var html = String(decoding: PackageResources.index_html, as: UTF8.self)
    html = html.replacingOccurrences(of: "{{TILE_URL}}", with: Self.attributeEscaped(tileURL ?? ""))
    assets["/"] = StaticAsset(Array(html.utf8), contentType: "text/html; charset=utf-8", cacheControl: "no-cache")
    self.assets = assets
  }

  static func type(of file: String) -> String {
    if file.hasSuffix(".js") { return "text/javascript; charset=utf-8" }
    if file.hasSuffix(".css") { return "text/css; charset=utf-8" }
    if file.hasSuffix(".png") { return "image/png" }
    return "application/octet-stream"
  }

  static func attributeEscaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
      .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
  }

  public func add(to router: Router<GatewayRequestContext>) {
    for (path, asset) in assets {
      router.get(RouterPath(path)) { request, _ in asset.response(to: request) }
    }
  }
}

/// A Leaflet file the page needs could not be read (is `libjs-leaflet` installed?).
public struct MapPageError: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var description: String { "cannot read \(path) (install libjs-leaflet and libjs-leaflet.markercluster)" }
}
