# Allocates and touches memory in 32 MB steps up to 4 GB (contract: a memory hog ends as out-of-memory).
blocks = []
for i in range(128):
    blocks.append(bytearray(32 * 1024 * 1024))
    print("allocated", (i + 1) * 32, "MB", flush=True)
print("HOG-SURVIVED")
