print("charter: not yet built")
