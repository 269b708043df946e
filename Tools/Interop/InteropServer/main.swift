print("charter-interop-server: not yet built")
