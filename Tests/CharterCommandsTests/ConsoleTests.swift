import Foundation
import TestSupport
import Testing

/// The terminal around a password prompt, driven through a real pseudo-terminal (Python's
/// `pty`) against the built `charter` executable.
@Suite("Console")
struct ConsoleTests {
  @Test("the password is not echoed, and echo comes back after an answer and after Ctrl-C")
  func passwordPromptRestoresEcho() async throws {
    let charter = ChildProcess.buildProducts.appendingPathComponent("charter").path
    #expect(FileManager.default.isExecutableFile(atPath: charter), "build charter first")
    let script = ChildProcess.repositoryRoot.appendingPathComponent("Tests/Interop/cli/password_prompt.py").path
    let driver = try ChildProcess.python(script, [charter])
    let status = await driver.waitForExit(timeout: .seconds(90))
    #expect(driver.stdout.contains("answered: exit=1 echo=on"), "\(driver.stdout)\(driver.stderr)")
    #expect(driver.stdout.contains("interrupted: exit=130 echo=on"), "\(driver.stdout)\(driver.stderr)")
    #expect(status == 0, "\(driver.stdout)\(driver.stderr)")
  }
}
