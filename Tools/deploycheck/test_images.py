"""Each container definition under deploy/images can run its executable: the runtime stage's
packages bring every shared library the built binary really loads, the image runs as a non-root
user, keeps its data in a volume, and leaves health checks to the orchestrator."""

import re
import unittest

import charter_deploy as deploy


class ImageDefinitions(unittest.TestCase):
    def test_every_deployable_executable_has_exactly_one_image(self):
        defined = sorted(p.parent.name for p in deploy.IMAGES.glob("*/Dockerfile"))
        self.assertEqual(defined, deploy.shipped_executables())

    def test_runtime_packages_cover_the_binarys_ldd_closure(self):
        for exe in deploy.shipped_executables():
            with self.subTest(exe=exe):
                binary = deploy.executable(exe)
                self.assertIsNotNone(binary, f"{exe} is not built")
                listed = deploy.runtime_packages(deploy.dockerfile(exe).read_text())
                self.assertEqual(deploy.missing_runtime_packages(binary, listed), {})

    def test_the_check_notices_a_missing_library(self):
        binary = deploy.executable("charter-registry")
        listed = deploy.runtime_packages(deploy.dockerfile("charter-registry").read_text())
        missing = deploy.missing_runtime_packages(binary, listed - {"libsqlite3-0", "sqlite3"})
        self.assertIn("libsqlite3-0", missing.values())

    def test_images_are_multi_stage_non_root_with_a_data_volume_and_no_healthcheck(self):
        roster = deploy.roster()
        for exe in deploy.shipped_executables():
            with self.subTest(exe=exe):
                text = deploy.dockerfile(exe).read_text()
                self.assertGreaterEqual(len(re.findall(r"^FROM ", text, re.M)), 2, "multi-stage")
                user = re.search(r"^USER (\S+)", text, re.M)
                self.assertIsNotNone(user)
                self.assertNotIn(user.group(1).split(":")[0], {"0", "root"})
                self.assertRegex(text, r"(?m)^HEALTHCHECK NONE$")
                self.assertIn(f'ENTRYPOINT ["/usr/local/bin/{exe}"]', text)
                port = roster[exe]["port"]
                self.assertRegex(text, rf"(?m)^EXPOSE {port}\b")
                self.assertRegex(text, rf"(?m)^ENV .*\bPORT={port}\b")
                options = deploy.help_options(exe)
                if roster[exe]["grpc_service"]:  # every gRPC service keeps a store; the gateway none
                    self.assertRegex(text, r"(?m)^VOLUME /var/lib/charter$")
                    self.assertIn("DATA_DIR=/var/lib/charter", text)
                # Every ENV name the image sets is a setting the executable reads.
                settings = {env for env, _ in options.values()}
                for name in re.findall(r"\b([A-Z_]+)=", " ".join(re.findall(r"(?m)^ENV (.*)$", text))):
                    self.assertIn(name, settings, f"{exe} has no setting {name}")


if __name__ == "__main__":
    unittest.main()
