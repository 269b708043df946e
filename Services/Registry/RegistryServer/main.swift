print("charter-registry: not yet built")
