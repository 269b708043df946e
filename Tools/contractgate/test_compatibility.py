"""The compatibility gate fails on every kind of wire break and passes additions.

Each case compiles a small contract before and after one change with protoc and runs the gate.
Run: python3 -m unittest Tools/contractgate/test_compatibility.py
"""
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import compatibility  # noqa: E402

BASE = """
syntax = "proto3";
package gate.v1;
enum Level { LEVEL_UNSPECIFIED = 0; LEVEL_COMMITTED = 1; LEVEL_RECOGNISED = 2; }
message School { string urn = 1; string name = 2; Level level = 3; repeated string tags = 4; }
message GetSchoolRequest { string urn = 1; }
service Schools {
  rpc GetSchool(GetSchoolRequest) returns (School);
  rpc WatchSchools(GetSchoolRequest) returns (stream School);
}
"""


def compile_proto(text):
    directory = tempfile.mkdtemp(prefix="gate-")
    with open(os.path.join(directory, "gate.proto"), "w") as f:
        f.write(text)
    out = os.path.join(directory, "gate.binpb")
    subprocess.run(["protoc", f"-I{directory}", f"--descriptor_set_out={out}", "gate.proto"], check=True)
    return compatibility.load(out)


def check(after):
    return compatibility.breaks(compile_proto(BASE), compile_proto(after))


class CompatibilityGateTests(unittest.TestCase):
    def assertBreaks(self, after, words):
        found = check(after)
        self.assertTrue(any(words in line for line in found), f"expected a break mentioning {words!r}, got {found}")

    def test_removed_field(self):
        self.assertBreaks(BASE.replace(" string name = 2;", ""), "School.name (2) was removed")

    def test_renumbered_field(self):
        self.assertBreaks(BASE.replace("string name = 2;", "string name = 5;"), "renumbered from 2 to 5")

    def test_changed_type(self):
        self.assertBreaks(BASE.replace("string name = 2;", "bytes name = 2;"), "changed type from string to bytes")

    def test_changed_cardinality(self):
        self.assertBreaks(BASE.replace("repeated string tags = 4;", "string tags = 4;"), "from repeated to singular")

    def test_reused_field_number(self):
        self.assertBreaks(BASE.replace("string name = 2;", "string town = 2;"), "number 2 of gate.v1.School was reused")

    def test_removed_rpc(self):
        self.assertBreaks(BASE.replace("rpc WatchSchools(GetSchoolRequest) returns (stream School);", ""),
                          "rpc gate.v1.Schools/WatchSchools was removed")

    def test_changed_rpc_streaming(self):
        self.assertBreaks(BASE.replace("returns (stream School)", "returns (School)"), "changed server streaming")

    def test_removed_enum_value(self):
        self.assertBreaks(BASE.replace(" LEVEL_RECOGNISED = 2;", ""), "LEVEL_RECOGNISED (2) was removed")

    def test_removed_message(self):
        after = BASE.replace("message GetSchoolRequest { string urn = 1; }", "").replace(
            "GetSchoolRequest", "School")
        self.assertBreaks(after, "message gate.v1.GetSchoolRequest was removed")

    def test_additions_pass(self):
        after = (BASE.replace("repeated string tags = 4;", "repeated string tags = 4; string town = 5;")
                 .replace("LEVEL_RECOGNISED = 2;", "LEVEL_RECOGNISED = 2; LEVEL_ICT_MARK = 3;")
                 .replace("service Schools {", "message Extra { int32 n = 1; }\nservice Schools {\n"
                          "  rpc ListSchools(GetSchoolRequest) returns (stream School);"))
        self.assertEqual(check(after), [])

    def test_the_repository_contracts_pass_against_the_released_set(self):
        root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
        result = subprocess.run([os.path.join(root, "Tools", "check-compatibility.sh")], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)


if __name__ == "__main__":
    unittest.main()
