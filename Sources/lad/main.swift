import Interpreter
print("lad")
