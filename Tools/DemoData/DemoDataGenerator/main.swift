print("charter-demo-data: not yet built")
